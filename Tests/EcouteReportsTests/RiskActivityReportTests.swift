import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// `ecoute report activity --by motif` on a small fixture counted by hand.
@Suite struct RiskActivityReportTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    /// Seven calls: six saved in the period, one unfinished, one saved outside it.
    ///
    /// | call | motifs                       | level | assessment                     | suggested |
    /// |------|------------------------------|-------|--------------------------------|-----------|
    /// | a    | harassment, burnout          | 3     | —                              | —         |
    /// | b    | burnout                      | 4     | U low, D low                   | 4         |
    /// | c    | trauma, isolation, burnout   | 5     | U high, D high, at hand        | 5         |
    /// | d    | —                            | 4     | U medium, D medium             | 4         |
    /// | e    | harassment                   | 5     | U low, D low                   | 4 (≠ 5)   |
    /// | f    | isolation                    | 4     | non évaluable                  | —         |
    /// | g    | burnout (unfinished)         | 4     | U high                          | not counted |
    /// | h    | burnout (saved, out of range)| 3     | —                              | not counted |
    static func calls() -> [CallDraft] {
        func call(_ id: String, _ motifs: [CallMotif], _ level: ClassificationLevel, _ a: RiskAssessment?, saved: Bool = true,
                  at offset: TimeInterval = 0) -> CallDraft {
            var c = CallDraft(id: id, operatorName: "psy", pickedUpAt: t0 + offset)
            c.motifs = motifs.isEmpty ? nil : motifs
            c.level = level
            var assessment = a
            let suggestion = assessment?.suggestion
            if saved { assessment?.recordedSuggestion = suggestion }
            c.assessment = assessment
            c.phase = saved ? .saved : .wrapUp
            return c
        }
        return [
            call("a", [.harassment, .burnout], .burnout, nil),
            call("b", [.burnout], .suicidalIdeation, RiskAssessment(urgence: .low, dangerosite: .low)),
            call("c", [.trauma, .isolation, .burnout], .imminentRisk, RiskAssessment(urgence: .high, dangerosite: .high, meansAtHand: true)),
            call("d", [], .suicidalIdeation, RiskAssessment(urgence: .medium, dangerosite: .medium)),
            call("e", [.harassment], .imminentRisk, RiskAssessment(urgence: .low, dangerosite: .low)),
            call("f", [.isolation], .suicidalIdeation, RiskAssessment(notAssessableReason: "échange impossible")),
            call("g", [.burnout], .suicidalIdeation, RiskAssessment(urgence: .high), saved: false),
            call("h", [.burnout], .burnout, nil, at: -400 * 86_400),
        ]
    }

    static func options(maskSmall: Bool = false) -> ActivityReport.Options {
        ActivityReport.Options(from: t0 - 86_400, to: t0 + 86_400, grouping: .month, maskSmall: maskSmall, byDepartement: false,
                               perOperator: false, generatedAt: t0, timeZone: TimeZone(identifier: "UTC")!,
                               strings: TestResources.french, geography: TestResources.geography)
    }

    static func gathered() throws -> RiskActivity {
        try RiskActivity.gather(from: { body in for c in calls() { try body(c) } }, from: options().from, to: options().to)
    }

    @Test func theCountsAreTheHandCountedOnes() throws {
        let f = try Self.gathered()
        #expect(f.calls == 6)
        #expect(f.withMotif == [.harassment: 2, .burnout: 3, .trauma: 1, .isolation: 2])
        #expect(f.mainMotif == [.harassment: 2, .burnout: 1, .trauma: 1, .isolation: 1])
        #expect(f.withoutMotif == 1)
        #expect(f.levelFourOrFive == 5)
        #expect(f.assessed == 5 && f.notAssessable == 1)
        #expect(f.urgence == [.low: 2, .high: 1, .medium: 1])
        #expect(f.suggestedAndChosen == 4 && f.suggestionDiffers == 1)
        #expect(f.differingShare == 0.25)
    }

    @Test func theMarkdownSaysThemInWords() throws {
        let s = TestResources.french
        let md = RiskActivityReport.render(.md, try Self.gathered(), Self.options())
        #expect(md.contains("| \(s[CallMotif.burnout.stringKey]) | 3 | 1 |"))
        #expect(md.contains("| \(s[CallMotif.harassment.stringKey]) | 2 | 2 |"))
        #expect(md.contains("| \(s["activity.motif.none"]) | | 1 |"))
        #expect(md.contains("| \(s["rud.degree.low"]) | 2 |"))
        #expect(md.contains("| \(s["activity.motif.notAssessable"]) | 1 |"))
        #expect(md.contains(s.format("activity.motif.differs", Labels.percent(0.25), "4")))
    }

    @Test func maskedSmallCountsLeaveNoTotalToGiveThemBack() throws {
        let json = RiskActivityReport.render(.json, try Self.gathered(), Self.options(maskSmall: true))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let motifs = try #require(object["motifs"] as? [String: Any])
        #expect(motifs["burnout"] as? String == "<5" && motifs["workload"] as? Int == 0)
        #expect(object["suggested_level_differs_share"] is NSNull)
        // One small cell alone in a column takes the next smallest with it.
        #expect(RiskActivityReport.masked([12, 3, 40, 0], true) == [nil, nil, 40, 0])
        #expect(RiskActivityReport.masked([12, 3, 4, 0], true) == [12, nil, nil, 0])
    }
}
