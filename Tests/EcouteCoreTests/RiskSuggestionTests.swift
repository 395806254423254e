import Foundation
import Testing
@testable import EcouteCore

/// The decision table of docs/risk-assessment.md § 4, walked over every urgence × dangerosité ×
/// means-at-hand × reachable C-SSRS state, against the table as the doc writes it (rows of
/// conditions), not against the implementation's code.
@Suite struct RiskSuggestionTests {
    typealias Q = ScreenerQuestion

    /// Every reachable screener state: Q1, Q2 ∈ {—, non, oui}; Q3–Q5 each ∈ {—, non, oui} only
    /// when Q2 = oui; Q6 ∈ {—, non, oui}; its recency ∈ {—, non, oui} only when Q6 = oui.
    static func screenerStates() -> [[Q: ScreenerAnswer]] {
        let three: [ScreenerAnswer?] = [nil, .no, .yes]
        var out: [[Q: ScreenerAnswer]] = []
        for q1 in three {
            for q2 in three {
                let ideationBranches: [[Q: ScreenerAnswer]] = q2 == .yes
                    ? three.flatMap { a in three.flatMap { b in three.map { c in
                        [Q.method: a, .intent: b, .plan: c].compactMapValues { $0 } } } }
                    : [[:]]
                for branch in ideationBranches {
                    for q6 in three {
                        let recents: [ScreenerAnswer?] = q6 == .yes ? three : [nil]
                        for r in recents {
                            var s = branch
                            s[.wishToBeDead] = q1
                            s[.suicidalThoughts] = q2
                            s[.behaviour] = q6
                            s[.behaviourRecent] = r
                            out.append(s)
                        }
                    }
                }
            }
        }
        return out
    }

    /// One row of the doc's table: a level (nil: none), the protocol / follow-up flags, and the
    /// conditions with the reason each gives.
    struct Row {
        var level: ClassificationLevel?
        var emergency = false
        var followUp = false
        var conditions: [(RiskReason, (RUDDegree?, RUDDegree?, Bool, [Q: ScreenerAnswer]) -> Bool)]
    }

    static var table: [Row] { [
        Row(level: .imminentRisk, emergency: true, conditions: [
            (.urgenceHigh, { u, _, _, _ in u == .high }),
            (.lethalMeansAtHand, { _, d, a, _ in d == .high && a }),
            (.cssrsIntent, { _, _, _, s in s[.intent] == .yes }),
            (.cssrsPlan, { _, _, _, s in s[.plan] == .yes }),
            (.cssrsRecentBehaviour, { _, _, _, s in s[.behaviour] == .yes && s[.behaviourRecent] == .yes }),
        ]),
        Row(level: .suicidalIdeation, followUp: true, conditions: [
            (.urgenceMedium, { u, _, _, _ in u == .medium }),
            (.lethalMeansNotAtHand, { _, d, a, _ in d == .high && !a }),
            (.cssrsMethod, { _, _, _, s in s[.method] == .yes }),
            (.cssrsPastBehaviour, { _, _, _, s in s[.behaviour] == .yes && s[.behaviourRecent] == .no }),
            (.cssrsBehaviourWhenUnknown, { _, _, _, s in s[.behaviour] == .yes && s[.behaviourRecent] == nil }),
        ]),
        Row(level: .suicidalIdeation, conditions: [
            (.urgenceLow, { u, _, _, _ in u == .low }),
            (.cssrsWish, { _, _, _, s in s[.wishToBeDead] == .yes }),
            (.cssrsThoughts, { _, _, _, s in s[.suicidalThoughts] == .yes }),
        ]),
    ] }

    static func expected(_ u: RUDDegree?, _ d: RUDDegree?, _ a: Bool, _ s: [Q: ScreenerAnswer]) -> RiskSuggestion {
        for row in table {
            let reasons = row.conditions.filter { $0.1(u, d, a, s) }.map(\.0)
            if !reasons.isEmpty {
                return RiskSuggestion(level: row.level, emergencyProtocol: row.emergency, followUp: row.followUp, reasons: reasons)
            }
        }
        return RiskSuggestion(level: nil, reasons: [.nothing])
    }

    @Test func theScreenerHas435ReachableStates() {
        #expect(Self.screenerStates().count == 435)
        #expect(Set(Self.screenerStates().map { $0.description }).count == 435)
    }

    @Test func everyCombinationSuggestsWhatTheTableSays() throws {
        let degrees: [RUDDegree?] = [nil, .low, .medium, .high]
        var checked = 0
        var byLevel: [Int: Int] = [:]
        for u in degrees {
            for d in degrees {
                for atHand in [false, true] {
                    for answers in Self.screenerStates() {
                        let screener = try #require(CSSRSScreener.restored(answers))
                        let a = RiskAssessment(riskFactors: [.previousAttempt, .isolation], urgence: u, dangerosite: d,
                                               means: .medication, meansAtHand: atHand, screener: screener)
                        let want = Self.expected(u, d, atHand, answers)
                        #expect(a.suggestion == want, "U=\(String(describing: u)) D=\(String(describing: d)) A=\(atHand) \(answers)")
                        byLevel[want.level?.rawValue ?? -1, default: 0] += 1
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 13_920)
        // Each outcome is reached, so no row of the table is dead.
        #expect(byLevel[5]! > 0 && byLevel[4]! > 0 && byLevel[-1]! > 0)
    }

    @Test func notAssessableSuggestsNothingWhateverElseIsSaid() {
        var a = RiskAssessment(urgence: .high, dangerosite: .high, meansAtHand: true)
        a.notAssessableReason = "appelant alcoolisé, échange impossible"
        #expect(a.suggestion == RiskSuggestion(level: nil, reasons: [.notAssessable]))
        #expect(a.isAnswered)
        a.notAssessableReason = "   "
        #expect(a.suggestion.level == .imminentRisk)
    }

    @Test func riskFactorsNeverMoveTheSuggestion() {
        let bare = RiskAssessment(urgence: .low, dangerosite: .medium)
        let heavy = RiskAssessment(riskFactors: Set(RiskFactor.allCases), urgence: .low, dangerosite: .medium)
        #expect(bare.suggestion == heavy.suggestion)
        #expect(heavy.factors(in: .primary) == [.psychiatricDisorder, .previousAttempt, .communicatedIntent, .impulsivity])
        #expect(heavy.factors(in: .tertiary).count == 3)
    }

    @Test func answeredMeansUrgenceAndDangerositeOrNotAssessable() {
        #expect(!RiskAssessment().isAnswered)
        #expect(!RiskAssessment(urgence: .low).isAnswered)
        #expect(!RiskAssessment(dangerosite: .low).isAnswered)
        #expect(RiskAssessment(urgence: .low, dangerosite: .low).isAnswered)
        #expect(!RiskAssessment(notAssessableReason: "").isAnswered)
    }
}

@Suite struct CSSRSScreenerTests {
    @Test func questionsThreeToFiveAreAskedOnlyAfterAYesToTwo() {
        var s = CSSRSScreener()
        #expect(s.askedQuestions == [.wishToBeDead, .suicidalThoughts, .behaviour])
        let methodTaken = s.answer(.method, .yes)
        #expect(!methodTaken)
        #expect(s[.method] == nil)
        s.answer(.suicidalThoughts, .yes)
        #expect(s.askedQuestions == [.wishToBeDead, .suicidalThoughts, .method, .intent, .plan, .behaviour])
        let intentTaken = s.answer(.intent, .yes)
        #expect(intentTaken)
        // A « non » to Q2 takes Q3–Q5 away, answers included.
        s.answer(.suicidalThoughts, .no)
        #expect(s[.intent] == nil)
        #expect(!s.isAsked(.plan))
    }

    @Test func theRecencyOfBehaviourIsAskedOnlyAfterAYesToSix() {
        var s = CSSRSScreener()
        let recentTaken = s.answer(.behaviourRecent, .yes)
        #expect(!recentTaken)
        s.answer(.behaviour, .yes)
        #expect(s.nextQuestion == .wishToBeDead)
        s.answer(.behaviourRecent, .yes)
        s.answer(.behaviour, .no)
        #expect(s[.behaviourRecent] == nil)
    }

    @Test func completeWhenEveryAskedQuestionHasItsAnswer() {
        var s = CSSRSScreener()
        s.answer(.wishToBeDead, .yes)
        s.answer(.suicidalThoughts, .no)
        #expect(s.nextQuestion == .behaviour)
        s.answer(.behaviour, .no)
        #expect(s.isComplete)
        s.answer(.suicidalThoughts, .yes)
        #expect(s.nextQuestion == .method)
    }

    @Test func aStoredStateThatBreaksTheBranchingIsRefused() {
        #expect(CSSRSScreener.restored([.suicidalThoughts: .no, .plan: .yes]) == nil)
        #expect(CSSRSScreener.restored([.behaviourRecent: .yes]) == nil)
        #expect(CSSRSScreener.restored([.suicidalThoughts: .yes, .plan: .yes])?[.plan] == .yes)
    }
}

@Suite struct AssessmentSaveTests {
    @Test func aLevelFourOrFiveCallIsNotSavedWithoutAnAnsweredAssessment() throws {
        let now = Fixtures.start
        var d = CallDraft(id: "c", operatorName: "op", pickedUpAt: now)
        d.phase = .wrapUp
        d.endedAt = now + 60
        d.level = .suicidalIdeation
        d.referralGaps = Dictionary(uniqueKeysWithValues: d.missingReferralKinds.map { ($0, ReferralGap(reason: .callerDeclined)) })
        #expect(throws: SessionRefusal.assessmentRequired) { try CallSession.reduce(.call(d), .save, now: now + 70).get() }
        let (s1, _) = try CallSession.reduce(.call(d), .setAssessment(RiskAssessment(notAssessableReason: "ne souhaite pas répondre")), now: now + 71).get()
        let (s2, effects) = try CallSession.reduce(s1, .save, now: now + 72).get()
        guard case .saved(let saved) = s2 else { Issue.record("not saved: \(s2)"); return }
        #expect(saved.assessment?.isNotAssessable == true)
        #expect(effects == [.finalize(saved)])
        // Level 3 needs none.
        d.level = .burnout
        d.referralGaps = Dictionary(uniqueKeysWithValues: d.missingReferralKinds.map { ($0, ReferralGap(reason: .callerDeclined)) })
        #expect(throws: Never.self) { try CallSession.reduce(.call(d), .save, now: now + 70).get() }
    }
}
