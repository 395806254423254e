import Foundation
import Testing
@testable import EcouteCore

@Suite struct CallSessionBehaviourTests {
    func step(_ state: SessionState, _ event: SessionEvent, _ now: Date) throws -> (SessionState, [SessionEffect]) {
        try CallSession.reduce(state, event, now: now).get()
    }

    /// The alerts are effects of the pure session: level 5 and the supervisor step, each once.
    @Test func levelFiveAndTheSupervisorStepEachRaiseOneAlert() throws {
        let now = Fixtures.start
        func alerts(_ effects: [SessionEffect]) -> [AlertReason] {
            effects.compactMap { if case .raiseAlert(let reason) = $0 { return reason } else { return nil } }
        }
        var (s, effects) = try step(.idle, Fixtures.pickUp, now)
        #expect(alerts(effects).isEmpty)
        (s, effects) = try step(s, .openEmergency, now + 60)
        #expect(alerts(effects) == [.imminentRisk])
        (s, effects) = try step(s, .toggleEmergencyStep(.supervisorCalled), now + 70)
        #expect(alerts(effects) == [.supervisorStep])
        // Marked again, closed and reopened: nothing new to say.
        (s, effects) = try step(s, .toggleEmergencyStep(.callerKeptOnLine), now + 80)
        #expect(alerts(effects).isEmpty)
        (s, effects) = try step(s, .closeEmergency, now + 90)
        (s, effects) = try step(s, .openEmergency, now + 95)
        #expect(alerts(effects).isEmpty)

        // Level 5 chosen at wrap-up (which opens the protocol): one alert.
        (_, effects) = try step(Fixtures.state(.wrapUp), .classify(.imminentRisk), now)
        #expect(alerts(effects) == [.imminentRisk])
    }

    @Test func timerRunsFromPickUpAndStopsAtHangUp() throws {
        var clock = TestClock()
        var (s, _) = try step(.idle, Fixtures.pickUp, clock.now)
        clock.advance(25 * 60 + 7)
        #expect(s.draft?.elapsed(now: clock.now) == TimeInterval(25 * 60 + 7))
        (s, _) = try step(s, .hangUp, clock.now)
        clock.advance(300)
        #expect(s.draft?.elapsed(now: clock.now) == TimeInterval(25 * 60 + 7))
        #expect(s.draft?.endReason == .hungUp)
    }

    @Test func droppedCallResumesWhenCallerIsBack() throws {
        var clock = TestClock()
        var (s, _) = try step(.idle, Fixtures.pickUp, clock.now)
        clock.advance(120)
        (s, _) = try step(s, .lineDropped, clock.now)
        #expect(s.draft?.endReason == .dropped)
        #expect(s.draft?.elapsed(now: clock.now + 999) == 120)
        clock.advance(30)
        (s, _) = try step(s, .callerBack, clock.now)
        #expect(s.phase == .inCall)
        #expect(s.draft?.endedAt == nil)
        clock.advance(30)
        #expect(s.draft?.elapsed(now: clock.now) == 180)
    }

    @Test func classifyingAsksTheDirectoryOnceForEachNewRequest() throws {
        let now = Fixtures.start
        var s = Fixtures.state(.wrapUp)
        var effects: [SessionEffect]
        (s, effects) = try step(s, .classify(.depression), now)
        let expected = ReferralRequest(needs: [ReferralNeed(.psychologist), ReferralNeed(.gp)], departement: nil, preferredSpeciality: "depression")
        #expect(effects.contains(.proposeReferrals(expected)))
        (s, effects) = try step(s, .classify(.depression), now)
        #expect(!effects.contains { if case .proposeReferrals = $0 { true } else { false } })
        (s, effects) = try step(s, .setAddiction(true), now)
        #expect(effects.contains(.proposeReferrals(ReferralRequest(needs: expected.needs + [ReferralNeed(.addiction)], departement: nil,
                                                                   preferredSpeciality: "addiction"))))
        var profile = s.draft!.profile
        profile.departement = "69"
        (s, effects) = try step(s, .updateProfile(profile), now)
        #expect(effects.contains { if case .proposeReferrals(let r) = $0 { r.departement == "69" } else { false } })
    }

    @Test func newProposalsReplaceProposedButKeepChosenReferrals() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.wrapUp), .classify(.burnout), now)
        let request = try #require(s.draft?.referralRequest)
        let chosen = Referral(kind: .unit, entryID: 1, name: "Unité", contact: "", tier: .region)
        (s, _) = try step(s, .addReferral(chosen), now)
        let first = [Referral(kind: .gp, entryID: 2, name: "Dr A", contact: "", tier: .sameDepartement)]
        (s, _) = try step(s, .referralsProposed(request, first), now)
        let second = [Referral(kind: .gp, entryID: 3, name: "Dr B", contact: "", tier: .neighbour)]
        (s, _) = try step(s, .referralsProposed(request, second), now)
        #expect(s.draft?.referrals.map(\.entryID) == [1, 3])
        #expect(s.draft?.referrals.first?.origin == .chosen)
        // An answer to a request that no longer matches the call is refused.
        let stale = ReferralRequest(needs: [ReferralNeed(.legal)], departement: nil, preferredSpeciality: nil)
        #expect(throws: SessionRefusal.outdatedProposal) { try CallSession.reduce(s, .referralsProposed(stale, first), now: now).get() }
    }

    /// A flag or the level changed: what was given or declined stays, marked (it was said to the
    /// caller); the proposals not acted on are replaced, and no second entry is proposed for a kind
    /// already given.
    @Test func whatWasGivenOrDeclinedStaysWhenTheProposalsChange() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.wrapUp), .classify(.burnout), now)
        let gp = Referral(kind: .gp, entryID: 2, name: "Dr A", contact: "", tier: .sameDepartement)
        let psychiatrist = Referral(kind: .psychiatrist, entryID: 3, name: "Dr P", contact: "", tier: .sameDepartement)
        (s, _) = try step(s, .referralsProposed(try #require(s.draft?.referralRequest), [gp, psychiatrist]), now)
        (s, _) = try step(s, .setReferralStatus(index: 0, .given), now)
        (s, _) = try step(s, .setReferralStatus(index: 1, .declined), now)
        (s, _) = try step(s, .setAddiction(true), now)
        let addiction = Referral(kind: .addiction, entryID: 4, name: "CSAPA", contact: "", tier: .sameDepartement)
        let otherPsychiatrist = Referral(kind: .psychiatrist, entryID: 5, name: "Dr Q", contact: "", tier: .sameDepartement)
        let otherGP = Referral(kind: .gp, entryID: 6, name: "Dr G", contact: "", tier: .sameDepartement)
        (s, _) = try step(s, .referralsProposed(try #require(s.draft?.referralRequest), [otherGP, otherPsychiatrist, addiction]), now)
        #expect(s.draft?.referrals.map(\.entryID) == [2, 3, 5, 4])
        #expect(s.draft?.referrals.map(\.status) == [.given, .declined, .proposed, .proposed])
        // The same entry proposed again is not listed twice.
        (s, _) = try step(s, .setAddiction(false), now)
        (s, _) = try step(s, .referralsProposed(try #require(s.draft?.referralRequest), [gp, psychiatrist]), now)
        #expect(s.draft?.referrals.map(\.entryID) == [2, 3])
        // The same entry under another kind is another referral.
        #expect(!gp.isSameEntry(as: Referral(kind: .psychiatrist, entryID: 2, name: "Dr A", contact: "", tier: .sameDepartement)))
    }

    @Test func referralsCanBeDeclinedAndSwapped() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.wrapUp), .classify(.anxiety), now)
        let request = try #require(s.draft?.referralRequest)
        let proposed = [
            Referral(kind: .psychologist, entryID: 1, name: "P", contact: "", tier: .sameDepartement),
            Referral(kind: .gp, entryID: 2, name: "G", contact: "", tier: .sameDepartement),
        ]
        (s, _) = try step(s, .referralsProposed(request, proposed), now)
        // Nothing is given until the psychologist says so.
        #expect(s.draft?.referrals.map(\.status) == [.proposed, .proposed])
        #expect(s.draft?.missingReferralKinds == [.psychologist, .gp])
        (s, _) = try step(s, .setReferralStatus(index: 1, .declined), now)
        let swap = Referral(kind: .psychologist, entryID: 9, name: "P2", contact: "", tier: .neighbour)
        (s, _) = try step(s, .replaceReferral(index: 0, swap), now)
        (s, _) = try step(s, .setReferralStatus(index: 0, .given), now)
        #expect(s.draft?.referrals.map(\.entryID) == [9, 2])
        #expect(s.draft?.referrals.map(\.status) == [.given, .declined])
        #expect(s.draft?.referrals[0].origin == .chosen)
        #expect(s.draft?.missingReferralKinds == [.gp])
        // The GP not given blocks the save until a reason is given.
        #expect(throws: SessionRefusal.referralsNotJustified) { try CallSession.reduce(s, .save, now: now).get() }
        (s, _) = try step(s, .justifyReferralGap(.gp, ReferralGap(reason: .alreadyInCare)), now)
        #expect(s.draft?.unjustifiedReferralKinds == [])
        (s, _) = try step(s, .save, now)
        #expect(s.phase == .saved && s.draft?.referralGaps == [.gp: ReferralGap(reason: .alreadyInCare)])
    }

    @Test func levelFiveAtWrapUpOpensTheProtocolAndCannotBeSavedUntilEveryStepIsDoneOrExplained() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.wrapUp), .classify(.imminentRisk), now)
        #expect(s.phase == .emergency)
        #expect(s.draft?.emergency?.openedAt == now && s.draft?.phaseBeforeEmergency == .wrapUp)
        (s, _) = try step(s, .closeEmergency, now)
        for kind in s.draft?.unjustifiedReferralKinds ?? [] {
            (s, _) = try step(s, .justifyReferralGap(kind, Fixtures.callerDeclined), now)
        }
        #expect(throws: SessionRefusal.protocolIncomplete) { try CallSession.reduce(s, .save, now: now).get() }
        (s, _) = try step(s, .openEmergency, now)
        (s, _) = try step(s, .toggleEmergencyStep(.emergencyServicesCalled), now + 1)
        (s, _) = try step(s, .toggleEmergencyStep(.supervisorCalled), now + 2)
        (s, _) = try step(s, .explainSkippedStep(.callerKeptOnLine, "  "), now + 3)   // blank is no reason
        #expect(s.draft?.emergency?.unexplainedSteps == [.callerKeptOnLine])
        (s, _) = try step(s, .explainSkippedStep(.callerKeptOnLine, "l'appelant a raccroché avant le relais"), now + 3)
        #expect(s.draft?.emergency?.unexplainedSteps == [])
        (s, _) = try step(s, .closeEmergency, now + 4)
        // The 15 is given by the protocol; the unit still needs a reason.
        for kind in s.draft?.unjustifiedReferralKinds ?? [] {
            (s, _) = try step(s, .justifyReferralGap(kind, Fixtures.callerDeclined), now + 4)
        }
        #expect(throws: SessionRefusal.assessmentRequired) { try CallSession.reduce(s, .save, now: now + 4).get() }
        (s, _) = try step(s, .setAssessment(RiskAssessment(urgence: .high, dangerosite: .medium)), now + 4)
        (s, _) = try step(s, .save, now + 5)
        #expect(s.phase == .saved && s.draft?.emergency?.skipped == [.callerKeptOnLine: "l'appelant a raccroché avant le relais"])
    }

    @Test func theNumberCalledIsTheOneGivenWhateverTheOrderOfTheProposals() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.inCall), .openEmergency, now)
        let request = try #require(s.draft?.referralRequest)
        // The directory ranks the 3114 first at level 5 (its speciality is the level's theme).
        let numbers = ["3114", "15 · Paris (75)", "112"].enumerated().map {
            Referral(kind: .emergency, entryID: Int64($0.offset), name: $0.element, contact: $0.element, tier: .national)
        }
        (s, _) = try step(s, .referralsProposed(request, numbers), now)
        #expect(s.draft?.referrals.map(\.status) == [.proposed, .proposed, .proposed])
        (s, _) = try step(s, .callEmergencyNumber(.samu), now + 5)
        #expect(s.draft?.referrals.map(\.status) == [.proposed, .given, .proposed])
        #expect(s.draft?.emergencyNumbersCalled == [.samu])
        #expect(s.draft?.emergency?.steps[.emergencyServicesCalled] == now + 5)
        (s, _) = try step(s, .callEmergencyNumber(.suicidePrevention), now + 9)
        #expect(s.draft?.referrals.map(\.status) == [.given, .given, .proposed])
        #expect(s.draft?.emergency?.steps[.emergencyServicesCalled] == now + 5)   // the first call's time
        // Undone by mistake: proposed again; the step stays done while one number is.
        (s, _) = try step(s, .callEmergencyNumber(.samu), now + 10)
        #expect(s.draft?.emergencyNumbersCalled == [.suicidePrevention])
        (s, _) = try step(s, .callEmergencyNumber(.suicidePrevention), now + 11)
        #expect(s.draft?.referrals.map(\.status) == [.proposed, .proposed, .proposed])
        #expect(s.draft?.emergency?.steps[.emergencyServicesCalled] == nil)
    }

    @Test func aProtocolOpenedByMistakeIsWithdrawnOnlyBeforeAnyStep() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.inCall), .openEmergency, now)
        #expect(s.draft?.level == .imminentRisk)
        (s, _) = try step(s, .callEmergencyNumber(.samu), now + 1)
        #expect(throws: SessionRefusal.protocolUnderway) { try CallSession.reduce(s, .withdrawEmergency, now: now + 2).get() }
        (s, _) = try step(s, .callEmergencyNumber(.samu), now + 3)   // undone
        let request = try #require(s.draft?.referralRequest)
        let numbers = ["15", "112"].map { Referral(kind: .emergency, entryID: nil, name: $0, contact: $0, tier: .national) }
        (s, _) = try step(s, .referralsProposed(request, numbers), now + 3)
        (s, _) = try step(s, .withdrawEmergency, now + 4)
        #expect(s.phase == .inCall && s.draft?.level == nil && s.draft?.emergency == nil)
        #expect(s.draft?.referrals.isEmpty == true)
        // Not in the protocol: nothing to withdraw.
        #expect(throws: SessionRefusal.notInEmergency) { try CallSession.reduce(s, .withdrawEmergency, now: now + 5).get() }
        // At wrap-up, the level chosen next is the call's own.
        (s, _) = try step(s, .hangUp, now + 6)
        (s, _) = try step(s, .classify(.burnout), now + 7)
        #expect(s.phase == .wrapUp && s.draft?.level == .burnout)
    }

    @Test func aNumberCalledBeforeTheDirectoryAnswersIsRecordedOnceByItsNumber() throws {
        let now = Fixtures.start
        var (s, _) = try step(Fixtures.state(.inCall), .openEmergency, now)
        (s, _) = try step(s, .callEmergencyNumber(.european), now + 2)
        #expect(s.draft?.referrals.map(\.contact) == ["112"])
        #expect(s.draft?.referrals.first?.status == .given && s.draft?.referrals.first?.origin == .chosen)
        let request = try #require(s.draft?.referralRequest)
        let numbers = ["3114", "15", "112"].enumerated().map {
            Referral(kind: .emergency, entryID: Int64($0.offset), name: $0.element, contact: $0.element, tier: .national)
        }
        (s, _) = try step(s, .referralsProposed(request, numbers), now + 3)
        #expect(s.draft?.referrals.map(\.contact) == ["112", "3114", "15"])
        #expect(s.draft?.emergencyNumbersCalled == [.european])
        // The old « emergency services called » step is the 15.
        (s, _) = try step(s, .toggleEmergencyStep(.emergencyServicesCalled), now + 4)
        #expect(s.draft?.emergencyNumbersCalled == [.samu, .european])
    }

    @Test func emergencyProtocolIsTimeStampedAndReturnsWhereItCameFrom() throws {
        var clock = TestClock()
        var (s, effects) = try step(Fixtures.state(.inCall), .openEmergency, clock.now)
        #expect(s.draft?.level == .imminentRisk)
        #expect(effects.contains { if case .proposeReferrals(let r) = $0 { r.needs.map(\.kind) == [.emergency, .unit] } else { false } })
        clock.advance(40)
        (s, _) = try step(s, .toggleEmergencyStep(.emergencyServicesCalled), clock.now)
        clock.advance(20)
        (s, _) = try step(s, .toggleEmergencyStep(.supervisorCalled), clock.now)
        #expect(s.draft?.emergency?.steps[.emergencyServicesCalled] == Fixtures.start + 40)
        #expect(s.draft?.emergency?.steps[.supervisorCalled] == Fixtures.start + 60)
        #expect(s.draft?.emergency?.pendingSteps == [.callerKeptOnLine])
        // A step marked by mistake can be undone.
        (s, _) = try step(s, .toggleEmergencyStep(.supervisorCalled), clock.now)
        #expect(s.draft?.emergency?.steps[.supervisorCalled] == nil)
        (s, _) = try step(s, .closeEmergency, clock.now)
        #expect(s.phase == .inCall)
        // Reopening keeps what was done.
        (s, _) = try step(s, .openEmergency, clock.now)
        #expect(s.draft?.emergency?.steps[.emergencyServicesCalled] == Fixtures.start + 40)
        #expect(s.draft?.emergency?.openedAt == Fixtures.start)
    }

    @Test func hangingUpDuringTheProtocolLeadsToWrapUp() throws {
        var (s, _) = try step(Fixtures.state(.emergency), .hangUp, Fixtures.start + 90)
        #expect(s.phase == .emergency)
        #expect(s.draft?.endedAt == Fixtures.start + 90)
        (s, _) = try step(s, .closeEmergency, Fixtures.start + 95)
        #expect(s.phase == .wrapUp)
        #expect(s.draft?.level == .imminentRisk)
    }

    @Test func lineDropDuringTheProtocolThenCallerBack() throws {
        var (s, _) = try step(Fixtures.state(.emergency), .lineDropped, Fixtures.start + 10)
        (s, _) = try step(s, .callerBack, Fixtures.start + 20)
        (s, _) = try step(s, .closeEmergency, Fixtures.start + 30)
        #expect(s.phase == .inCall)
        #expect(s.draft?.endedAt == nil)
    }

    @Test func saveRequiresClassificationAndRecordsTheTime() throws {
        let wrap = Fixtures.state(.wrapUp)
        #expect(throws: SessionRefusal.classificationRequired) { try CallSession.reduce(wrap, .save, now: Fixtures.start).get() }
        var (s, _) = try step(wrap, .classify(.administrative), Fixtures.start + 1)
        for kind in s.draft?.unjustifiedReferralKinds ?? [] {
            (s, _) = try step(s, .justifyReferralGap(kind, Fixtures.callerDeclined), Fixtures.start + 1)
        }
        var effects: [SessionEffect]
        (s, effects) = try step(s, .save, Fixtures.start + 2)
        guard case .saved(let draft) = s else { Issue.record("not saved: \(s)"); return }
        #expect(draft.savedAt == Fixtures.start + 2)
        #expect(draft.phase == .saved)
        #expect(effects == [.finalize(draft)])
        (s, _) = try step(s, .acknowledge, Fixtures.start + 3)
        #expect(s == .idle)
    }

    @Test func interruptedCallResumesWithItsFieldsAndTimer() throws {
        var (s, _) = try step(.idle, Fixtures.pickUp, Fixtures.start)
        var profile = CallerProfile()
        profile.setCaller(.student, profession: .infirmier)
        (s, _) = try step(s, .updateProfile(profile), Fixtures.start + 300)
        let recovered = SessionState.interrupted(s.draft!)
        let (resumed, _) = try step(recovered, .resume, Fixtures.start + 900)
        #expect(resumed.phase == .inCall)
        #expect(resumed.draft?.profile == profile)
        #expect(resumed.draft?.elapsed(now: Fixtures.start + 900) == 900)

        let (closed, _) = try step(recovered, .wrapUpInterrupted, Fixtures.start + 900)
        #expect(closed.phase == .wrapUp)
        #expect(closed.draft?.endedAt == Fixtures.start + 300)
        #expect(closed.draft?.endReason == .interrupted)
    }

    @Test func resumingAskedAgainForProposalsThatNeverArrived() throws {
        var (s, _) = try step(Fixtures.state(.wrapUp), .classify(.suicidalIdeation), Fixtures.start)
        let (_, effects) = try step(.interrupted(s.draft!), .resume, Fixtures.start + 5)
        #expect(effects.contains(.proposeReferrals(s.draft!.referralRequest!)))
        let request = s.draft!.referralRequest!
        (s, _) = try step(s, .referralsProposed(request, [Fixtures.sampleReferral]), Fixtures.start)
        let (_, again) = try step(.interrupted(s.draft!), .resume, Fixtures.start + 5)
        #expect(!again.contains(.proposeReferrals(request)))
    }

    @Test func pickingUpFromTheSavedSummaryStartsTheNextCall() throws {
        let (s, _) = try step(Fixtures.state(.saved), .pickUp(callID: "call-2", operatorName: "psy1"), Fixtures.start + 10)
        #expect(s.phase == .inCall)
        #expect(s.draft?.id == "call-2")
    }

    @Test func callerCategorySetsImpliedStatus() {
        var p = CallerProfile()
        p.setCaller(.student, profession: .sageFemme)
        #expect(p.status == .student && p.profession == .sageFemme)
        p.setCaller(.family, profession: .medecin)   // the profession of the person concerned
        #expect(p.status == .family && p.profession == .medecin)
        p.setCaller(.other, profession: .medecin)
        #expect(p.profession == nil)
        p.setCaller(.professional, profession: .pharmacien)
        #expect(p.status == nil && p.profession == .pharmacien)
        p.status = .selfEmployed
        p.setCaller(.professional, profession: .opticien)
        #expect(p.status == .selfEmployed)
    }
}
