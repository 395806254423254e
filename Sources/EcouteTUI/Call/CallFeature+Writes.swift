import EcouteCore
import Foundation

/// Saving the call, the store's receipts and refusals, and the notes' coalesced writes.
extension CallFeature {
    /// F10: the call goes to the store as saved, but the console stays in wrap-up until the
    /// store says it committed; only then does « Appel enregistré » appear.
    static func save(_ desk: inout CallDesk, _ c: Context) -> [Outcome] {
        // Free text that looks identifying (notes, follow-up, reasons): asked once per call, before anything else.
        if let draft = desk.draft, draft.phase == .wrapUp, desk.identifyingAcknowledged != draft.id, draft.level != nil {
            let flagged = NotesPolicy.identifyingTexts(in: draft)
            if !flagged.isEmpty { return [.overlay(.confirmIdentifying(flagged))] }
        }
        switch CallSession.reduce(desk.session, .save, now: c.now) {
        case .failure(let refusal):
            let said = Outcome.message(StatusMessage(text: c.strings["refusal.\(refusal.rawValue)"], style: .warn))
            switch refusal {
            case .referralsNotJustified: return [said] + askNextGapReason(desk, c)
            case .assessmentRequired: return [said, .overlay(.assessment(AssessmentPanel()))]
            case .protocolIncomplete:
                // Back to the protocol, where each step is done or explained; the steps left are named.
                let left = desk.draft?.emergency?.unexplainedSteps ?? EmergencyStep.allCases
                let named = c.strings.format("refusal.protocolIncomplete", left.map { c.strings["key.step.\($0.rawValue).short"] }.joined(separator: ", "))
                return apply(&desk, .openEmergency, c) + [.message(StatusMessage(text: named, style: .warn))]
            default: return [said]
            }
        case .success(let (_, effects)):
            var outcomes = effects.map { Outcome.effect(.session($0)) }
            if let id = desk.draft?.id, effects.contains(where: { if case .finalize = $0 { return true } else { return false } }) {
                desk.savePending = id
                outcomes.insert(.message(StatusMessage(text: c.strings["message.saving"], style: .dim)), at: 0)
            }
            return outcomes
        }
    }

    static func written(_ desk: inout CallDesk, _ write: CallWrite, _ c: Context) -> [Outcome] {
        switch write {
        case .finalized(let saved):
            if desk.savePending == saved.id { desk.savePending = nil }
            guard case .call(let current) = desk.session, current.id == saved.id else { return [] }
            desk.session = .saved(saved)
            desk.writeFailure = nil
            desk.notesUnwrittenSince = nil
            return [.saved(saved), .message(StatusMessage(text: c.strings["message.saved"], style: .ok)), .effect(.refreshLineAverage)]
        case .persisted(let written):
            // Only the call's current state on disk clears the banner, and a save still owed keeps it.
            guard desk.writeFailure?.kind == .persist, let current = desk.draft, current.id == written.id,
                  written.updatedAt >= current.updatedAt else { return [] }
            desk.writeFailure = nil
            return []
        }
    }

    static func writeFailed(_ desk: inout CallDesk, _ write: CallWrite, _ reason: String, _ c: Context) {
        let kind: WriteFailure.Kind
        switch write {
        case .persisted: kind = desk.writeFailure?.kind == .finalize ? .finalize : .persist
        case .finalized: kind = .finalize
        }
        if desk.savePending == write.draft.id { desk.savePending = nil }
        let attempts = (desk.writeFailure?.attempts ?? 0) + 1
        desk.writeFailure = WriteFailure(kind: kind, reason: reason, attempts: attempts,
                                         retryAt: c.wallNow + WriteFailure.delay(afterAttempts: attempts),
                                         since: desk.writeFailure?.since ?? c.wallNow)
    }

    /// On the clock: a refused write is tried again when its delay has passed.
    static func retryFailedWrite(_ desk: inout CallDesk, _ c: Context) -> [Outcome] {
        guard let failure = desk.writeFailure, c.wallNow >= failure.retryAt, desk.writesInFlight == 0 else { return [] }
        // Not again before the next delay, whatever this try gives.
        desk.writeFailure?.retryAt = c.wallNow + WriteFailure.delay(afterAttempts: failure.attempts + 1)
        switch failure.kind {
        case .persist:
            guard case .call(let draft) = desk.session else { desk.writeFailure = nil; return [] }
            return [.effect(.session(.persist(draft)))]
        case .finalize:
            guard case .call = desk.session else { desk.writeFailure = nil; return [] }
            return save(&desk, c)
        }
    }

    /// Notes change in memory at every key and are written coalesced (`writeDueNotes`): a paste
    /// or fast typing is not one write per character.
    static func notesTyped(_ desk: inout CallDesk, _ notes: String, _ c: Context) -> [Outcome] {
        guard case .success(let (next, effects)) = CallSession.reduce(desk.session, .setNotes(notes), now: c.now) else { return [] }
        desk.session = next
        if desk.notesUnwrittenSince == nil { desk.notesUnwrittenSince = c.wallNow }
        return effects.filter { if case .persist = $0 { return false } else { return true } }.map { .effect(.session($0)) }
    }

    /// Writes the notes once they have waited their delay.
    static func writeDueNotes(_ desk: inout CallDesk, _ c: Context) -> [Outcome] {
        guard let since = desk.notesUnwrittenSince, c.wallNow >= since + notesWriteDelay else { return [] }
        return flushNotes(&desk)
    }

    /// Writes notes not written yet, now.
    static func flushNotes(_ desk: inout CallDesk) -> [Outcome] {
        guard desk.notesUnwrittenSince != nil else { return [] }
        desk.notesUnwrittenSince = nil
        guard case .call(let draft) = desk.session else { return [] }
        return [.effect(.session(.persist(draft)))]
    }
}
