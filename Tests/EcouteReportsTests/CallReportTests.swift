import EcouteCore
import Foundation
import Testing
import EcouteTestSupport
@testable import EcouteReports
import EcouteCore

/// `ecoute report` in each format, against golden files (Tests/EcouteReportsTests/Golden/).
@Suite struct CallReportTests {
    typealias F = ReviewFixtures
    static let query = CallQuery(from: F.at(20, 0), to: F.at(8, 0, nextDay: true), operatorName: "psy-a")
    static let generated = F.at(9, 0, nextDay: true)

    func scope(withNotes: Bool = false, _ language: Language = .fr) -> CallReport.Scope {
        CallReport.Scope(query: Self.query, withNotes: withNotes, generatedAt: Self.generated, timeZone: F.utc,
                         strings: TestResources.strings(language))
    }

    func render(_ format: CallReport.Format, withNotes: Bool = false, _ language: Language = .fr) -> String {
        CallReport.render(format, calls: F.nightShift, scope: scope(withNotes: withNotes, language))
    }

    @Test(arguments: [CallReport.Format.csv, .json, .md])
    func eachFormatMatchesItsGoldenFile(_ format: CallReport.Format) throws {
        try assertGolden(render(format), file: "Golden/night-shift.\(format.rawValue)", besides: #filePath)
    }

    @Test func markdownInEnglishAndWithNotes() throws {
        try assertGolden(render(.md, withNotes: true, .en), file: "Golden/night-shift-notes.en.md", besides: #filePath)
    }

    @Test(arguments: CallReport.Format.allCases)
    func aReportOfNoCallIsWellFormed(_ format: CallReport.Format) throws {
        let text = CallReport.render(format, calls: [], scope: scope())
        switch format {
        case .csv: #expect(try CSV.parse(text).count == 1)
        case .json:
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            #expect((object["calls"] as! [Any]).isEmpty && (object["summary"] as! [String: Any])["calls"] as? Int == 0)
        case .md: #expect(text.contains("| \(TestResources.french["report.calls"]) | 0 |"))
        }
    }

    /// Reports stream: each call is asked for once per pass and written as it comes, and the
    /// output grows while the source is still being read.
    @Test func callsAreWrittenAsTheyAreRead() throws {
        let output = StringOutput()
        var lengthsSeen: [Int] = []
        try CallReport.write(.csv, from: { body in
            for c in F.nightShift {
                lengthsSeen.append(output.text.count)
                try body(c)
            }
        }, scope: scope(), to: output)
        #expect(lengthsSeen.count == F.nightShift.count)
        #expect(zip(lengthsSeen, lengthsSeen.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aShiftReportNamesItsOperatorAndTimes() {
        let shift = Shift(id: "s1", operatorName: "psy-a", startedAt: F.at(22, 0), endedAt: F.at(2, 5, nextDay: true), callCount: 5,
                          totalDuration: 85 * 60)
        let scope = CallReport.Scope(query: CallQuery(shiftID: "s1"), withNotes: false, generatedAt: Self.generated, timeZone: F.utc,
                                     strings: TestResources.french, shift: shift)
        let md = CallReport.render(.md, calls: F.nightShift, scope: scope)
        #expect(md.contains("permanence de psy-a, du 2026-11-24T22:00:00+00:00 au 2026-11-25T02:05:00+00:00 (n° s1)"))
    }

    @Test func markdownCellsKeepTheirRowOnOneLine() throws {
        var c = F.nightShift[0]
        c.notes = "deux\nlignes | et une barre"
        let md = CallReport.render(.md, calls: [c], scope: scope(withNotes: true))
        let row = try #require(md.split(separator: "\n").first { $0.contains("deux") })
        #expect(row.contains("deux lignes / et une barre"))
    }

    @Test func csvIsOneRowPerCallAndKeepsNotesOutUnlessAsked() throws {
        let csv = render(.csv)
        #expect(csv.hasPrefix("\u{FEFF}call_id,"))
        let records = try CSV.parse(csv)
        #expect(records.count == 1 + F.nightShift.count)
        #expect(records.allSatisfy { $0.fields.count == records[0].fields.count })
        #expect(!csv.contains("Note de c1"))
        let withNotes = try CSV.parse(render(.csv, withNotes: true))
        #expect(withNotes[0].fields.last == "notes" && withNotes[1].fields.last == "Note de c1")
        #expect(records[3].fields[CSVCallReport.columns.firstIndex(of: "referrals_given")!] == "emergency;emergency;emergency;unit")
    }

    @Test func theFollowUpIsFreeTextAndLeavesOnlyWithTheNotes() throws {
        var calls = F.nightShift
        calls[0].followUp = "rappeler au 06 12 34 56 78 jeudi"
        for format in [CallReport.Format.csv, .json, .md] {
            let text = CallReport.render(format, calls: calls, scope: scope(withNotes: false, .fr))
            #expect(!text.contains("06 12 34 56 78"), "\(format)")
        }
        let withNotes = try CSV.parse(CallReport.render(.csv, calls: calls, scope: scope(withNotes: true, .fr)))
        let column = try #require(withNotes[0].fields.firstIndex(of: "follow_up"))
        #expect(withNotes[1].fields[column] == "rappeler au 06 12 34 56 78 jeudi")
    }

    @Test func anAlertRaisedByMistakeIsFlaggedInTheCSV() throws {
        var calls = F.nightShift
        let t = calls[0].pickedUpAt
        calls[0].alerts = [Alert(id: "m1", callID: "c1", operatorName: "psy-a", departement: "69", level: .imminentRisk,
                                 reason: .imminentRisk, callElapsed: 60, raisedAt: t + 60,
                                 raisedByMistake: RaisedByMistake(reason: "F9 au lieu de F5", markedAt: t + 70))]
        let rows = try CSV.parse(CallReport.render(.csv, calls: calls, scope: scope(withNotes: false, .fr)))
        let column = try #require(rows[0].fields.firstIndex(of: "alert_raised_by_mistake"))
        #expect(rows[1].fields[column] == "yes")   // c1, marked by its psychologist
        #expect(rows[3].fields[column] == "no")    // c3's alert is a real one
        #expect(rows[2].fields[column] == "")      // c2 had none
        #expect(!rows.flatMap(\.fields).contains { $0.contains("F9 au lieu") })   // the reason's words stay out
    }

    @Test func jsonParsesAndCarriesTheSummary() throws {
        let object = try JSONSerialization.jsonObject(with: Data(render(.json).utf8)) as! [String: Any]
        let summary = object["summary"] as! [String: Any]
        #expect(summary["calls"] as? Int == 4 && summary["median_seconds"] as? Int == 1350)
        #expect((summary["unfinished"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c5"])
        #expect(summary["risky_calls_incomplete"] as? [String] == ["c3", "c4"])
        #expect((object["calls"] as! [[String: Any]]).allSatisfy { $0["notes"] == nil })
    }
}

/// A cell a spreadsheet would run as a formula is written as text, in every field.
@Suite struct CSVInjectionTests {
    typealias F = ReviewFixtures

    @Test func formulaStartsAreNeutralizedAndRestored() {
        for text in ["=HYPERLINK(\"http://x\")", "+33 6 00 00 00 00", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSV.neutralized(text) == "'" + text)
            #expect(CSV.restored(CSV.neutralized(text)) == text)
        }
        #expect(CSV.neutralized("Dr Martin") == "Dr Martin")
        #expect(CSV.restored("'ordinaire") == "'ordinaire")   // a quote before a harmless letter stays
    }

    @Test func pythonsCSVReaderSeesTextNeverAFormula() throws {
        var c = F.nightShift[0]
        c.notes = "=HYPERLINK(\"http://exemple.org\",\"clic\")"
        c.profile.departement = "+33"
        let scope = CallReport.Scope(query: CallQuery(), withNotes: true, generatedAt: F.at(9, 0), timeZone: F.utc,
                                     strings: TestResources.french)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("injection-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(CallReport.render(.csv, calls: [c], scope: scope).utf8).write(to: file)
        let output = try TestProcess.run(["python3", "-c", """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            header, row = rows[0], rows[1]
            print(row[header.index('notes')]); print(row[header.index('departement')])
            print(all(not f or f[0] not in '=+-@\\t\\r' for r in rows for f in r))
            """, file.path])
        let lines = output.split(separator: "\n")
        #expect(lines == ["'=HYPERLINK(\"http://exemple.org\",\"clic\")", "'+33", "True"])
    }
}

@Suite struct TimestampTests {
    @Test func jsonTimesCarryTheirOffsetSummerAndWinter() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(Formatting.isoTimestamp(ReviewFixtures.at(22, 10), timeZone: paris) == "2026-11-24T23:10:00+01:00")
        let july = Date(timeIntervalSince1970: 1_784_000_000)   // 2026-07-14
        #expect(Formatting.isoTimestamp(july, timeZone: paris).hasSuffix("+02:00"))
        #expect(Formatting.isoTimestamp(july, timeZone: TimeZone(identifier: "America/Martinique")!).hasSuffix("-04:00"))
    }
}

/// A CSV row built as bytes is the row `CSV.formatForSpreadsheet` writes.
@Suite struct CSVRowTests {
    @Test func bytesAreWhatTheSpreadsheetFormatWrites() {
        let samples = ["", "simple", "=1+1", "+33 6", "-5", "@SUM", "\tx", "\rx", "a,b", "dit \"non\"", "ligne\nsuivante", "=\"x\",y",
                       "é à ç", "'quoted", "3114", "c'est ça"]
        for a in samples {
            for b in samples {
                var row = CSVRow()
                row.field(a)
                row.field(b)
                row.number(-5)
                row.end()
                #expect(String(decoding: row.bytes, as: UTF8.self) == CSV.formatForSpreadsheet([a, b, "-5"]) + "\r\n", "\(a) | \(b)")
            }
        }
    }

    @Test func aListIsTheFieldOfItsPartsJoined() {
        let samples = ["", "gp", "psychologist", "=1+1", "a,b", "dit \"non\"", "ligne\nsuivante", "é", "-5", "'x"]
        var lists: [[String]] = [[]]
        for a in samples {
            lists.append([a])
            for b in samples { lists.append([a, b]); lists.append([b, "gp", a]) }
        }
        for before in [nil, "=lead", "plain"] {
            for parts in lists {
                var listed = CSVRow(), joined = CSVRow()
                if let before { listed.field(before); joined.field(before) }
                listed.list(parts)
                joined.field(parts.joined(separator: ";"))
                listed.number(3)
                joined.number(3)
                #expect(listed.bytes == joined.bytes, "\(before ?? "first") | \(parts)")
            }
        }
    }
}

/// Each call of a JSON report, written as bytes, is what the encoder writes, whatever the text.
@Suite struct JSONWriterTests {
    @Test(arguments: ["UTC", "Europe/Paris", "America/St_Johns", "Asia/Kathmandu"])
    func everyCallIsWrittenAsTheEncoderWouldWriteIt(_ zone: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let texts = ["", "simple", "dit \"non\" / oui", "ligne\nsuivante\r\tfin", "anti\\slash", "bip\u{1}\u{7}\u{1F}", "café ☕️ 🧑🏽‍⚕️",
                     "\u{8}\u{C}", "</script>"]
        for withNotes in [false, true] {
            let scope = CallReport.Scope(query: CallQuery(), withNotes: withNotes, generatedAt: ReviewFixtures.day, timeZone: tz,
                                         strings: TestResources.strings(.fr))
            for (i, base) in ReviewFixtures.nightShift.enumerated() {
                for text in texts {
                    var c = base
                    c.notes = text
                    c.operatorName = "psy " + text
                    c.followUp = text
                    if i % 2 == 0 { c.referralGaps = [.gp: ReferralGap(reason: .other, note: text)] }
                    var offsets = UTCOffsets(tz)
                    var writer = JSONWriter(indent: 4)
                    JSONCallReport.append(c, scope, &offsets, to: &writer)
                    let expected = JSONCallReport.indented(try encoder.encode(JSONCallReport.call(c, scope)), by: "    ")
                    #expect("    " + String(decoding: writer.bytes, as: UTF8.self) == expected, "\(zone) \(text.debugDescription)")
                }
            }
        }
    }
}

/// Markdown reads its calls once; the rows it writes aside are in no file anyone can open.
@Suite struct MarkdownSpoolTests {
    @Test func callsAreReadOnceAndTheRowsLeaveNoFileBehind() throws {
        let folder = FileManager.default.temporaryDirectory
        func spools() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("ecoute-report-") }
        }
        let before = try spools()
        var reads = 0
        var seenDuring: [String] = []
        let output = StringOutput()
        let scope = CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: ReviewFixtures.day, timeZone: ReviewFixtures.utc,
                                     strings: TestResources.strings(.fr))
        try CallReport.write(.md, from: { body in
            reads += 1
            for c in ReviewFixtures.nightShift { try body(c) }
            seenDuring = try spools()
        }, scope: scope, to: output)
        #expect(reads == 1)
        #expect(Set(seenDuring).subtracting(before).isEmpty)
        #expect(Set(try spools()).subtracting(before).isEmpty)
        #expect(output.text == CallReport.render(.md, calls: ReviewFixtures.nightShift, scope: scope))
        #expect(output.text.contains("| 2026-11-25T01:20:00+00:00 · psy-a |"))
    }
}

extension MarkdownSpoolTests {
    /// Rows beyond what the spool keeps in memory go through its file and come back whole, in order.
    @Test func rowsBeyondTheMemoryBufferComeBackWholeAndInOrder() throws {
        let template = try #require(ReviewFixtures.nightShift.first { $0.phase == .saved })
        let calls = (0..<3_000).map { i -> CallDraft in
            var c = template
            c.id = "spool-\(i)"
            c.operatorName = "psy-" + Formatting.zeroPadded(i, 5)
            return c
        }
        let scope = CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: ReviewFixtures.day, timeZone: ReviewFixtures.utc,
                                     strings: TestResources.strings(.fr))
        let text = CallReport.render(.md, calls: calls, scope: scope)
        let rows = text.split(separator: "\n").filter { $0.contains(" · psy-") }
        #expect(text.utf8.count > 3 << 16)   // several times what stays in memory
        #expect(rows.count == calls.count)
        for (i, row) in rows.enumerated() where !row.contains(" · psy-" + Formatting.zeroPadded(i, 5) + " |") {
            Issue.record("row \(i) is \(row)")
            break
        }
    }
}

/// The JSON writer's buffer holds what an array would, across its growth.
@Suite struct ByteBufferTests {
    @Test func appendsAreWhatAnArrayHolds() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            switch round % 4 {
            case 0:
                let byte = UInt8.random(in: 0...255, using: &generator)
                buffer.append(byte); expected.append(byte)
            case 1:
                let run = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                run.withUnsafeBufferPointer { buffer.append($0) }
                expected += run
            case 2:
                let n = Int.random(in: 0...70, using: &generator)
                buffer.append(repeating: 0x20, count: n); expected += Array(repeating: 0x20, count: n)
            default:
                buffer.append("\" : "); expected += Array("\" : ".utf8)
            }
            if round == 1_000 {
                #expect(buffer.bytes == expected)
                buffer.removeAll(); expected.removeAll()
            }
        }
        #expect(buffer.count == expected.count)
        #expect(buffer.bytes == expected)
    }
}

/// A report the store refuses (a psychologist asking for another operator's calls) writes
/// nothing: not a header, not an opening brace, not a file.
@Suite struct RefusedReportTests {
    typealias F = ReviewFixtures
    let refusing: CallReport.CallSource = { _ in throw AccessDenied("psy-a (psychologist) cannot see the calls of psy-b") }

    func scope() -> CallReport.Scope {
        CallReport.Scope(query: CallQuery(operatorName: "psy-b"), withNotes: false, generatedAt: F.day, timeZone: F.utc,
                         strings: TestResources.french)
    }

    @Test(arguments: CallReport.Format.allCases)
    func aRefusedCallReportWritesNothing(_ format: CallReport.Format) {
        let output = StringOutput()
        #expect(throws: AccessDenied.self) { try CallReport.write(format, from: refusing, scope: scope(), to: output) }
        #expect(output.text.isEmpty)
    }

    @Test(arguments: ActivityReport.Format.allCases)
    func aRefusedActivityReportWritesNothing(_ format: ActivityReport.Format) {
        let output = StringOutput()
        let options = ActivityReport.Options(from: ActivityFixtures.start, to: ActivityFixtures.end, grouping: .month, maskSmall: false,
                                             byDepartement: false, perOperator: false, generatedAt: ActivityFixtures.end,
                                             timeZone: F.utc, strings: TestResources.french, geography: TestResources.geography)
        #expect(throws: AccessDenied.self) { try ActivityReport.write(format, from: refusing, options, to: output) }
        #expect(output.text.isEmpty)
    }

    /// Standard output sends what it holds only when flushed: a report dropped after an error
    /// sends nothing of what it had buffered.
    @Test func standardOutputSendsNothingUnlessFlushed() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        do {
            let out = StandardOutput(descriptor: fds[1])
            try out.write("call_id,operator\r\n")
        }
        close(fds[1])
        var byte: UInt8 = 0
        #expect(read(fds[0], &byte, 1) == 0)
    }

    @Test func aRefusedReportToAFileLeavesNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let file = try FileOutput(path: folder.appendingPathComponent("report.csv").path)
            #expect(throws: AccessDenied.self) { try CallReport.write(.csv, from: refusing, scope: scope(), to: file) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
