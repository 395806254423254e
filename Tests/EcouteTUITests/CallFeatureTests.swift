import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The call driven as a feature on its own state (`CallDesk`), without the console: what each event
/// changes of the call, and what it asks of the console.
@Suite struct CallFeatureTests {
    typealias F = TUIFixtures

    static func context(wall: Date, overlayOpen: Bool = false) -> CallFeature.Context {
        CallFeature.Context(now: F.t0 + 754, wallNow: wall, strings: F.french, geography: F.geography, timeZone: F.utc,
                            overlayOpen: overlayOpen)
    }

    static func persisted(_ outcomes: [CallFeature.Outcome]) -> [CallDraft] {
        outcomes.compactMap { if case .effect(.session(.persist(let draft))) = $0 { return draft } else { return nil } }
    }

    @Test func notesAreWrittenOnceTheyHaveWaitedNotAtEveryKey() {
        var desk = CallDesk(session: .call(F.draft()))
        let wall = F.t0
        #expect(Self.persisted(CallFeature.update(&desk, .notesTyped("a"), Self.context(wall: wall))).isEmpty)
        #expect(Self.persisted(CallFeature.update(&desk, .notesTyped("ab"), Self.context(wall: wall + 0.1))).isEmpty)
        #expect(Self.persisted(CallFeature.update(&desk, .tick, Self.context(wall: wall + 0.2))).isEmpty)
        #expect(desk.notesUnwrittenSince == wall && desk.writesInFlight == 0)

        let written = Self.persisted(CallFeature.update(&desk, .tick, Self.context(wall: wall + CallFeature.notesWriteDelay)))
        #expect(written.map(\.notes) == ["ab"])
        #expect(desk.notesUnwrittenSince == nil && desk.writesInFlight == 1)
        // Nothing left to write: the next tick and closing the notes write nothing more.
        #expect(CallFeature.update(&desk, .tick, Self.context(wall: wall + 1)).isEmpty)
        #expect(CallFeature.update(&desk, .flushNotes, Self.context(wall: wall + 1)).isEmpty)
    }

    @Test func aSaveWaitsForTheCommitAndOnlyTheCommitSaysSaved() throws {
        var desk = CallDesk(session: .call(F.wrapUpDraft()))
        for kind in F.wrapUpDraft().unjustifiedReferralKinds {
            _ = CallFeature.update(&desk, .justifyGap(kind, ReferralGap(reason: .callerDeclined)), Self.context(wall: F.t0))
        }
        let inFlight = desk.writesInFlight   // the reasons' own writes
        let outcomes = CallFeature.update(&desk, .save, Self.context(wall: F.t0))
        let finalized = outcomes.compactMap { if case .effect(.session(.finalize(let d))) = $0 { return d } else { return nil } }
        #expect(finalized.count == 1, "\(outcomes)")
        #expect(!outcomes.contains { if case .saved = $0 { return true } else { return false } })
        #expect(desk.savePending == "c-1" && desk.writesInFlight == inFlight + 1 && desk.session.phase == .wrapUp)

        let draft = try #require(finalized.first)
        let answered = CallFeature.update(&desk, .written(.finalized(draft)), Self.context(wall: F.t0 + 1))
        #expect(answered.contains(.saved(draft)))
        #expect(answered.contains(.effect(.refreshLineAverage)))
        #expect(desk.session == .saved(draft) && desk.savePending == nil && desk.writesInFlight == inFlight)
    }

    @Test func aRefusedWriteIsTriedAgainOnlyOnceNoWriteIsInFlight() throws {
        var desk = CallDesk(session: .call(F.draft()))
        let wall = F.t0
        _ = CallFeature.update(&desk, .notesTyped("un"), Self.context(wall: wall))
        let first = try #require(Self.persisted(CallFeature.update(&desk, .flushNotes, Self.context(wall: wall))).first)
        _ = CallFeature.update(&desk, .notesTyped("deux"), Self.context(wall: wall))
        let second = try #require(Self.persisted(CallFeature.update(&desk, .flushNotes, Self.context(wall: wall))).first)
        #expect(desk.writesInFlight == 2)

        _ = CallFeature.update(&desk, .writeFailed(.persisted(first), reason: "database is locked"), Self.context(wall: wall))
        #expect(desk.writeFailure?.attempts == 1 && desk.writesInFlight == 1)
        // Past its delay, but the second write has not answered: no retry piles up behind it.
        #expect(CallFeature.update(&desk, .tick, Self.context(wall: wall + 10)).isEmpty)

        _ = CallFeature.update(&desk, .writeFailed(.persisted(second), reason: "database is locked"), Self.context(wall: wall + 10))
        #expect(desk.writeFailure?.attempts == 2 && desk.writesInFlight == 0)
        let retryAt = try #require(desk.writeFailure?.retryAt)
        #expect(CallFeature.update(&desk, .tick, Self.context(wall: retryAt - 0.01)).isEmpty)
        #expect(Self.persisted(CallFeature.update(&desk, .tick, Self.context(wall: retryAt))).map(\.notes) == ["deux"])
        #expect(desk.writesInFlight == 1)

        // The current version on disk clears the banner; an older one would not have.
        _ = CallFeature.update(&desk, .written(.persisted(second)), Self.context(wall: retryAt + 1))
        #expect(desk.writeFailure == nil && desk.writesInFlight == 0)
    }

    @Test func aSaveRefusedForAKindNeitherGivenNorJustifiedAsksItsReasonAndChangesNothing() throws {
        var draft = F.draft(.wrapUp)
        draft.endedAt = F.t0 + 900
        draft.endReason = .hungUp
        draft.level = .anxiety
        var desk = CallDesk(session: .call(draft))
        let outcomes = CallFeature.update(&desk, .save, Self.context(wall: F.t0))
        #expect(outcomes.contains(.message(StatusMessage(text: F.french["refusal.referralsNotJustified"], style: .warn))))
        let kind = try #require(draft.unjustifiedReferralKinds.first)
        #expect(outcomes.contains(.overlay(.picker(Pickers.referralGap(kind, F.french)))))
        #expect(desk.session == .call(draft) && desk.savePending == nil && desk.writesInFlight == 0)

        // Each reason given asks for the next kind, and the last one says the call can be saved.
        var said: [CallFeature.Outcome] = []
        for kind in draft.unjustifiedReferralKinds {
            said = CallFeature.update(&desk, .justifyGap(kind, ReferralGap(reason: .callerDeclined)), Self.context(wall: F.t0))
        }
        #expect(said.contains(.message(StatusMessage(text: F.french["wrapUp.gapsDone"], style: .ok))))
        #expect(desk.draft?.unjustifiedReferralKinds.isEmpty == true)
    }

    @Test func resumingAnUnfinishedCallTakesItOverBeforeAnyWrite() throws {
        let holder = CallHolder(console: ConsoleIdentity(id: "k-2", host: "poste-2", pid: 42, operatorName: "psy-test"),
                                heartbeatAt: F.t0)
        var desk = CallDesk(session: .idle)
        _ = CallFeature.update(&desk, .unfinishedFound(UnfinishedCall(call: F.draft(), holder: holder)), Self.context(wall: F.t0))
        #expect(desk.session == .interrupted(F.draft()) && desk.resumeFrom == holder)
        // A second one found meanwhile does not replace the call on screen.
        var other = F.draft()
        other.id = "c-2"
        _ = CallFeature.update(&desk, .unfinishedFound(UnfinishedCall(call: other, holder: nil)), Self.context(wall: F.t0))
        #expect(desk.draft?.id == "c-1")

        let outcomes = CallFeature.update(&desk, .resumeInterrupted(wrapUp: false), Self.context(wall: F.t0))
        #expect(outcomes.first == .effect(.takeOver(callID: "c-1", from: holder)))
        #expect(desk.resumeFrom == nil && desk.session.phase == .inCall)
    }

    /// The protocol withdrawn as raised by mistake takes the level away: the last proposal's notes
    /// (« aucun dans le 69, recherche élargie ») go with it.
    @Test func whatTheLastProposalSaidGoesWhenNothingIsToBeProposed() throws {
        var draft = F.emergencyDraft()
        draft.emergency?.steps = [:]
        draft.referrals = []
        var desk = CallDesk(session: .call(draft))
        let request = try #require(draft.referralRequest)
        let proposal = ReferralProposer.Proposal(referrals: [], gaps: [.unit], widened: [.unit: .neighbour])
        _ = CallFeature.update(&desk, .proposal(request, proposal), Self.context(wall: F.t0))
        #expect(desk.proposalWidened == [.unit: .neighbour] && desk.proposalGaps == [.unit])
        _ = CallFeature.update(&desk, .session(.withdrawEmergency), Self.context(wall: F.t0))
        #expect(desk.draft?.level == nil)
        #expect(desk.proposalWidened.isEmpty && desk.proposalGaps.isEmpty)
    }

    @Test func theConsoleSendsTheCallsEventsThroughTheFeatureAndKeepsTheRest() {
        var model = F.model(.call(F.wrapUpDraft()))
        model.message = StatusMessage(text: "avant", style: .dim)
        _ = model.press(.nextReferral)
        #expect(model.selectedReferral == 1)
        _ = model.press(.toggleReferral)   // given → proposed: the cursor stays
        #expect(model.draft?.referrals[1].status == .proposed && model.selectedReferral == 1)
        #expect(model.message == nil)
    }
}
