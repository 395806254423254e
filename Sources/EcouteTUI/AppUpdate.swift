import EcouteCore
import Foundation

/// The console as a pure function: `(model, event) -> (model, effects)`.
public enum AppUpdate {
    public static func update(_ model: inout AppModel, _ event: AppEvent) -> [AppEffect] {
        switch event {
        case .tick(let now):
            DemoUpdate.tick(&model, wall: now)
            return []
        case .debriefWritten(let result):
            DemoUpdate.written(&model, result)
            return []
        case .resize(let w, let h):
            model.width = w
            model.height = h
            return []
        case .callID(let id):
            model.nextCallID = id
            return []
        case .lineAverage(let average):
            model.lineAverage = average
            return []
        case .storeFailed(let reason):
            model.storeError = reason
            return []
        case .storeSucceeded:
            model.storeError = nil
            return []
        case .proposal(let request, let proposal):
            guard case .success(let (next, _)) = CallSession.reduce(model.session, .referralsProposed(request, proposal.referrals), now: model.now) else {
                return []   // an answer to an outdated request: a newer one is on its way
            }
            model.session = next
            model.proposalGaps = proposal.gaps
            model.proposalWidened = proposal.widened
            model.selectedReferral = 0
            return next.draft.map { [.session(.persist($0))] } ?? []
        case .alternatives(let request, let entries):
            return showAlternatives(&model, request, entries)
        case .directoryResults(let query, let entries):
            DirectoryUpdate.results(&model, query, entries)
            return []
        case .key(let key):
            model.message = nil
            return handleKey(&model, key)
        }
    }

    // MARK: - Keys

    static func handleKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        if key == .control("c") {
            if model.overlay == .confirmQuit { model.overlay = nil; return [] }
            if model.hasCallInProgress {
                model.overlay = .confirmQuit
                return []
            }
            model.shouldQuit = true
            return [.quit]
        }
        if let overlay = model.overlay {
            if key == .function(9), overlay != .confirmQuit, case .call = model.session {
                // The protocol is one key away from anywhere in a call, notes and pickers included.
                model.overlay = nil
                if model.session.phase == .emergency { return [] }
                return KeyBindings.action(for: key, phase: model.session.phase) == .openEmergency ? perform(&model, .openEmergency) : []
            }
            return handleOverlayKey(&model, overlay, key)
        }
        if let browser = model.directory {
            return DirectoryUpdate.handleKey(&model, browser, key)
        }
        if let action = KeyBindings.forDemo(model).first(where: { $0.keys.contains(key) })?.action {
            return perform(&model, action)
        }
        guard let action = KeyBindings.action(for: key, phase: model.session.phase) else {
            if key != .escape {
                model.message = StatusMessage(text: model.strings["message.unknownKey"], style: .dim)
            }
            return []
        }
        return perform(&model, action)
    }

    static func perform(_ model: inout AppModel, _ action: Action) -> [AppEffect] {
        let s = model.strings
        switch action {
        case .help:
            model.overlay = .help
            return []
        case .quit:
            model.shouldQuit = true
            return [.quit]
        case .pickUp:
            if let demo = model.demo, demo.scenario == nil {
                model.overlay = .picker(DemoUpdate.scenarioPicker(demo, s))
                return []
            }
            model.demo?.debrief = nil
            guard let id = model.nextCallID else {
                model.message = StatusMessage(text: s["message.notReady"], style: .warn)
                return [.needCallID]
            }
            let effects = apply(&model, .pickUp(callID: id, operatorName: model.operatorName))
            if model.session.phase == .inCall {
                model.nextCallID = nil
                model.proposalGaps = []
                model.proposalWidened = [:]
                model.selectedReferral = 0
                return effects + [.needCallID]
            }
            return effects
        case .hangUp: return apply(&model, .hangUp)
        case .lineDropped: return apply(&model, .lineDropped)
        case .callerBack: return apply(&model, .callerBack)
        case .wrapUpAfterDrop: return apply(&model, .wrapUpAfterDrop)
        case .openEmergency: return apply(&model, .openEmergency)
        case .closeEmergency: return apply(&model, .closeEmergency)
        case .toggleStep(let step): return apply(&model, .toggleEmergencyStep(step))
        case .resume: return apply(&model, .resume)
        case .wrapUpInterrupted: return apply(&model, .wrapUpInterrupted)
        case .acknowledge:
            let effects = apply(&model, .acknowledge)
            if let demo = model.demo, model.session.phase == .idle {
                model.demo?.debrief = nil
                model.overlay = .picker(DemoUpdate.scenarioPicker(demo, s))   // the next scenario
            }
            return effects
        case .save:
            let effects = apply(&model, .save)
            if model.session.phase == .saved {
                DemoUpdate.saved(&model)
                model.message = StatusMessage(text: s["message.saved"], style: .ok)
                return effects + [.refreshLineAverage]
            }
            return effects
        case .classify(let level): return apply(&model, .classify(level))
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
            model.overlay = .notes
            return []
        case .editCaller:
            model.overlay = .picker(Pickers.caller(s))
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
            model.selectedReferral = ListCursor.move(model.selectedReferral, by: -1, count: model.draft?.referrals.count ?? 0)
            return []
        case .nextReferral:
            model.selectedReferral = ListCursor.move(model.selectedReferral, by: 1, count: model.draft?.referrals.count ?? 0)
            return []
        case .toggleReferral:
            guard let referrals = model.draft?.referrals, referrals.indices.contains(model.selectedReferral) else {
                return apply(&model, .setReferralStatus(index: model.selectedReferral, .given))
            }
            let next: ReferralStatus = referrals[model.selectedReferral].status == .given ? .declined : .given
            return apply(&model, .setReferralStatus(index: model.selectedReferral, next))
        case .swapReferral:
            guard let draft = model.draft, draft.referrals.indices.contains(model.selectedReferral) else {
                model.message = StatusMessage(text: s["refusal.noSuchReferral"], style: .warn)
                return []
            }
            let current = draft.referrals[model.selectedReferral]
            return [.fetchAlternatives(alternativesRequest(draft, kind: current.kind, replacing: model.selectedReferral))]
        case .addReferral:
            model.overlay = .picker(Pickers.referralKind(s))
            return []
        case .openDirectory:
            return DirectoryUpdate.open(&model)
        case .closeDirectory, .directoryMove, .directoryDetails, .directoryChoose, .directoryAdd, .directoryKind,
             .directoryDepartement, .directoryTeleconsultation, .directoryClear, .directoryEmergency:
            return DirectoryUpdate.perform(&model, action)
        case .demoPause, .demoFaster, .demoSlower, .demoChooseScenario, .demoWriteDebrief:
            return DemoUpdate.perform(&model, action)
        }
    }

    /// Runs a session event, showing a refusal instead of changing anything.
    static func apply(_ model: inout AppModel, _ event: SessionEvent) -> [AppEffect] {
        switch CallSession.reduce(model.session, event, now: model.now) {
        case .success(let (next, effects)):
            model.session = next
            if let count = next.draft?.referrals.count {
                model.selectedReferral = ListCursor.clamp(model.selectedReferral, count: count)
            }
            return effects.map(AppEffect.session)
        case .failure(let refusal):
            model.message = StatusMessage(text: model.strings["refusal.\(refusal.rawValue)"], style: .warn)
            return []
        }
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

    // MARK: - Overlays

    static func handleOverlayKey(_ model: inout AppModel, _ overlay: Overlay, _ key: Key) -> [AppEffect] {
        switch overlay {
        case .help:
            model.overlay = nil
            return []
        case .confirmQuit:
            model.overlay = nil
            if key == .character("o") || key == .character("O") || key == .character("y") || key == .character("Y") {
                model.shouldQuit = true
                return [.quit]
            }
            return []
        case .notes:
            return editNotes(&model, key)
        case .picker(var picker):
            switch key {
            case .escape:
                model.overlay = nil
            case .up, .down, .pageUp, .pageDown:
                picker.selected = ListCursor.moved(picker.selected, by: key,
                                                   count: picker.visibleItems(geography: model.geography).count) ?? picker.selected
                model.overlay = .picker(picker)
            case .backspace:
                if !picker.filter.isEmpty { picker.filter.removeLast() }
                picker.selected = 0
                model.overlay = .picker(picker)
            case .enter:
                let visible = picker.visibleItems(geography: model.geography)
                guard visible.indices.contains(picker.selected) else { return [] }
                model.overlay = nil
                return choose(&model, picker.purpose, visible[picker.selected].id)
            case .character(let c):
                picker.filter.append(c)
                picker.selected = 0
                model.overlay = .picker(picker)
            default:
                break
            }
            return []
        }
    }

    /// Notes are written through on every key, so a crash loses at most the key in flight.
    static func editNotes(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        guard var notes = model.draft?.notes else { model.overlay = nil; return [] }
        switch key {
        case .escape, .enter, .function(10):
            model.overlay = nil
            return []
        case .backspace:
            guard !notes.isEmpty else { return [] }
            notes.removeLast()
        case .character(let c):
            guard notes.count < NotesPolicy.maximumLength else {
                model.message = StatusMessage(text: model.strings["message.notesFull"], style: .warn)
                return []
            }
            notes.append(c)
        default:
            return []
        }
        return apply(&model, .setNotes(notes))
    }

    static func choose(_ model: inout AppModel, _ purpose: PickerPurpose, _ id: String) -> [AppEffect] {
        if purpose == .directoryKind || purpose == .directoryDepartement {
            return DirectoryUpdate.chooseFilter(&model, purpose, id)
        }
        if purpose == .scenario {
            DemoUpdate.choose(&model, scenario: id)
            return []
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
            } else if let category = CallerCategory(rawValue: id) {
                profile.setCaller(category, profession: nil)
            } else if id == none {
                profile.category = nil
                profile.profession = nil
            }
        case .studentField:
            profile.setCaller(.student, profession: Profession(rawValue: id))
        case .status:
            profile.status = EmploymentStatus(rawValue: id)
        case .sector:
            profile.sector = Sector(rawValue: id)
        case .departement:
            profile.departement = id == none ? nil : id
        case .referralKindToAdd:
            guard let kind = ReferralKind(rawValue: id), let draft = model.draft else { return [] }
            return [.fetchAlternatives(alternativesRequest(draft, kind: kind, replacing: nil))]
        case .alternative(let replacing):
            guard let index = Int(id), model.alternatives.indices.contains(index) else { return [] }
            let referral = ReferralProposer.referral(model.alternatives[index])
            model.alternatives = []
            if let replacing { return apply(&model, .replaceReferral(index: replacing, referral)) }
            let effects = apply(&model, .addReferral(referral))
            model.selectedReferral = ListCursor.last(count: model.draft?.referrals.count ?? 0)
            return effects
        case .directoryKind, .directoryDepartement, .scenario:
            return []
        }
        return apply(&model, .updateProfile(profile))
    }
}
