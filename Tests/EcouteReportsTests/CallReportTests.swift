import EcouteCore
import Foundation
import Testing
import EcouteTestSupport
@testable import EcouteReports

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

    @Test func jsonParsesAndCarriesTheSummary() throws {
        let object = try JSONSerialization.jsonObject(with: Data(render(.json).utf8)) as! [String: Any]
        let summary = object["summary"] as! [String: Any]
        #expect(summary["calls"] as? Int == 4 && summary["median_seconds"] as? Int == 1350)
        #expect((summary["unfinished"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c5"])
        #expect(summary["risky_calls_incomplete"] as? [String] == ["c3", "c4"])
        #expect((object["calls"] as! [[String: Any]]).allSatisfy { $0["notes"] == nil })
    }
}
