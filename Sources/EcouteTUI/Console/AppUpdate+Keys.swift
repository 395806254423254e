import EcouteCore
import Foundation

/// The console's keys: what each does, by the screen's keymap.
extension AppUpdate {
    static func handleKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        let interrupt = QuitKeymap.anywhere.action(for: key) == .interrupt
        if model.savePending != nil, !interrupt {
            // What is on screen is what is being saved: nothing changes until the store answers.
            model.message = StatusMessage(text: model.strings["message.saving"], style: .dim)
            return []
        }
        if interrupt {
            if model.overlay == .confirmQuit { model.overlay = nil; return [] }
            if model.hasCallInProgress {
                model.overlay = .confirmQuit
                return send(CallFeature.Event.flushNotes, &model)
            }
            model.shouldQuit = true
            return [.quit]
        }
        if let overlay = model.overlay {
            if key == .function(9), overlay != .confirmQuit, case .call = model.session {
                // The protocol is one key away from anywhere in a call, notes and pickers included.
                model.overlay = nil
                if model.session.phase == .emergency { return [] }
                return ConsoleKeymap.forPhase(model.session.phase).action(for: key) == .openEmergency ? perform(&model, .openEmergency) : []
            }
            return handleOverlayKey(&model, overlay, key)
        }
        if model.directory != nil {
            return send(DirectoryFeature.Event.key(key), &model)
        }
        guard let action = ConsoleKeymap.current(model).action(for: key) else {
            if key != .escape {
                model.message = StatusMessage(text: model.strings["message.unknownKey"], style: .dim)
            }
            return []
        }
        return perform(&model, action)
    }

    static func perform(_ model: inout AppModel, _ action: Action) -> [AppEffect] {
        let s = model.strings
        if model.proposalAwaited != nil, action.actsOnReferrals {
            model.message = StatusMessage(text: s["wrapUp.searching"], style: .dim)
            return []
        }
        switch action {
        case .requestCallback:
            return send(ContinuityFeature.Event.openCallback, &model)
        case .callerCode:
            guard model.draft != nil else { return [] }
            model.overlay = .callerCode(CallerCodeForm())
            return []
        case .setFollowUp:
            guard model.draft != nil else { return [] }
            model.overlay = .followUp(FollowUpForm())
            return []
        case .help:
            model.overlay = .help
            return []
        case .quit:
            if model.asksHandoff {
                model.overlay = .handoff(HandoffForm())
                return [.loadHandoffFacts]
            }
            model.shouldQuit = true
            return [.quit]
        case .pickUp:
            guard send(TrainingFeature.Event.pickingUp, &model).proceed else { return [] }
            guard let id = model.nextCallID else {
                model.message = StatusMessage(text: s["message.notReady"], style: .warn)
                return [.needCallID]
            }
            let effects = send(CallFeature.Event.pickUp(callID: id, operatorName: model.operatorName, line: model.line), &model)
            guard model.session.phase == .inCall else { return effects }
            model.nextCallID = nil
            return effects + [.needCallID]
        case .hangUp: return apply(&model, .hangUp)
        case .lineDropped: return apply(&model, .lineDropped)
        case .callerBack: return apply(&model, .callerBack)
        case .wrapUpAfterDrop: return apply(&model, .wrapUpAfterDrop)
        case .openEmergency: return apply(&model, .openEmergency)
        case .closeEmergency: return apply(&model, .closeEmergency)
        case .toggleStep(let step): return apply(&model, .toggleEmergencyStep(step))
        case .callNumber(let number): return apply(&model, .callEmergencyNumber(number))
        case .editFollowUp:
            model.overlay = .textPrompt(TextPrompt(.followUp, text: model.draft?.followUp ?? ""))
            return []
        case .raisedByMistake:
            // Refused before the reason is typed when a step is done: the alert was not a mistake.
            if model.draft?.emergencyUnderway == true {
                model.message = StatusMessage(text: s["refusal.protocolUnderway"], style: .warn)
                return []
            }
            model.overlay = .textPrompt(TextPrompt(.raisedByMistake))
            return []
        case .confirmLocation:
            // The département noted in the profile is where the caller is: one key.
            guard let draft = model.draft, draft.profile.departement != nil else {
                model.overlay = .picker(Pickers.callerLocation(s, model.geography))
                return []
            }
            return send(CallFeature.Event.confirmLocation, &model)
        case .pickLocation:
            model.overlay = .picker(Pickers.callerLocation(s, model.geography))
            return []
        case .explainStep:
            let pending = model.draft?.emergency?.pendingSteps ?? []
            guard !pending.isEmpty else { return [] }
            model.overlay = .picker(Pickers.skippedStep(pending, s))
            return []
        case .resume, .wrapUpInterrupted:
            return send(CallFeature.Event.resumeInterrupted(wrapUp: action == .wrapUpInterrupted), &model)
        case .acknowledge:
            let effects = apply(&model, .acknowledge)
            guard model.session.phase == .idle else { return effects }
            return effects + send(TrainingFeature.Event.acknowledged, &model).effects   // the next scenario
        case .save:
            return send(CallFeature.Event.save, &model)
        case .classify(let level):
            return send(CallFeature.Event.classify(level), &model)
        case .toggleAddiction: return apply(&model, .setAddiction(!(model.draft?.addiction ?? false)))
        case .toggleHospitalisation: return apply(&model, .setHospitalisation(!(model.draft?.hospitalisation ?? false)))
        case .toggleRepeat:
            guard var profile = model.draft?.profile else { return [] }
            // Not asked → first call → repeat → not asked.
            switch profile.isRepeatCaller {
            case nil: profile.isRepeatCaller = false
            case false?: profile.isRepeatCaller = true
            case true?: profile.isRepeatCaller = nil
            }
            return apply(&model, .updateProfile(profile))
        case .editNotes:
            model.overlay = .notes(TextField(model.draft?.notes ?? "", maximumLength: NotesPolicy.maximumLength))
            return []
        case .editCaller:
            if let line = model.draft.flatMap({ model.callLine($0.lineID) }), line.hasOwnCategories {
                model.overlay = .picker(lineCategoryPicker(line, s))
            } else {
                model.overlay = .picker(Pickers.caller(s))
            }
            return []
        case .editLine:
            model.overlay = .picker(linePicker(model))
            return []
        case .editStatus:
            model.overlay = .picker(Pickers.status(s))
            return []
        case .editSector:
            model.overlay = .picker(Pickers.sector(s))
            return []
        case .editDepartement:
            model.overlay = .picker(Pickers.departement(s, model.geography))
            return []
        case .previousReferral:
            return send(CallFeature.Event.moveReferral(by: -1), &model)
        case .nextReferral:
            return send(CallFeature.Event.moveReferral(by: 1), &model)
        case .toggleReferral:
            return send(CallFeature.Event.toggleReferral, &model)
        case .swapReferral:
            guard let draft = model.draft, draft.referrals.indices.contains(model.selectedReferral) else {
                model.message = StatusMessage(text: s["refusal.noSuchReferral"], style: .warn)
                return []
            }
            let kind = draft.referrals[model.selectedReferral].kind
            return send(CallFeature.Event.askAlternatives(kind: kind, replacing: model.selectedReferral), &model)
        case .addReferral:
            model.overlay = .picker(Pickers.referralKind(s))
            return []
        case .openDirectory:
            return openDirectory(&model)
        case .openAssessment:
            guard model.draft != nil else { return [] }
            model.overlay = .assessment(AssessmentPanel())
            return []
        case .editMotifs:
            model.overlay = .picker(motifPicker(model))
            return []
        case .assessment(let action):
            return send(AssessmentFeature.Event.action(action), &model)
        case .closeDirectory, .directoryMove, .directoryDetails, .directoryChoose, .directoryAdd, .directoryKind,
             .directoryDepartement, .directoryTeleconsultation, .directoryEmergency:
            return send(DirectoryFeature.Event.action(action), &model)
        case .demoPause, .demoFaster, .demoSlower, .demoChooseScenario, .demoWriteDebrief:
            return send(TrainingFeature.Event.action(action), &model).effects
        }
    }
}
