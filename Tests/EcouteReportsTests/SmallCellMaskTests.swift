import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// `--mask-small` holds against arithmetic: an attacker holding the masked JSON report (every
/// period, the whole, every operator) tries to work each masked count back by complements (a
/// total minus its other cells), shares × totals, means × counts and the cross-tables (periods
/// against the whole, operators against the whole, levels 4 and 5 against the level 4–5 calls,
/// callers against calls). The attack is written here from the report's layout, not from the
/// masking code.
@Suite struct SmallCellMaskTests {
    static let utc = TimeZone(identifier: "UTC")!
    /// 2026-09-01 00:00 UTC.
    static let september = Date(timeIntervalSince1970: 1_788_220_800)
    /// 2026-11-01 00:00 UTC.
    static let november = Date(timeIntervalSince1970: 1_793_491_200)

    /// Worked by hand (saved calls, every one 20 min but a5 and b7, 30 min):
    ///
    /// | month | psy-a | psy-b |
    /// |---|---|---|
    /// | 2026-09 | a1–a5: levels 1, 1, 1, 2, 3 (a1 with addiction) | b1–b3: levels 3, 3, 4 |
    /// | 2026-10 | a6–a7: levels 0, 2 | b4–b8: levels 3, 3, 3, 3, 1 |
    ///
    /// September 8 calls, October 7, 15 in all; psy-a 7, psy-b 8. Levels over the whole: 0: 1,
    /// 1: 4, 2: 2, 3: 7, 4: 1, 5: 0. Addiction: 1 call (a1). Over 25 minutes: a5 and b7, 2 calls.
    /// Callers: nurses all but b1–b3 (physicians, 3).
    static let calls: [CallDraft] = {
        func call(_ id: String, day: Int, by name: String, _ level: ClassificationLevel, minutes: Int = 20, addiction: Bool = false,
                  _ profession: Profession = .infirmier) -> CallDraft {
            var c = CallDraft(id: id, operatorName: name, pickedUpAt: september + TimeInterval(day * 86_400))
            c.profile = CallerProfile(category: .professional, profession: profession, status: .salaried, departement: "69")
            c.level = level
            c.addiction = addiction
            c.endedAt = c.pickedUpAt + TimeInterval(minutes * 60)
            c.endReason = .hungUp
            c.phase = .saved
            c.savedAt = c.endedAt! + 60
            c.updatedAt = c.savedAt!
            return c
        }
        return [
            call("a1", day: 1, by: "psy-a", .anxiety, addiction: true), call("a2", day: 2, by: "psy-a", .anxiety),
            call("a3", day: 3, by: "psy-a", .anxiety), call("a4", day: 4, by: "psy-a", .depression),
            call("a5", day: 5, by: "psy-a", .burnout, minutes: 30),
            call("b1", day: 6, by: "psy-b", .burnout, .medecin), call("b2", day: 7, by: "psy-b", .burnout, .medecin),
            call("b3", day: 8, by: "psy-b", .suicidalIdeation, .medecin),
            call("a6", day: 31, by: "psy-a", .administrative), call("a7", day: 32, by: "psy-a", .depression),
            call("b4", day: 33, by: "psy-b", .burnout), call("b5", day: 34, by: "psy-b", .burnout), call("b6", day: 35, by: "psy-b", .burnout),
            call("b7", day: 36, by: "psy-b", .burnout, minutes: 30), call("b8", day: 37, by: "psy-b", .anxiety),
        ]
    }()

    func options(mask: Bool) -> ActivityReport.Options {
        ActivityReport.Options(from: Self.september, to: Self.november, grouping: .month, maskSmall: mask, byDepartement: true,
                               perOperator: true, generatedAt: Self.november, timeZone: Self.utc, strings: TestResources.french,
                               geography: TestResources.geography)
    }

    func report(_ format: ActivityReport.Format, mask: Bool = true) throws -> String {
        let output = StringOutput()
        try ActivityReport.write(format, from: { body in for c in Self.calls { try body(c) } }, options(mask: mask), to: output)
        return output.text
    }

    /// The small counts are masked, the large ones published (by hand, from the table above).
    @Test func theSmallCountsAreMaskedAndTheLargeOnesPublished() throws {
        let json = try JSONSerialization.jsonObject(with: Data(try report(.json).utf8)) as! [String: Any]
        let total = json["total"] as! [String: Any]
        #expect(total["calls"] as? Int == 15)
        let levels = total["levels"] as! [String: Any]
        #expect(levels["3"] as? Int == 7)
        for small in ["0", "1", "2", "4"] { #expect(levels[small] is NSNull, "level \(small)") }
        #expect(total["addiction_share"] == nil)          // 1 call of 15
        #expect(total["over_25_share"] == nil)            // 2 calls of 15
        let physicians = (total["callers"] as! [String: Any])["medecin"]
        #expect(physicians is NSNull)                      // 3 calls
        let periods = json["periods"] as! [[String: Any]]
        #expect(periods.map { $0["calls"] as? Int } == [8, 7])
    }

    /// The attack: every published count and every count a share gives (share × its total) is
    /// known; a masked count, or a small count never published (a complement), that the sums
    /// below fix is given away.
    @Test func noMaskedCountComesBackByArithmetic() throws {
        let json = try JSONSerialization.jsonObject(with: Data(try report(.json).utf8)) as! [String: Any]
        let given = Attack(json).givenAway()
        #expect(given.isEmpty, "given away: \(given)")
    }

    /// Without masking, the same attack has nothing to find masked; with the naive masking (every
    /// small count hidden, nothing else), it would find the addiction share's single call: the
    /// attack is not blind.
    @Test func theAttackFindsWhatANaiveMaskLeaves() throws {
        var json = try JSONSerialization.jsonObject(with: Data(try report(.json, mask: false).utf8)) as! [String: Any]
        // The naive mask: only the counts from 1 to 4 set to null.
        func naive(_ view: [String: Any]) -> [String: Any] {
            var v = view
            for key in ["calls", "risky_calls", "risky_incomplete", "alerts"] {
                if let n = v[key] as? Int, (1...4).contains(n) { v[key] = NSNull() }
            }
            for key in ["levels", "callers", "referrals_given"] {
                v[key] = (v[key] as! [String: Any]).mapValues { value -> Any in
                    if let n = value as? Int, (1...4).contains(n) { return NSNull() }
                    return value
                }
            }
            return v
        }
        json["total"] = naive(json["total"] as! [String: Any])
        json["periods"] = (json["periods"] as! [[String: Any]]).map(naive)
        json["operators"] = (json["operators"] as! [String: Any]).mapValues { naive($0 as! [String: Any]) }
        let given = Attack(json).givenAway()
        #expect(given.contains("all.add = 1"))          // the addiction share × 15 calls
        #expect(given.contains("all.caller|medecin = 3"))   // 15 calls minus 12 nurses
    }

    /// Every published mean is over 5 figures or more (a mean over fewer tells them).
    @Test func meansAreOnlyOverFiveOrMore() throws {
        let json = try JSONSerialization.jsonObject(with: Data(try report(.json).utf8)) as! [String: Any]
        let views = [json["total"] as! [String: Any]] + (json["periods"] as! [[String: Any]])
            + (json["operators"] as! [String: Any]).values.map { $0 as! [String: Any] }
        for v in views {
            if v["mean_seconds"] is Int || v["median_seconds"] is Int { #expect((v["calls"] as? Int ?? 0) >= 5) }
            if v["mean_seconds_to_take"] is Int { #expect((v["alerts"] as? Int ?? 0) >= 5) }
        }
    }

    /// Markdown and CSV show what JSON shows: « <5 » for a small count, « x » for a count masked
    /// so that a small one is not given away, and no share over a masked count.
    @Test func markdownAndCSVMaskTheSameCells() throws {
        let md = try report(.md)
        #expect(md.contains(TestResources.french["activity.maskedAlso"]))
        let csv = try CSV.parse(try report(.csv))
        let header = csv[0].fields
        let all = try #require(csv.first { $0.fields.first == "all" }?.fields)
        #expect(all[header.firstIndex(of: "calls")!] == "15")
        #expect(all[header.firstIndex(of: "level_4")!] == "<5")
        #expect(all[header.firstIndex(of: "addiction_share")!] == "x")
    }
}

/// The attacker's arithmetic, from the JSON report's layout.
struct Attack {
    var known: [String: Double] = [:]
    var unknown: Set<String> = []
    /// Cells the report leaves out (null) rather than never publishes.
    var masked: Set<String> = []
    var relations: [[(String, Double)]] = []
    var fromShares: [String] = []

    init(_ json: [String: Any]) {
        let periods = json["periods"] as! [[String: Any]]
        let operators = (json["operators"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { $0.value as! [String: Any] }
        var views: [(String, [String: Any])] = [("all", json["total"] as! [String: Any])]
        views += periods.enumerated().map { ("p\($0.offset)", $0.element) }
        let operatorViews = operators.enumerated().map { ("o\($0.offset)", $0.element) }
        views += operatorViews
        var callerKeys = Set<String>(), refKeys = Set<String>()
        for (_, v) in views {
            callerKeys.formUnion((v["callers"] as! [String: Any]).keys)
            refKeys.formUnion((v["referrals_given"] as! [String: Any]).keys)
        }
        for (name, v) in views {
            func count(_ cell: String, _ value: Any?) {
                if let n = value as? Int { known["\(name).\(cell)"] = Double(n) } else {
                    unknown.insert("\(name).\(cell)")
                    // Left out: null in a table, absent for a figure of its own.
                    masked.insert("\(name).\(cell)")
                }
            }
            count("calls", v["calls"])
            let levels = v["levels"] as! [String: Any]
            for l in 0...5 { count("level|\(l)", levels["\(l)"]) }
            count("risky", v["risky_calls"]); count("incomplete", v["risky_incomplete"]); count("alerts", v["alerts"])
            let callers = v["callers"] as! [String: Any], refs = v["referrals_given"] as! [String: Any]
            for k in callerKeys { count("caller|" + k, callers[k] ?? 0) }
            for k in refKeys { count("ref|" + k, refs[k] ?? 0) }
            // Shares × totals: the numerator is known when the share and the calls are.
            for (share, numerator) in [("addiction_share", "add"), ("over_25_share", "over"), ("adherence", "adh")] {
                if let x = v[share] as? Double, let calls = v["calls"] as? Int {
                    let n = (x * Double(calls)).rounded()
                    known["\(name).\(numerator)"] = n
                    // A small count, or a small complement, told by a share.
                    if (1...4).contains(n) { fromShares.append("\(name).\(numerator) = \(Int(n))") }
                    if (1...4).contains(Double(calls) - n) { fromShares.append("\(name).\(numerator) complement = \(calls - Int(n))") }
                } else {
                    unknown.insert("\(name).\(numerator)")
                }
            }
            for hidden in ["noadd", "under", "nonadh", "complete"] { unknown.insert("\(name).\(hidden)") }
            let c = { (cell: String) in "\(name).\(cell)" }
            // Complements within the view. Every saved call is classified: calls = Σ levels.
            relations.append([(c("calls"), 1)] + (0...5).map { (c("level|\($0)"), -1) })
            relations.append([(c("calls"), 1), (c("add"), -1), (c("noadd"), -1)])
            relations.append([(c("calls"), 1), (c("over"), -1), (c("under"), -1)])
            relations.append([(c("calls"), 1), (c("adh"), -1), (c("nonadh"), -1)])
            relations.append([(c("risky"), 1), (c("level|4"), -1), (c("level|5"), -1)])
            relations.append([(c("risky"), 1), (c("incomplete"), -1), (c("complete"), -1)])
            relations.append([(c("calls"), 1)] + callerKeys.map { (c("caller|" + $0), -1) })
        }
        // Cross-tables: the whole against its periods, and against its operators.
        let cells = ["calls", "risky", "incomplete", "complete", "alerts", "add", "noadd", "over", "under", "adh", "nonadh"]
            + (0...5).map { "level|\($0)" } + callerKeys.map { "caller|" + $0 } + refKeys.map { "ref|" + $0 }
        for group in [periods.indices.map { "p\($0)" }, operatorViews.map(\.0)] where !group.isEmpty {
            for cell in cells { relations.append([("all.\(cell)", 1)] + group.map { ("\($0).\(cell)", -1) }) }
        }
    }

    /// « cell = value » for every masked cell the relations fix, and every never-published one
    /// fixed to a small count (1 to 4).
    func givenAway() -> [String] {
        let columns = unknown.sorted()
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var rows: [[Double]] = relations.map { relation in
            var row = [Double](repeating: 0, count: columns.count + 1)
            for (cell, coefficient) in relation {
                if let j = index[cell] { row[j] += coefficient } else { row[columns.count] -= coefficient * (known[cell] ?? 0) }
            }
            return row
        }
        var r = 0
        var pivots: [(Int, Int)] = []
        for j in 0..<columns.count where r < rows.count {
            guard let best = (r..<rows.count).max(by: { abs(rows[$0][j]) < abs(rows[$1][j]) }), abs(rows[best][j]) > 1e-9 else { continue }
            rows.swapAt(r, best)
            let p = rows[r][j]
            rows[r] = rows[r].map { $0 / p }
            for i in rows.indices where i != r {
                let f = rows[i][j]
                if abs(f) > 1e-12 { for k in 0...columns.count { rows[i][k] -= f * rows[r][k] } }
            }
            pivots.append((r, j))
            r += 1
        }
        var found: [String] = []
        for (row, j) in pivots where (0..<columns.count).allSatisfy({ $0 == j || abs(rows[row][$0]) < 1e-9 }) {
            let value = rows[row][columns.count].rounded()
            if masked.contains(columns[j]) || (1...4).contains(value) { found.append("\(columns[j]) = \(Int(value))") }
        }
        return (found + fromShares).sorted()
    }
}
