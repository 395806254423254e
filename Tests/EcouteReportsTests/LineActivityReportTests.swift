import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// `ecoute report activity --by line` on a small fixture counted by hand.
@Suite struct LineActivityReportTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    static let lines = [CallLine.health, CallLine(id: "police", short: "Police", number: nil, names: [.fr: "Police", .en: "Police"])]

    /// Nine calls: seven saved in the period, one unfinished, one saved outside it.
    ///
    /// | call | line         | level | counted           |
    /// |------|--------------|-------|-------------------|
    /// | a    | (none: sante)| 2     | yes               |
    /// | b    | sante        | 4     | yes               |
    /// | c    | sante        | 5     | yes               |
    /// | d    | police       | 0     | yes               |
    /// | e    | police       | 4     | yes               |
    /// | f    | police       | 4     | yes               |
    /// | g    | police       | 5     | no (unfinished)   |
    /// | h    | sante        | 3     | no (out of range) |
    /// | i    | gendarmerie  | 1     | yes (not in the configuration: listed after its lines) |
    ///
    /// By hand: sante 3 calls (levels 2, 4, 5; 2 at 4–5), police 3 (0, 4, 4; 2 at 4–5),
    /// gendarmerie 1 (level 1); 7 calls in all.
    static func calls() -> [CallDraft] {
        func call(_ id: String, _ line: String?, _ level: ClassificationLevel, saved: Bool = true, at offset: TimeInterval = 0) -> CallDraft {
            var c = CallDraft(id: id, operatorName: "psy", pickedUpAt: t0 + offset)
            c.line = line
            c.level = level
            c.phase = saved ? .saved : .wrapUp
            return c
        }
        return [
            call("a", nil, .depression), call("b", CallLine.healthID, .suicidalIdeation), call("c", "sante", .imminentRisk),
            call("d", "police", .administrative), call("e", "police", .suicidalIdeation), call("f", "police", .suicidalIdeation),
            call("g", "police", .imminentRisk, saved: false), call("h", "sante", .burnout, at: -400 * 86_400),
            call("i", "gendarmerie", .anxiety),
        ]
    }

    static func options(maskSmall: Bool = false) -> ActivityReport.Options {
        ActivityReport.Options(from: t0 - 86_400, to: t0 + 86_400, grouping: .month, maskSmall: maskSmall, byDepartement: false,
                               perOperator: false, generatedAt: t0, timeZone: TimeZone(identifier: "UTC")!,
                               strings: TestResources.french, geography: TestResources.geography)
    }

    static func gathered() throws -> LineActivity {
        try LineActivity.gather(from: { body in for c in calls() { try body(c) } }, from: options().from, to: options().to)
    }

    @Test func theCountsAreTheHandCountedOnes() throws {
        let f = try Self.gathered()
        #expect(f.calls == 7)
        #expect(f.lines["sante"]?.calls == 3)
        #expect(f.lines["sante"]?.levelFourOrFive == 2)
        #expect(f.lines["police"]?.levels == [.administrative: 1, .suicidalIdeation: 2])
        #expect(f.lines["gendarmerie"]?.calls == 1)
        #expect(f.order(Self.lines.map(\.id)) == ["sante", "police", "gendarmerie"])
    }

    @Test func csvGivesEachLineByLevel() throws {
        let csv = LineActivityReport.render(.csv, try Self.gathered(), Self.options(), lines: Self.lines)
        #expect(csv == """
            line,calls,level_0,level_1,level_2,level_3,level_4,level_5,level_4_or_5
            sante,3,0,0,1,0,1,1,2
            police,3,1,0,0,0,2,0,2
            gendarmerie,1,0,1,0,0,0,0,0

            """)
    }

    @Test func jsonAndMarkdownCarryTheSameCounts() throws {
        let json = LineActivityReport.render(.json, try Self.gathered(), Self.options(), lines: Self.lines)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["by"] as? String == "line")
        #expect(object["calls"] as? Int == 7)
        let police = try #require((object["lines"] as? [String: Any])?["police"] as? [String: Any])
        #expect(police["calls"] as? Int == 3)
        #expect(police["level_4_or_5"] as? Int == 2)
        #expect((police["levels"] as? [String: Int])?["4"] == 2)
        let md = LineActivityReport.render(.md, try Self.gathered(), Self.options(), lines: Self.lines)
        #expect(md.contains("| \(CallLine.health.name(.fr)) | 3 | 0 | 0 | 1 | 0 | 1 | 1 | 2 |"))
        #expect(md.contains("| gendarmerie | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |"))
        #expect(md.hasPrefix("# \(TestResources.french["activity.line.title"])"))
    }

    @Test func smallCountsAreMasked() throws {
        let csv = LineActivityReport.render(.csv, try Self.gathered(), Self.options(maskSmall: true), lines: Self.lines)
        #expect(csv.split(separator: "\n")[1] == "sante,<5,0,0,<5,0,<5,<5,<5")
    }
}

/// Each call report carries the call's line and the caller's category there.
@Suite struct LineCallReportTests {
    typealias F = ReviewFixtures

    func render(_ format: CallReport.Format, _ calls: [CallDraft]) -> String {
        let scope = CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: F.at(9, 0, nextDay: true), timeZone: F.utc,
                                     strings: TestResources.french)
        return CallReport.render(format, calls: calls, scope: scope)
    }

    @Test func csvJsonAndMarkdownCarryTheLine() throws {
        var police = try #require(F.nightShift.first)
        police.line = "police"
        police.profile.lineCategory = "officier"
        let health = try #require(F.nightShift.last { $0.phase == .saved && $0.id != police.id })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(render(.json, [police, health]).utf8)) as? [String: Any])
        let calls = try #require(object["calls"] as? [[String: Any]])
        #expect(calls.map { $0["line"] as? String } == ["police", "sante"])
        #expect(calls.map { $0["line_category"] as? String } == ["officier", nil])
        let csv = render(.csv, [police, health]).split(separator: "\r\n").map(String.init)
        #expect(csv[0].hasSuffix(",line,line_category"))
        #expect(csv[1].hasSuffix(",police,officier"))
        #expect(csv[2].hasSuffix(",sante,"))
        let md = render(.md, [police, health])
        #expect(md.contains("(\(TestResources.french["field.line"]) police : officier)"))
        #expect(!md.contains("(\(TestResources.french["field.line"]) sante"))
    }
}
