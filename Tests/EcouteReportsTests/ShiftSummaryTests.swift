import EcouteCore
import Foundation
import Testing
import EcouteTestSupport

/// Every figure of the summary against the fixture worked by hand (ReviewFixtures).
@Suite struct ShiftSummaryTests {
    typealias F = ReviewFixtures

    @Test func theNightShiftAcrossMidnight() {
        let s = ShiftSummary.compute(F.nightShift, timeZone: F.utc)
        #expect(s.callCount == 5 && s.openCount == 1)
        // Ended calls: 10, 20, 25, 30 minutes.
        #expect(s.totalDuration == 85 * 60)
        #expect(s.meanDuration == TimeInterval(85 * 60 / 4))
        #expect(s.medianDuration == TimeInterval(22 * 60 + 30))
        #expect(s.longestDuration == TimeInterval(30 * 60))
        #expect(s.overReferenceCount == 2)
        #expect(s.levels == [.burnout: 1, .anxiety: 1, .imminentRisk: 1, .suicidalIdeation: 1])
        #expect(s.levelsWithAddiction == [.anxiety: 1])
        #expect(s.addictionShare == 0.25)
        #expect(s.callers == ["infirmier": 1, "student": 1, "medecin": 1, "family": 1, "pharmacien": 1])
        #expect(s.statuses == ["salaried": 1, "student": 1, "selfEmployed": 1, "family": 1, "unknown": 1])
        #expect(s.referralsGiven == [.gp: 2, .psychiatrist: 1, .psychologist: 1, .emergency: 3, .unit: 1])
        #expect(s.callsByHour == [22: 1, 23: 1, 0: 1, 1: 2])
        // c1 and c3 follow the rule for their level; c2 lacks a GP, c4 a psychiatrist.
        #expect(s.adherentCount == 2 && s.classifiedSavedCount == 4 && s.adherence == 0.5)
        #expect(s.riskyCalls.map(\.call.id) == ["c3", "c4"])
        #expect(s.riskyCalls[0].missingReferrals.isEmpty && s.riskyCalls[0].missingSteps == [.callerKeptOnLine])
        #expect(s.riskyCalls[1].missingReferrals == [.psychiatrist] && s.riskyCalls[1].missingSteps.isEmpty)
        #expect(s.riskyCalls[0].duration == 25 * 60 && !s.riskyCalls[0].isComplete)
    }

    @Test func anEmptyShift() {
        let s = ShiftSummary.compute([], timeZone: F.utc)
        #expect(s.callCount == 0 && s.openCount == 0 && s.totalDuration == 0)
        #expect(s.meanDuration == nil && s.medianDuration == nil && s.longestDuration == nil)
        #expect(s.addictionShare == nil && s.adherence == nil && s.riskyCalls.isEmpty)
    }

    @Test func aCallStillOpenCountsButHasNoDuration() {
        let open = [F.nightShift[4]]
        let s = ShiftSummary.compute(open, timeZone: F.utc)
        #expect(s.callCount == 1 && s.openCount == 1 && s.totalDuration == 0 && s.meanDuration == nil)
        #expect(s.callers == ["pharmacien": 1] && s.classifiedCount == 0)
        // An open level 5 call is flagged as such.
        var urgent = F.nightShift[4]
        urgent.level = .imminentRisk
        let u = ShiftSummary.compute([urgent], timeZone: F.utc)
        #expect(u.riskyCalls.first?.isOpen == true && u.riskyCalls.first?.missingSteps == EmergencyStep.allCases)
        #expect(u.classifiedSavedCount == 0)
    }

    @Test func hoursFollowTheTimeZone() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(ShiftSummary.compute(F.nightShift, timeZone: paris).callsByHour == [23: 1, 0: 1, 1: 1, 2: 2])
    }
}
