import EcouteCore
import Foundation

/// The call itself as a feature: the session's transitions, the referral cursor, the proposals and
/// the alternatives, saving and the store's receipts, the notes' coalesced writes and takeovers.
/// It changes `CallDesk` only; the status line, the overlays, the directory cache and training mode
/// are the console's, asked for through outcomes.
public enum CallFeature: Feature {
    public typealias State = CallDesk

    public enum Event: Sendable {
        /// A transition of the session (`CallSession.reduce`); a refusal is said, nothing changes.
        case session(SessionEvent)
        /// F2 on the idle screen with the next call's identifier; the proposals of the last call go.
        case pickUp(callID: String, operatorName: String, line: String)
        /// An interrupted call resumed (or wrapped up): taken over from the console that held it first.
        case resumeInterrupted(wrapUp: Bool)
        /// The store found this operator's call left unfinished: offered to resume when idle.
        case unfinishedFound(UnfinishedCall)
        case classify(ClassificationLevel)
        case moveReferral(by: Int)
        case toggleReferral
        /// A referral from the directory or the alternatives: added at the end, under the cursor.
        case addReferral(Referral)
        case confirmLocation
        /// A required kind neither given nor justified gets its reason: on to the next one.
        case justifyGap(ReferralKind, ReferralGap)
        /// The alternatives of a kind to replace the selected referral or to add one.
        case askAlternatives(kind: ReferralKind, replacing: Int?)
        case alternatives(AlternativesRequest, [RankedEntry])
        case alternativeChosen(index: Int, replacing: Int?)
        case proposal(ReferralRequest, ReferralProposer.Proposal)
        case proposalFailed(ReferralRequest)
        /// Notes as typed: kept in the call, written once they have waited `notesWriteDelay`.
        case notesTyped(String)
        /// Notes not written yet are written now (the notes closed, quitting).
        case flushNotes
        /// F10.
        case save
        /// The psychologist saves identifying-looking text anyway.
        case identifyingConfirmed
        /// The clock: notes due, a refused write to try again.
        case tick
        case written(CallWrite)
        case writeFailed(CallWrite, reason: String)
        case keptOnWorkstation(callID: String, updatedAt: Date?)
        case takenOver(CallTakenOver)
        case takeoverRefused(callID: String, reason: String)
    }

    /// What the call reads of the console.
    public struct Context: Sendable {
        public var now: Date
        public var wallNow: Date
        public var strings: Strings
        public var geography: Geography
        public var timeZone: TimeZone
        /// Whether an overlay is open: the département is then not asked for over it.
        public var overlayOpen: Bool
    }

    /// What the call asks of the console.
    public enum Outcome: Equatable, Sendable {
        case effect(AppEffect)
        case message(StatusMessage)
        case overlay(Overlay)
        /// Entries the screens should know beyond a referral's snapshot (opening hours, sample).
        case remember([DirectoryEntry])
        /// The store committed the call.
        case saved(CallDraft)
    }

    /// How long typed notes may wait before they are written (what a crash can lose).
    public static let notesWriteDelay: TimeInterval = 0.3

    public static func update(_ desk: inout CallDesk, _ event: Event, _ context: Context) -> [Outcome] {
        let outcomes = handle(&desk, event, context)
        for case .effect(let effect) in outcomes {
            if effect.isCallWrite { desk.writesInFlight += 1 }
            if case .session(.proposeReferrals(let request)) = effect { desk.proposalAwaited = request }
        }
        return outcomes
    }

    static func handle(_ desk: inout CallDesk, _ event: Event, _ c: Context) -> [Outcome] {
        switch event {
        case .session(let event):
            return apply(&desk, event, c)
        case .pickUp(let id, let operatorName, let line):
            let outcomes = apply(&desk, .pickUp(callID: id, operatorName: operatorName, line: line), c)
            if desk.session.phase == .inCall {
                desk.proposalGaps = []
                desk.proposalWidened = [:]
                desk.proposalRankedForHour = []
                desk.selectedReferral = 0
            }
            return outcomes
        case .resumeInterrupted(let wrapUp):
            let event: SessionEvent = wrapUp ? .wrapUpInterrupted : .resume
            // Resuming takes the call over from the console that held it, before any write.
            guard case .interrupted(let draft) = desk.session else { return apply(&desk, event, c) }
            let takeover = Outcome.effect(.takeOver(callID: draft.id, from: desk.resumeFrom))
            let outcomes = apply(&desk, event, c)
            desk.resumeFrom = nil
            return [takeover] + outcomes
        case .unfinishedFound(let unfinished):
            guard desk.session == .idle else { return [] }
            desk.session = .interrupted(unfinished.call)
            desk.resumeFrom = unfinished.holder
            return []
        case .classify(let level):
            return apply(&desk, .classify(level), c) + askDepartementBeforeProposing(&desk, c)
        case .moveReferral(let delta):
            desk.selectedReferral = ListCursor.move(desk.selectedReferral, by: delta, count: desk.draft?.referrals.count ?? 0)
            return []
        case .toggleReferral:
            return toggleReferral(&desk, c)
        case .addReferral(let referral):
            let outcomes = apply(&desk, .addReferral(referral), c)
            desk.selectedReferral = ListCursor.last(count: desk.draft?.referrals.count ?? 0)
            return outcomes
        case .confirmLocation:
            desk.locationConfirmedFor = desk.draft?.id
            return []
        case .justifyGap(let kind, let gap):
            return apply(&desk, .justifyReferralGap(kind, gap), c) + gapJustified(desk, c)
        case .askAlternatives(let kind, let replacing):
            guard let draft = desk.draft else { return [] }
            return [.effect(.fetchAlternatives(alternativesRequest(draft, kind: kind, replacing: replacing)))]
        case .alternatives(let request, let entries):
            return [.remember(entries.map(\.entry))] + showAlternatives(&desk, request, entries, c)
        case .alternativeChosen(let index, let replacing):
            guard desk.alternatives.indices.contains(index) else { return [] }
            let referral = ReferralProposer.referral(desk.alternatives[index])
            desk.alternatives = []
            if let replacing { return apply(&desk, .replaceReferral(index: replacing, referral), c) }
            return handle(&desk, .addReferral(referral), c)
        case .proposal(let request, let proposal):
            return proposed(&desk, request, proposal, c)
        case .proposalFailed(let request):
            if desk.proposalAwaited == request { desk.proposalAwaited = nil }
            return []
        case .notesTyped(let notes):
            return notesTyped(&desk, notes, c)
        case .flushNotes:
            return flushNotes(&desk)
        case .save:
            return save(&desk, c)
        case .identifyingConfirmed:
            desk.identifyingAcknowledged = desk.draft?.id
            return save(&desk, c)
        case .tick:
            return writeDueNotes(&desk, c) + retryFailedWrite(&desk, c)
        case .written(let write):
            desk.writesInFlight = max(0, desk.writesInFlight - 1)
            return written(&desk, write, c)
        case .writeFailed(let write, let reason):
            desk.writesInFlight = max(0, desk.writesInFlight - 1)
            writeFailed(&desk, write, reason, c)
            return []
        case .keptOnWorkstation(let id, let updatedAt):
            guard desk.draft?.id == id else { return [] }
            desk.keptOnWorkstation = updatedAt
            return []
        case .takenOver(let t):
            return takenOver(&desk, t, c)
        case .takeoverRefused(let id, let reason):
            guard desk.draft?.id == id else { return [] }
            leave(&desk)
            return [.message(StatusMessage(text: c.strings.format("message.takenElsewhere", StoreFaultText.describe(reason, c.strings)),
                                           style: .alert)),
                    .effect(.loadUnfinished)]
        }
    }

    /// Runs a session event, saying a refusal instead of changing anything.
    static func apply(_ desk: inout CallDesk, _ event: SessionEvent, _ c: Context) -> [Outcome] {
        switch CallSession.reduce(desk.session, event, now: c.now) {
        case .success(let (next, effects)):
            desk.session = next
            // A write of the call carries the notes typed so far.
            if effects.contains(where: { if case .persist = $0 { return true } else { return false } }) { desk.notesUnwrittenSince = nil }
            if let count = next.draft?.referrals.count {
                desk.selectedReferral = ListCursor.clamp(desk.selectedReferral, count: count)
            }
            // Nothing to propose any more (the level withdrawn with the protocol): what the last
            // proposal said of its search no longer holds.
            if next.draft?.referralRequest == nil {
                desk.proposalGaps = []
                desk.proposalWidened = [:]
                desk.proposalRankedForHour = []
            }
            return effects.map { .effect(.session($0)) }
        case .failure(let refusal):
            return [.message(StatusMessage(text: c.strings["refusal.\(refusal.rawValue)"], style: .warn))]
        }
    }

    /// Who has the call now and since when, in words, and what became of this console's version.
    static func takenOverText(_ t: CallTakenOver, _ c: Context) -> String {
        let s = c.strings
        let who = t.alreadySaved ? s["takenOver.saved"]
            : s.format("takenOver.by", t.holder?.console.operatorName ?? "?", t.holder?.console.host ?? "?",
                       Formatting.clock(t.at, timeZone: c.timeZone))
        switch t.version {
        case .nothingUnsaved: return who
        case .kept: return who + " " + s["takenOver.kept"]
        case .notKept(let why): return who + " " + s.format("takenOver.notKept", StoreFaultText.describe(why, s))
        }
    }

    static func takenOver(_ desk: inout CallDesk, _ takenOver: CallTakenOver, _ c: Context) -> [Outcome] {
        if takenOver.version != .nothingUnsaved { desk.writesInFlight = max(0, desk.writesInFlight - 1) }
        if desk.savePending == takenOver.callID { desk.savePending = nil }
        // Our own save got there first: the call is saved, by this console.
        if case .saved(let saved) = desk.session, saved.id == takenOver.callID, takenOver.alreadySaved { return [] }
        guard desk.draft?.id == takenOver.callID else { return [] }
        let said = Outcome.message(StatusMessage(text: takenOverText(takenOver, c), style: .alert))
        desk.writeFailure = nil
        // Kept with the call, the version leaves this screen; not kept, it stays for the
        // psychologist to note, and the next change tries to keep it again.
        if case .notKept = takenOver.version { return [said] }
        leave(&desk)
        return [said, .effect(.loadUnfinished)]
    }

    /// The call is another console's now: it leaves this screen, with nothing left to write.
    static func leave(_ desk: inout CallDesk) {
        desk.session = .idle
        desk.resumeFrom = nil
        desk.writeFailure = nil
        desk.notesUnwrittenSince = nil
    }
}
