import EcouteCore
import Foundation

/// Overlays: pickers, notes, prompts and pasted text.
extension AppUpdate {
    static func handleOverlayKey(_ model: inout AppModel, _ overlay: Overlay, _ key: Key) -> [AppEffect] {
        switch overlay {
        case .help:
            model.overlay = nil
            return []
        case .confirmQuit:
            model.overlay = nil
            if QuitKeymap.question.action(for: key) == .leave {
                model.shouldQuit = true
                return send(CallFeature.Event.flushNotes, &model) + [.quit]
            }
            return []
        case .notes:
            return send(NotesFeature.Event.key(key), &model)
        case .assessment:
            return send(AssessmentFeature.Event.key(key), &model)
        case .callback:
            return send(CallbackFeature.Event.key(key), &model)
        case .callerCode:
            return send(CallerCodeFeature.Event.key(key), &model)
        case .callerHistory:
            _ = callerHistory.send(key, &model)
            return []
        case .followUp:
            return send(FollowUpFeature.Event.key(key), &model)
        case .handoff:
            return send(HandoffFeature.Event.key(key), &model)
        case .confirmIdentifying(let flagged):
            switch OverlayKeymap.identifying.action(for: key) {
            case .confirm?:
                model.overlay = nil
                return send(CallFeature.Event.identifyingConfirmed, &model)
            case .editFlagged?:
                // The first field flagged that has an editor of its own; a reason is changed where it was given.
                if flagged.first?.field == .followUp {
                    model.overlay = .textPrompt(TextPrompt(.followUp, text: model.draft?.followUp ?? ""))
                } else {
                    return perform(&model, .editNotes)
                }
            case .cancel?:
                model.overlay = nil
            case .move?, nil:
                break
            }
            return []
        case .textPrompt:
            return send(PromptFeature.Event.key(key), &model)
        case .picker:
            return send(PickerFeature.Event.key(key), &model)
        }
    }

    /// A prompt's text given: what it is for.
    static func submitted(_ model: inout AppModel, _ prompt: TextPrompt, _ text: String) -> [AppEffect] {
        switch prompt.purpose {
        case .gapNote(let kind):
            return send(CallFeature.Event.justifyGap(kind, ReferralGap(reason: .other, note: text)), &model)
        case .skippedStep(let step):
            return apply(&model, .explainSkippedStep(step, text))
        case .raisedByMistake:
            guard let callID = model.draft?.id else { return [] }
            // Read by supervisors beyond the call: it must not identify anyone; asked again.
            let concerns = NotesPolicy.concerns(in: text)
            guard concerns.isEmpty else {
                model.overlay = .textPrompt(prompt)
                model.message = StatusMessage(text: model.strings.format("mistake.identifying",
                    Labels.concerns(concerns, model.strings)), style: .warn)
                return []
            }
            let effects = apply(&model, .withdrawEmergency)
            guard model.session.phase != .emergency else { return effects }   // refused: a step is done
            return effects + [.markRaisedByMistake(callID: callID, reason: text)]
        case .notAssessable:
            return giveNotAssessableReason(&model, prompt, text)
        case .followUp:
            let effects = apply(&model, .setFollowUp(text))
            let concerns = NotesPolicy.concerns(in: text)
            if !concerns.isEmpty {
                model.message = StatusMessage(text: model.strings.format("identifying.followUp",
                    Labels.concerns(concerns, model.strings)), style: .warn)
            }
            return effects
        }
    }

    /// Notes change in memory at every key and are written coalesced (`CallFeature.notesTyped`).
    /// Closing the notes writes them.
    static func send(_ event: NotesFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        guard model.draft != nil else { model.overlay = nil; return [] }
        return notes.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .changed(let text): return send(CallFeature.Event.notesTyped(text), &model)
            case .closed: return send(CallFeature.Event.flushNotes, &model)
            case .message(let message): model.message = message
            }
            return []
        }
    }

    /// A paste goes where text is typed (notes, a filter, a reason); elsewhere it is dropped, so
    /// pasted text never runs as commands.
    static func paste(_ model: inout AppModel, _ text: String) -> [AppEffect] {
        switch model.overlay {
        case .notes?:
            return send(NotesFeature.Event.paste(text), &model)
        case .picker?:
            return send(PickerFeature.Event.paste(text), &model)
        case .textPrompt?:
            return send(PromptFeature.Event.paste(text), &model)
        case .callback?:
            return send(CallbackFeature.Event.paste(text), &model)
        case .callerCode?:
            return send(CallerCodeFeature.Event.paste(text), &model)
        case .handoff?:
            return send(HandoffFeature.Event.paste(text), &model)
        case nil where model.directory != nil:
            return send(DirectoryFeature.Event.paste(text), &model)
        default:
            model.message = StatusMessage(text: model.strings["message.pasteIgnored"], style: .warn)
        }
        return []
    }

    static func choose(_ model: inout AppModel, _ purpose: PickerPurpose, _ id: String) -> [AppEffect] {
        if purpose == .directoryKind || purpose == .directoryDepartement {
            return send(DirectoryFeature.Event.filterChosen(purpose, id: id), &model)
        }
        if purpose == .scenario {
            return send(TrainingFeature.Event.choose(scenario: id), &model).effects
        }
        if purpose == .motif { return chooseMotif(&model, id) }
        if purpose == .line { return chooseLine(&model, id) }
        if purpose == .lineCategory { return chooseLineCategory(&model, id) }
        if purpose == .skippedStep {
            guard let step = EmergencyStep(rawValue: id) else { return [] }
            model.overlay = .textPrompt(TextPrompt(.skippedStep(step)))
            return []
        }
        if case .referralGap(let kind) = purpose {
            guard let reason = ReferralGapReason(rawValue: id) else { return [] }
            if reason == .other {
                model.overlay = .textPrompt(TextPrompt(.gapNote(kind)))
                return []
            }
            return send(CallFeature.Event.justifyGap(kind, ReferralGap(reason: reason)), &model)
        }
        guard var profile = model.draft?.profile else { return [] }
        let none = Pickers.noneID
        switch purpose {
        case .caller:
            if let profession = Profession(rawValue: id) {
                profile.setCaller(.professional, profession: profession)
            } else if id == CallerCategory.student.rawValue {
                model.overlay = .picker(Pickers.studentField(model.strings))
                return []
            } else if id == CallerCategory.family.rawValue {
                // A relation calls about a health professional: record that person's profession.
                profile.setCaller(.family, profession: nil)
                let effects = apply(&model, .updateProfile(profile))
                model.overlay = .picker(Pickers.familyOf(model.strings))
                return effects
            } else if let category = CallerCategory(rawValue: id) {
                profile.setCaller(category, profession: nil)
            } else if id == none {
                profile.category = nil
                profile.profession = nil
            }
        case .studentField:
            profile.setCaller(.student, profession: Profession(rawValue: id))
        case .familyOf:
            profile.setCaller(.family, profession: Profession(rawValue: id))
        case .status:
            profile.status = EmploymentStatus(rawValue: id)
        case .sector:
            profile.sector = Sector(rawValue: id)
        case .departement:
            profile.departement = id == none ? nil : id
        case .callerLocation:
            profile.departement = id == none ? nil : id
            return send(CallFeature.Event.confirmLocation, &model) + apply(&model, .updateProfile(profile))
        case .referralKindToAdd:
            guard let kind = ReferralKind(rawValue: id) else { return [] }
            return send(CallFeature.Event.askAlternatives(kind: kind, replacing: nil), &model)
        case .alternative(let replacing):
            guard let index = Int(id) else { return [] }
            return send(CallFeature.Event.alternativeChosen(index: index, replacing: replacing), &model)
        case .directoryKind, .directoryDepartement, .scenario, .referralGap, .skippedStep, .motif, .line, .lineCategory:
            return []
        }
        return apply(&model, .updateProfile(profile))
    }
}
