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
            return alerts + send(CallFeature.Event.tick, &model) + leaseUpkeep(&model)
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
            return send(CallFeature.Event.written(write), &model)
        case .writeFailed(let write, let reason):
            return send(CallFeature.Event.writeFailed(write, reason: reason), &model)
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
            guard model.demo == nil, let first = resumable.first else { return [] }
            return send(CallFeature.Event.unfinishedFound(first), &model)
        case .callTakenOver(let takenOver):
            return send(CallFeature.Event.takenOver(takenOver), &model)
        case .takeoverRefused(let id, let reason):
            return send(CallFeature.Event.takeoverRefused(callID: id, reason: reason), &model)
        case .supervisorsKnown(let supervisors):
            return send(AlertsFeature.Event.supervisorsKnown(supervisors), &model)
        case .keptOnWorkstation(let id, let updatedAt):
            return send(CallFeature.Event.keptOnWorkstation(callID: id, updatedAt: updatedAt), &model)
        case .proposalFailed(let request):
            return send(CallFeature.Event.proposalFailed(request), &model)
        case .proposal(let request, let proposal):
            return send(CallFeature.Event.proposal(request, proposal), &model)
        case .alternatives(let request, let entries):
            return send(CallFeature.Event.alternatives(request, entries), &model)
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
