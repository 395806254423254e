import EcouteCore
import Foundation

/// Saving the call, the store's receipts and refusals, and the session's transitions.
extension AppUpdate {
    /// F10: the call goes to the store as saved, but the console stays in wrap-up until the
    /// store says it committed; only then does « Appel enregistré » appear.
    static func save(_ model: inout AppModel) -> [AppEffect] {
        // Free text that looks identifying (notes, follow-up, reasons): asked once per call, before anything else.
        if let draft = model.draft, draft.phase == .wrapUp, model.identifyingAcknowledged != draft.id, draft.level != nil {
            let flagged = NotesPolicy.identifyingTexts(in: draft)
            if !flagged.isEmpty {
                model.overlay = .confirmIdentifying(flagged)
                return []
            }
        }
        switch CallSession.reduce(model.session, .save, now: model.now) {
        case .failure(let refusal):
            model.message = StatusMessage(text: model.strings["refusal.\(refusal.rawValue)"], style: .warn)
            if refusal == .referralsNotJustified { askNextGapReason(&model) }
            if refusal == .assessmentRequired { model.overlay = .assessment(AssessmentPanel()) }
            if refusal == .protocolIncomplete {
                // Back to the protocol, where each step is done or explained.
                let effects = apply(&model, .openEmergency)
                model.message = StatusMessage(text: model.strings["refusal.protocolIncomplete"], style: .warn)
                return effects
            }
            return []
        case .success(let (_, effects)):
            if let id = model.draft?.id, effects.contains(where: { if case .finalize = $0 { return true } else { return false } }) {
                model.savePending = id
                model.message = StatusMessage(text: model.strings["message.saving"], style: .dim)
            }
            return effects.map(AppEffect.session)
        }
    }

    /// Opens the reason picker for the next required kind neither given nor justified.
    static func askNextGapReason(_ model: inout AppModel) {
        guard let kind = model.draft?.unjustifiedReferralKinds.first else { return }
        model.overlay = .picker(Pickers.referralGap(kind, model.strings))
    }

    /// A reason was given for a kind: the next one, or back to wrap-up to save.
    static func gapJustified(_ model: inout AppModel) {
        if model.draft?.unjustifiedReferralKinds.isEmpty == false {
            askNextGapReason(&model)
        } else {
            model.message = StatusMessage(text: model.strings["wrapUp.gapsDone"], style: .ok)
        }
    }

    static func written(_ model: inout AppModel, _ write: CallWrite) -> [AppEffect] {
        switch write {
        case .finalized(let saved):
            if model.savePending == saved.id { model.savePending = nil }
            guard case .call(let current) = model.session, current.id == saved.id else { return [] }
            model.session = .saved(saved)
            model.writeFailure = nil
            model.notesUnwrittenSince = nil
            send(TrainingFeature.Event.saved(saved, callbackRequested: !(model.continuity.requested[saved.id] ?? []).isEmpty), &model)
            model.message = StatusMessage(text: model.strings["message.saved"], style: .ok)
            return [.refreshLineAverage]
        case .persisted(let written):
            // Only the call's current state on disk clears the banner, and a save still owed keeps it.
            guard model.writeFailure?.kind == .persist, let current = model.draft, current.id == written.id,
                  written.updatedAt >= current.updatedAt else { return [] }
            model.writeFailure = nil
            return []
        }
    }

    static func writeFailed(_ model: inout AppModel, _ write: CallWrite, _ reason: String) {
        let kind: WriteFailure.Kind
        switch write {
        case .persisted: kind = model.writeFailure?.kind == .finalize ? .finalize : .persist
        case .finalized: kind = .finalize
        }
        if model.savePending == write.draft.id { model.savePending = nil }
        let attempts = (model.writeFailure?.attempts ?? 0) + 1
        model.writeFailure = WriteFailure(kind: kind, reason: reason, attempts: attempts,
                                          retryAt: model.wallNow + WriteFailure.delay(afterAttempts: attempts),
                                          since: model.writeFailure?.since ?? model.wallNow)
    }

    /// On the clock: a refused write is tried again when its delay has passed.
    static func retryFailedWrite(_ model: inout AppModel) -> [AppEffect] {
        guard let failure = model.writeFailure, model.wallNow >= failure.retryAt, model.writesInFlight == 0 else { return [] }
        // Not again before the next delay, whatever this try gives.
        model.writeFailure?.retryAt = model.wallNow + WriteFailure.delay(afterAttempts: failure.attempts + 1)
        switch failure.kind {
        case .persist:
            guard case .call(let draft) = model.session else { model.writeFailure = nil; return [] }
            return [.session(.persist(draft))]
        case .finalize:
            guard case .call = model.session else { model.writeFailure = nil; return [] }
            return save(&model)
        }
    }

    /// Runs a session event, showing a refusal instead of changing anything.
    static func apply(_ model: inout AppModel, _ event: SessionEvent) -> [AppEffect] {
        switch CallSession.reduce(model.session, event, now: model.now) {
        case .success(let (next, effects)):
            model.session = next
            // A write of the call carries the notes typed so far.
            if effects.contains(where: { if case .persist = $0 { return true } else { return false } }) { model.notesUnwrittenSince = nil }
            if let count = next.draft?.referrals.count {
                model.selectedReferral = ListCursor.clamp(model.selectedReferral, count: count)
            }
            return effects.map(AppEffect.session)
        case .failure(let refusal):
            model.message = StatusMessage(text: model.strings["refusal.\(refusal.rawValue)"], style: .warn)
            return []
        }
    }

    /// Proposals near the caller need the caller's département: at the first classification of a
    /// call without one, the département list opens (once per call; « non renseigné » is an
    /// answer). Only at wrap-up, and not when the emergency protocol or another screen is open.
    static func askDepartementBeforeProposing(_ model: inout AppModel) {
        guard model.overlay == nil, let draft = model.draft, draft.phase == .wrapUp, draft.profile.departement == nil,
              model.departementAskedFor != draft.id,
              let request = draft.referralRequest, request.needs.contains(where: { !$0.kind.isNational }) else { return }
        model.departementAskedFor = draft.id
        var picker = Pickers.departement(model.strings, model.geography)
        picker.title = model.strings["picker.departementForReferrals"]
        model.overlay = .picker(picker)
    }

    static func alternativesRequest(_ draft: CallDraft, kind: ReferralKind, replacing: Int?) -> AlternativesRequest {
        AlternativesRequest(
            kind: kind, departement: draft.profile.departement,
            speciality: draft.level.map { ReferralRules.preferredSpeciality(level: $0, addiction: draft.addiction) } ?? nil,
            excluding: Set(draft.referrals.compactMap(\.entryID)), replacing: replacing)
    }

    static func showAlternatives(_ model: inout AppModel, _ request: AlternativesRequest, _ entries: [RankedEntry]) -> [AppEffect] {
        let s = model.strings
        guard !entries.isEmpty else {
            model.message = StatusMessage(text: s.format("message.noAlternative", s["kind.\(request.kind.rawValue)"]), style: .warn)
            return []
        }
        model.alternatives = entries
        let items = entries.enumerated().map { i, ranked in
            PickerItem(id: "\(i)", label: "\(ranked.entry.name) — \(ranked.entry.contactLine) · \(s["tier.\(ranked.tier.rawValue)"])")
        }
        model.overlay = .picker(Picker(purpose: .alternative(replacing: request.replacing),
                                       title: s.format("picker.alternatives", s["kind.\(request.kind.rawValue)"]), items: items))
        return []
    }
}
