import EcouteCore
import Foundation

/// The console as a pure function: `(model, event) -> (model, effects)`.
public enum AppUpdate {
    public static func update(_ model: inout AppModel, _ event: AppEvent) -> [AppEffect] {
        // A read answered: the store reads again, whatever an earlier one said.
        if event.isReadAnswer { model.readError = nil }
        var effects = handle(&model, event).map { effect -> AppEffect in
            guard case .session(.raiseAlert(let reason)) = effect, let call = model.draft else { return effect }
            return .raiseAlert(AlertsFeature.alert(reason, of: call, now: model.now, wallNow: model.wallNow))
        }
        for case .raiseAlert(let alert) in effects where !model.alerts.notRaised.contains(where: { $0.alert.id == alert.id }) {
            _ = send(AlertsFeature.Event.sending(alert), &model)
        }
        // The board learns at once what this console now does.
        effects += send(PresenceFeature.Event.handled, &model)
        if model.shouldQuit, effects.contains(.quit) { effects.insert(.leaveBoard, at: 0) }
        model.writesInFlight += effects.filter(\.isCallWrite).count
        for case .session(.proposeReferrals(let request)) in effects { model.proposalAwaited = request }
        return effects
    }

    static func handle(_ model: inout AppModel, _ event: AppEvent) -> [AppEffect] {
        switch event {
        case .shown:
            return send(PresenceFeature.Event.shown, &model)
        case .tick(let now):
            model.wallNow = now
            send(TrainingFeature.Event.tick(wall: now), &model)
            let alerts = send(AlertsFeature.Event.tick, &model)
            ringAtReferenceDuration(&model)
            return alerts + writeDueNotes(&model) + retryFailedWrite(&model) + leaseUpkeep(&model)
                + (model.handoverLookPending && now >= model.nextHandoverLook ?? .distantPast ? lookForHandover(&model) : [])
        case .debriefWritten(let result):
            return send(TrainingFeature.Event.debriefWritten(result), &model).effects
        case .resize(let w, let h):
            model.width = w
            model.height = h
            return []
        case .callID(let id):
            model.nextCallID = id
            return []
        case .lineAverage(let average):
            model.lineAverage = average
            model.readError = nil
            return []
        case .written(let write):
            model.writesInFlight = max(0, model.writesInFlight - 1)
            return written(&model, write)
        case .writeFailed(let write, let reason):
            model.writesInFlight = max(0, model.writesInFlight - 1)
            writeFailed(&model, write, reason)
            return []
        case .readFailed(let reason):
            model.readError = reason
            return []
        case .externalChange:
            // Between calls, what another console left: a call handed to this operator (offered to
            // resume) and the handoff notes.
            // At most every `handoverLookInterval`: on a shared SQLite file every other console's
            // heartbeat is a change.
            // A change within the interval is looked at once it is over: the change that handed a
            // call over may be the last for a while.
            let alerts = AppEffect.loadAlerts(callID: model.draft?.id)
            guard model.demo == nil else { return [alerts] }
            guard model.wallNow >= model.nextHandoverLook ?? .distantPast else {
                model.handoverLookPending = true
                return [alerts]
            }
            return [alerts] + lookForHandover(&model)
        case .alertNotRaised(let alert, _):
            return send(AlertsFeature.Event.notRaised(alert), &model)
        case .alertRaised(let alert):
            return send(AlertsFeature.Event.raised(alert), &model)
        case .callbackRequested(let request, let failure):
            return send(ContinuityFeature.Event.callbackAnswered(request, failure: failure), &model)
        case .callerCodeAttached(let callID, let attached, let history, let failure):
            return send(ContinuityFeature.Event.codeAnswered(callID: callID, attached, history: history, failure: failure), &model)
        case .followUpSet(let followUp, let failure):
            return send(ContinuityFeature.Event.followUpAnswered(followUp, failure: failure), &model)
        case .followUpsDue(let due):
            model.followUpsDue = due
            model.nextFollowUpsCheck = model.wallNow + AppModel.followUpsCheckInterval
            return []
        case .handoffFacts(let facts, let colleagues, let answeredElsewhere, let failure):
            return send(HandoffFeature.Event.counted(facts, colleagues: colleagues, answeredElsewhere: answeredElsewhere, failure: failure), &model)
        case .handoffWritten(let handedOver, let failure):
            return send(HandoffFeature.Event.written(handedOver: handedOver, failure: failure), &model)
        case .handoffs(let handoffs):
            model.handoffs = handoffs
            return []
        case .raisedByMistakeMarked(let failure):
            // Said only once the store committed it; a refusal says the supervisors were not told.
            model.message = failure.map { StatusMessage(text: model.strings.format("mistake.notSaid", $0), style: .alert) }
                ?? StatusMessage(text: model.strings["mistake.said"], style: .ok)
            return []
        case .alerts(let alerts, let supervisors):
            return send(AlertsFeature.Event.loaded(alerts, supervisors: supervisors), &model)
        case .schemaChecked(let unknown):
            model.newerSchema = unknown
            return []
        case .unfinished(let resumable, let held):
            model.unfinishedChecked = true
            model.heldElsewhere = held
            model.nextUnfinishedCheck = held.isEmpty ? nil : model.wallNow + AppModel.heartbeatInterval
            if model.session == .idle, model.demo == nil, let first = resumable.first {
                model.session = .interrupted(first.call)
                model.resumeFrom = first.holder
            }
            return []
        case .callTakenOver(let takenOver):
            if takenOver.version != .nothingUnsaved { model.writesInFlight = max(0, model.writesInFlight - 1) }
            if model.savePending == takenOver.callID { model.savePending = nil }
            // Our own save got there first: the call is saved, by this console.
            if case .saved(let saved) = model.session, saved.id == takenOver.callID, takenOver.alreadySaved { return [] }
            guard model.draft?.id == takenOver.callID else { return [] }
            model.message = StatusMessage(text: takenOverText(takenOver, model), style: .alert)
            model.writeFailure = nil
            // Kept with the call, the version leaves this screen; not kept, it stays for the
            // psychologist to note, and the next change tries to keep it again.
            if case .notKept = takenOver.version { return [] }
            model.session = .idle
            model.resumeFrom = nil
            model.notesUnwrittenSince = nil
            return [.loadUnfinished]
        case .takeoverRefused(let id, let reason):
            guard model.draft?.id == id else { return [] }
            model.session = .idle
            model.resumeFrom = nil
            model.writeFailure = nil
            model.notesUnwrittenSince = nil
            model.message = StatusMessage(text: model.strings.format("message.takenElsewhere", StoreFaultText.describe(reason, model.strings)),
                                          style: .alert)
            return [.loadUnfinished]
        case .supervisorsKnown(let supervisors):
            return send(AlertsFeature.Event.supervisorsKnown(supervisors), &model)
        case .keptOnWorkstation(let id, let updatedAt):
            guard model.draft?.id == id else { return [] }
            model.keptOnWorkstation = updatedAt
            return []
        case .proposalFailed(let request):
            if model.proposalAwaited == request { model.proposalAwaited = nil }
            return []
        case .proposal(let request, let proposal):
            if model.proposalAwaited == request { model.proposalAwaited = nil }
            guard case .success(let (next, _)) = CallSession.reduce(model.session, .referralsProposed(request, proposal.referrals), now: model.now) else {
                return []   // an answer to an outdated request: a newer one is on its way
            }
            model.session = next
            model.proposalGaps = proposal.gaps
            model.proposalWidened = proposal.widened
            model.proposalRankedForHour = proposal.rankedForHour
            model.remember(Array(proposal.entries.values))
            model.selectedReferral = 0
            return next.draft.map { [.session(.persist($0))] } ?? []
        case .alternatives(let request, let entries):
            model.remember(entries.map(\.entry))
            return showAlternatives(&model, request, entries)
        case .directoryResults(let query, let entries):
            // Not remembered: the browser holds them, and the one picked is remembered when used
            // (a hundred entries stored at every key typed was a fifth of the key's time).
            return send(DirectoryFeature.Event.results(query, entries), &model)
        case .key(let key):
            model.message = nil
            return handleKey(&model, key)
        case .paste(let text):
            model.message = nil
            return paste(&model, text)
        }
    }
}

extension AppUpdate {
    /// Between calls, what another console left: a call handed to this operator (offered to
    /// resume) and the handoff notes; on an interrupted call's screen, the notes only.
    static func lookForHandover(_ model: inout AppModel) -> [AppEffect] {
        model.handoverLookPending = false
        switch model.session {
        case .idle:
            model.nextHandoverLook = model.wallNow + AppModel.handoverLookInterval
            return [.loadUnfinished, .loadHandoffs]
        case .interrupted:   // the note may follow the call it hands over
            model.nextHandoverLook = model.wallNow + AppModel.handoverLookInterval
            return [.loadHandoffs]
        default: return []
        }
    }
}
