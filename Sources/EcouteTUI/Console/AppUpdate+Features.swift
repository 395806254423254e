import EcouteCore
import Foundation

/// The console's features lifted into its model: where each one's state lives, what it reads of the
/// rest, and what the console does with its outcomes. A feature changes its own state only; what it
/// asks of the others (a referral for the call, an overlay, the console's time) is done here.
extension AppUpdate {
    /// Where each feature's state is, and what it reads of the console.
    static var call: Scope<AppModel, CallFeature> {
        Scope(\.desk) { model in
            CallFeature.Context(now: model.now, wallNow: model.wallNow, strings: model.strings, geography: model.geography,
                                timeZone: model.timeZone, overlayOpen: model.overlay != nil)
        }
    }

    static var directory: Scope<AppModel, DirectoryFeature> {
        Scope(\.directory) { model in
            DirectoryFeature.Context(phase: model.session.phase, strings: model.strings, geography: model.geography,
                                     callerDepartement: model.draft?.profile.departement,
                                     referralEntries: model.draft?.referrals.map(\.entryID) ?? [])
        }
    }

    static var training: Scope<AppModel, TrainingFeature> {
        Scope(\.demo) { model in
            TrainingFeature.Context(strings: model.strings, operatorName: model.operatorName, lines: model.lines)
        }
    }

    static var alerting: Scope<AppModel, AlertsFeature> {
        Scope(\.alerts) { model in
            AlertsFeature.Context(wallNow: model.wallNow, callID: model.draft?.id, strings: model.strings, timeZone: model.timeZone)
        }
    }

    static var presence: Scope<AppModel, PresenceFeature> {
        Scope(\.presence) { model in
            PresenceFeature.Context(activity: model.activity, wallNow: model.wallNow, interval: AppModel.heartbeatInterval)
        }
    }

    static var picker: Scope<AppModel, PickerFeature> { Scope(\.picker) { $0.geography } }

    static var prompt: Scope<AppModel, PromptFeature> { Scope(\.prompt) { _ in () } }

    static var continuity: Scope<AppModel, ContinuityFeature> {
        Scope(\.continuity) { model in
            ContinuityFeature.Context(strings: model.strings, callID: model.draft?.id, overlayOpen: model.overlay != nil)
        }
    }

    static var callback: Scope<AppModel, CallbackFeature> {
        Scope(\.callbackForm) { model in
            CallbackFeature.Context(strings: model.strings, callID: model.draft?.id, operatorName: model.draft?.operatorName,
                                    wallNow: model.wallNow)
        }
    }

    static var callerCode: Scope<AppModel, CallerCodeFeature> { Scope(\.callerCodeForm) { $0.strings } }

    static var callerHistory: Scope<AppModel, CallerHistoryFeature> { Scope(\.callerHistory) { _ in () } }

    static var followUp: Scope<AppModel, FollowUpFeature> {
        Scope(\.followUpForm) { model in
            FollowUpFeature.Context(callID: model.draft?.id, operatorName: model.draft?.operatorName,
                                    hasCallerCode: model.draft.map { model.continuity.codes[$0.id] != nil } ?? false, wallNow: model.wallNow)
        }
    }

    static var handoff: Scope<AppModel, HandoffFeature> {
        Scope(\.handoffForm) { model in HandoffFeature.Context(strings: model.strings, line: model.line) }
    }

    static var notes: Scope<AppModel, NotesFeature> { Scope(\.notesField) { $0.strings } }

    static func send(_ event: CallFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        var effects: [AppEffect] = []
        for outcome in call.send(event, &model) {
            switch outcome {
            case .effect(let effect): effects.append(effect)
            case .message(let message): model.message = message
            case .overlay(let overlay): model.overlay = overlay
            case .remember(let entries): model.remember(entries)
            case .saved(let saved):
                let callbackRequested = !(model.continuity.requested[saved.id] ?? []).isEmpty
                effects += send(TrainingFeature.Event.saved(saved, callbackRequested: callbackRequested), &model).effects
            }
        }
        return effects
    }

    /// A transition of the call's session, through `CallFeature`.
    static func apply(_ model: inout AppModel, _ event: SessionEvent) -> [AppEffect] {
        send(CallFeature.Event.session(event), &model)
    }

    static func send(_ event: DirectoryFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        var effects: [AppEffect] = []
        for outcome in directory.send(event, &model) {
            switch outcome {
            case .search(let query, let limit): effects.append(.searchDirectory(query, limit: limit))
            case .message(let message): model.message = message
            case .overlay(let overlay): model.overlay = overlay
            case .openEmergency: effects += perform(&model, .openEmergency)
            case .use(let entry, let referral, let replacing): effects += use(&model, entry, referral, replacing: replacing)
            }
        }
        return effects
    }

    /// The directory's entry becomes a referral of the call; once the call took it, the screen closes.
    static func use(_ model: inout AppModel, _ entry: DirectoryEntry, _ referral: Referral, replacing: Int?) -> [AppEffect] {
        model.remember([entry])   // whether it is open, at wrap-up
        let effects = replacing.map { apply(&model, .replaceReferral(index: $0, referral)) }
            ?? send(CallFeature.Event.addReferral(referral), &model)
        guard !effects.isEmpty else { return [] }
        return effects + send(.used(entry), &model)
    }

    /// Opens the directory: at wrap-up on the selected referral (same kind, caller's département),
    /// elsewhere for a look-up near the caller if a call is on.
    static func openDirectory(_ model: inout AppModel) -> [AppEffect] {
        let draft = model.draft
        var query = DirectoryQuery(departement: draft?.profile.departement)
        var purpose = DirectoryPurpose.browse
        if model.session.phase == .wrapUp, let draft {
            if draft.referrals.indices.contains(model.selectedReferral) {
                purpose = .replace(index: model.selectedReferral)
                query.kind = draft.referrals[model.selectedReferral].kind
            } else {
                purpose = .add
            }
        }
        return send(.open(DirectoryBrowser(purpose: purpose, query: query)), &model)
    }

    /// Training mode's outcomes; `false` in the answer when the pick-up must wait for a scenario.
    @discardableResult
    static func send(_ event: TrainingFeature.Event, _ model: inout AppModel) -> (effects: [AppEffect], proceed: Bool) {
        var effects: [AppEffect] = []
        var proceed = true
        for outcome in training.send(event, &model) {
            switch outcome {
            case .time(let now): model.now = now
            case .overlay(let overlay): model.overlay = overlay
            case .scenarioFirst(let picker):
                model.overlay = .picker(picker)
                proceed = false
            case .message(let message): model.message = message
            case .answerLine(let line): model.line = line
            case .effect(let effect): effects.append(effect)
            }
        }
        return (effects, proceed)
    }

    static func send(_ event: AlertsFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        var effects: [AppEffect] = []
        for outcome in alerting.send(event, &model) {
            switch outcome {
            case .ring: model.bells += 1
            case .message(let message): model.message = message
            case .raise(let alert): effects.append(.raiseAlert(alert))
            }
        }
        return effects
    }

    static func send(_ event: PresenceFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        presence.send(event, &model).map { outcome in
            switch outcome {
            case .report(let activity): return .reportActivity(activity)
            case .heartbeat(let activity): return .heartbeat(activity)
            }
        }
    }

    static func send(_ event: PickerFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        picker.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .chosen(let purpose, let id): return choose(&model, purpose, id)
            }
        }
    }

    static func send(_ event: PromptFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        prompt.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .submitted(let prompt, let text): return submitted(&model, prompt, text)
            }
        }
    }

    static func send(_ event: ContinuityFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        continuity.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .message(let message): model.message = message
            case .show(let overlay): model.overlay = overlay
            case .followUpsChanged: return [.loadFollowUpsDue]
            }
            return []
        }
    }

    static func send(_ event: CallbackFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        callback.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .send(let request, let number, let form):
                return send(ContinuityFeature.Event.callbackSending(form), &model) + [.requestCallback(request, number)]
            case .abandoned:
                return send(ContinuityFeature.Event.callbackAbandoned, &model)
            case .pasteIgnored:
                model.message = StatusMessage(text: model.strings["message.pasteIgnored"], style: .warn)
                return []
            }
        }
    }

    static func send(_ event: CallerCodeFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        callerCode.send(event, &model).flatMap { outcome -> [AppEffect] in
            guard let callID = model.draft?.id else { return [] }
            switch outcome {
            case .issue: return send(ContinuityFeature.Event.codeAsked(issuing: true), &model) + [.issueCallerCode(callID: callID)]
            case .read(let code): return send(ContinuityFeature.Event.codeAsked(issuing: false), &model) + [.readCallerHistory(code, callID: callID)]
            }
        }
    }

    static func send(_ event: FollowUpFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        followUp.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .issueCallerCode(let callID): return [.issueCallerCode(callID: callID)]
            case .set(let followUp): return [.setFollowUp(followUp)]
            case .askCallback: return send(ContinuityFeature.Event.openCallback, &model)
            }
        }
    }

    static func send(_ event: HandoffFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        handoff.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .write(let note, let handovers): return [.writeHandoff(note, handovers: handovers)]
            case .quit:
                model.shouldQuit = true
                return [.quit]
            case .message(let message): model.message = message
            }
            return []
        }
    }
}
