import EcouteCore
import Foundation
import Testing
import EcouteTestSupport

/// Every figure of the summary against the fixture worked by hand (ReviewFixtures).
@Suite struct ShiftSummaryTests {
    typealias F = ReviewFixtures

    @Test func theNightShiftAcrossMidnight() {
        let s = ShiftSummary.compute(F.nightShift, timeZone: F.utc)
        // c5 is not saved: listed apart, counted in no figure.
        #expect(s.callCount == 4 && s.openCount == 1)
        #expect(s.unfinished.map(\.id) == ["c5"])
        // Ended calls: 10, 20, 25, 30 minutes.
        #expect(s.totalDuration == 85 * 60)
        #expect(s.meanDuration == TimeInterval(85 * 60 / 4))
        #expect(s.medianDuration == TimeInterval(22 * 60 + 30))
        #expect(s.longestDuration == TimeInterval(30 * 60))
        #expect(s.overReferenceCount == 2)
        #expect(s.levels == [.burnout: 1, .anxiety: 1, .imminentRisk: 1, .suicidalIdeation: 1])
        #expect(s.levelsWithAddiction == [.anxiety: 1])
        #expect(s.addictionShare == 0.25)
        #expect(s.callers == ["infirmier": 1, "student": 1, "medecin": 1, "family": 1])
        #expect(s.statuses == ["salaried": 1, "student": 1, "selfEmployed": 1, "family": 1])
        #expect(s.referralsGiven == [.gp: 2, .psychiatrist: 1, .psychologist: 1, .emergency: 3, .unit: 1])
        #expect(s.callsByHour == [22: 1, 23: 1, 0: 1, 1: 1])
        // c1 follows the rule for its level; c2 lacks a GP, c4 a psychiatrist, and c3 (level 5)
        // left a protocol step undone without a reason.
        #expect(s.adherentCount == 1 && s.classifiedCount == 4 && s.adherence == 0.25)
        #expect(s.riskyCalls.map(\.id) == ["c3", "c4"])
        // c3's alert was taken 2 minutes after it was raised.
        #expect(s.alertCount == 1 && s.alertsTaken == 1 && s.meanTimeToTake == 120 && s.longestTimeToTake == 120)
        #expect(s.riskyCalls[0].missingReferrals.isEmpty && s.riskyCalls[0].missingSteps == [.callerKeptOnLine])
        #expect(s.riskyCalls[1].missingReferrals == [.psychiatrist, .emergency] && s.riskyCalls[1].missingSteps.isEmpty)
        #expect(s.riskyCalls[0].duration == 25 * 60 && !s.riskyCalls[0].isComplete)
    }

    @Test func alertsRaisedByMistakeAreCountedApart() {
        var calls = F.nightShift
        // c1 (level 3) had F9 pressed by mistake, said so, and the alert was taken 10 minutes later.
        let t = calls[0].pickedUpAt
        calls[0].alerts = [Alert(id: "m1", callID: "c1", operatorName: "psy-a", departement: "69", level: .imminentRisk,
                                 reason: .imminentRisk, callElapsed: 60, raisedAt: t + 60, takenBy: "chef", takenAt: t + 660,
                                 raisedByMistake: RaisedByMistake(reason: "F9 au lieu de F5", markedAt: t + 70))]
        let s = ShiftSummary.compute(calls, timeZone: F.utc)
        // c3's real alert alone in the figures (taken in 2 minutes); c1's counted apart.
        #expect(s.alertCount == 1 && s.alertsTaken == 1 && s.meanTimeToTake == 120 && s.longestTimeToTake == 120)
        #expect(s.alertsRaisedByMistake == 1)
    }

    @Test func anEmptyShift() {
        let s = ShiftSummary.compute([], timeZone: F.utc)
        #expect(s.callCount == 0 && s.openCount == 0 && s.totalDuration == 0)
        #expect(s.meanDuration == nil && s.medianDuration == nil && s.longestDuration == nil)
        #expect(s.addictionShare == nil && s.adherence == nil && s.riskyCalls.isEmpty)
    }

    @Test func anUnfinishedCallIsListedApartAndCountsNowhere() {
        var urgent = F.nightShift[4]
        urgent.level = .imminentRisk
        urgent.referrals = [ReviewFixtures.referral(.emergency, "SAMU — 15")]
        urgent.endedAt = urgent.pickedUpAt + 3000
        let s = ShiftSummary.compute([urgent], timeZone: F.utc)
        #expect(s.callCount == 0 && s.openCount == 1 && s.unfinished == [urgent])
        #expect(s.totalDuration == 0 && s.meanDuration == nil && s.overReferenceCount == 0)
        #expect(s.callers.isEmpty && s.statuses.isEmpty && s.callsByHour.isEmpty && s.classifiedCount == 0)
        #expect(s.referralsGiven.isEmpty && s.riskyCalls.isEmpty && s.adherence == nil)
    }

    /// A required referral not given but justified keeps the call adherent; a silent one does not.
    @Test func aJustifiedGapIsAdherentASilentOneIsNot() {
        var justified = F.nightShift[1]      // level 1 with addiction: psychologist given, GP declined, no addiction service
        justified.referralGaps[.gp] = ReferralGap(reason: .alreadyInCare)
        justified.referralGaps[.addiction] = ReferralGap(reason: .callerDeclined)
        let silent = F.nightShift[1]
        let s = ShiftSummary.compute([justified, silent], timeZone: F.utc)
        #expect(s.classifiedCount == 2 && s.adherentCount == 1)
        var risky = F.nightShift[3]          // level 4: GP only
        risky.referralGaps[.psychiatrist] = ReferralGap(reason: .other, note: "psychiatre déjà prévu")
        risky.referralGaps[.emergency] = ReferralGap(reason: .callerDeclined)
        #expect(ShiftSummary.compute([risky], timeZone: F.utc).riskyCalls.first?.missingReferrals == [])
        #expect(ShiftSummary.compute([F.nightShift[3]], timeZone: F.utc).riskyCalls.first?.missingReferrals == [.psychiatrist, .emergency])
    }

    @Test func hoursFollowTheTimeZone() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(ShiftSummary.compute(F.nightShift, timeZone: paris).callsByHour == [23: 1, 0: 1, 1: 1, 2: 1])
    }
}

/// A summary that names only incomplete level 4–5 calls keeps no others, and the same ones.
@Suite struct RiskyCallsKeptTests {
    @Test func onlyIncompleteRiskyCallsAreKeptWhenAskedSo() {
        var every = ShiftSummary.Builder(timeZone: ReviewFixtures.utc)
        var incomplete = ShiftSummary.Builder(timeZone: ReviewFixtures.utc, keepingCompleteRiskyCalls: false)
        // One level-4 call with every referral the rules ask for: complete.
        var complete = CallDraft(id: "done", operatorName: "psy-a", pickedUpAt: ReviewFixtures.at(2, 0, nextDay: true))
        complete.phase = .saved
        complete.level = .suicidalIdeation
        complete.endedAt = complete.pickedUpAt + 1200
        complete.referrals = [ReviewFixtures.referral(.gp, "Dr A"), ReviewFixtures.referral(.psychiatrist, "Dr B"),
                              ReviewFixtures.referral(.emergency, "3114")]
        for c in ReviewFixtures.nightShift + [complete] {
            every.add(c)
            incomplete.add(c)
        }
        let all = every.summary.riskyCalls
        #expect(all.contains { $0.isComplete } && all.contains { !$0.isComplete })
        #expect(incomplete.summary.riskyCalls == all.filter { !$0.isComplete })
    }
}
