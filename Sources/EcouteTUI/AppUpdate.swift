import EcouteCore
import Foundation

/// The console as a pure function: `(model, event) -> (model, effects)`.
public enum AppUpdate {
    public static func update(_ model: inout AppModel, _ event: AppEvent) -> [AppEffect] {
        // A read answered: the store reads again, whatever an earlier one said.
        if event.isReadAnswer { model.readError = nil }
        var effects = handle(&model, event).map { effect -> AppEffect in
            guard case .session(.raiseAlert(let reason)) = effect, let call = model.draft else { return effect }
            return .raiseAlert(alert(reason, of: call, model))
        }
        // The board learns at once what this console now does.
        let activity = model.activity
        if model.isShown, activity != model.lastActivity {
            model.lastActivity = activity
            effects.append(.reportActivity(activity))
        }
        if model.shouldQuit, effects.contains(.quit) { effects.insert(.leaveBoard, at: 0) }
        model.writesInFlight += effects.filter(\.isCallWrite).count
        for case .session(.proposeReferrals(let request)) in effects { model.proposalAwaited = request }
        return effects
    }

    static func handle(_ model: inout AppModel, _ event: AppEvent) -> [AppEffect] {
        switch event {
        case .shown:
            model.isShown = true
            return []
        case .tick(let now):
            model.wallNow = now
            DemoUpdate.tick(&model, wall: now)
            checkEscalations(&model)
            ringAtReferenceDuration(&model)
            return retryAlerts(&model) + writeDueNotes(&model) + retryFailedWrite(&model) + leaseUpkeep(&model)
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
            return [.loadAlerts(callID: model.draft?.id)]
        case .alertNotRaised(let alert, _):
            model.alertsNotRaised.removeAll { $0.alert.id == alert.id }
            model.alertsNotRaised.append((alert, model.wallNow + AppModel.alertRetryInterval))
            let phones = model.supervisors.compactMap { o in o.phone.map { "\(o.name) \($0)" } }.joined(separator: " · ")
            // What to do first: call a supervisor (why the store refused matters less here).
            model.message = StatusMessage(text: model.strings.format("alert.notRaised", phones.isEmpty ? "—" : phones), style: .alert)
            model.bells += 1
            return []
        case .alertRaised(let alert):
            model.alertsNotRaised.removeAll { $0.alert.id == alert.id }
            return []
        case .raisedByMistakeMarked(let failure):
            // Said only once the store committed it; a refusal says the supervisors were not told.
            model.message = failure.map { StatusMessage(text: model.strings.format("mistake.notSaid", $0), style: .alert) }
                ?? StatusMessage(text: model.strings["mistake.said"], style: .ok)
            return []
        case .alerts(let alerts, let supervisors):
            let takenBefore = Set(model.callAlerts.filter(\.isTaken).map(\.id))
            model.alerts = alerts
            model.supervisors = supervisors
            if let taken = model.callAlerts.last(where: { $0.isTaken && !takenBefore.contains($0.id) }), let by = taken.takenBy,
               let at = taken.takenAt {
                model.message = StatusMessage(text: model.strings.format("alert.takenBy", by, Formatting.clock(at, timeZone: model.timeZone)),
                                              style: .ok)
            }
            checkEscalations(&model)
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
            if model.supervisors.isEmpty { model.supervisors = supervisors }
            return []
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
            model.remember(Array(proposal.entries.values))
            model.selectedReferral = 0
            return next.draft.map { [.session(.persist($0))] } ?? []
        case .alternatives(let request, let entries):
            model.remember(entries.map(\.entry))
            return showAlternatives(&model, request, entries)
        case .directoryResults(let query, let entries):
            // Not remembered: the browser holds them, and the one picked is remembered when used
            // (a hundred entries stored at every key typed was a fifth of the key's time).
            DirectoryUpdate.results(&model, query, entries)
            return []
        case .key(let key):
            model.message = nil
            return handleKey(&model, key)
        case .paste(let text):
            model.message = nil
            return paste(&model, text)
        }
    }

    // MARK: - Keys

    static func handleKey(_ model: inout AppModel, _ key: Key) -> [AppEffect] {
        if model.savePending != nil, key != .control("c") {
            // What is on screen is what is being saved: nothing changes until the store answers.
            model.message = StatusMessage(text: model.strings["message.saving"], style: .dim)
            return []
        }
        if key == .control("c") {
            if model.overlay == .confirmQuit { model.overlay = nil; return [] }
            if model.hasCallInProgress {
                model.overlay = .confirmQuit
                return flushNotes(&model)
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
        if let browser = model.directory {
            return DirectoryUpdate.handleKey(&model, browser, key)
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
        case .callNumber(let number): return apply(&model, .callEmergencyNumber(number))
        case .editFollowUp:
            model.overlay = .textPrompt(TextPrompt(.followUp, text: model.draft?.followUp ?? ""))
            return []
        case .raisedByMistake:
            model.overlay = .textPrompt(TextPrompt(.raisedByMistake))
            return []
        case .confirmLocation:
            // The département noted in the profile is where the caller is: one key.
            guard let draft = model.draft, draft.profile.departement != nil else {
                model.overlay = .picker(Pickers.callerLocation(s, model.geography))
                return []
            }
            model.locationConfirmedFor = draft.id
            return []
        case .pickLocation:
            model.overlay = .picker(Pickers.callerLocation(s, model.geography))
            return []
        case .explainStep:
            let pending = model.draft?.emergency?.pendingSteps ?? []
            guard !pending.isEmpty else { return [] }
            model.overlay = .picker(Pickers.skippedStep(pending, s))
            return []
        case .resume, .wrapUpInterrupted:
            // Resuming takes the call over from the console that held it, before any write.
            guard case .interrupted(let draft) = model.session else { return apply(&model, action == .resume ? .resume : .wrapUpInterrupted) }
            let takeover = AppEffect.takeOver(callID: draft.id, from: model.resumeFrom)
            let effects = apply(&model, action == .resume ? .resume : .wrapUpInterrupted)
            model.resumeFrom = nil
            return [takeover] + effects
        case .acknowledge:
            let effects = apply(&model, .acknowledge)
            if let demo = model.demo, model.session.phase == .idle {
                model.demo?.debrief = nil
                model.overlay = .picker(DemoUpdate.scenarioPicker(demo, s))   // the next scenario
            }
            return effects
        case .save:
            return save(&model)
        case .classify(let level):
            let effects = apply(&model, .classify(level))
            askDepartementBeforeProposing(&model)
            return effects
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
            let next: ReferralStatus = referrals[model.selectedReferral].status == .given ? .proposed : .given
            let effects = apply(&model, .setReferralStatus(index: model.selectedReferral, next))
            // Given: on to the next one, so giving the proposals is one key each.
            if next == .given { model.selectedReferral = ListCursor.move(model.selectedReferral, by: 1, count: referrals.count) }
            return effects
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
             .directoryDepartement, .directoryTeleconsultation, .directoryEmergency:
            return DirectoryUpdate.perform(&model, action)
        case .demoPause, .demoFaster, .demoSlower, .demoChooseScenario, .demoWriteDebrief:
            return DemoUpdate.perform(&model, action)
        }
    }

    /// Who has the call now and since when, in words, and what became of this console's version.
    static func takenOverText(_ t: CallTakenOver, _ model: AppModel) -> String {
        let s = model.strings
        let who = t.alreadySaved ? s["takenOver.saved"]
            : s.format("takenOver.by", t.holder?.console.operatorName ?? "?", t.holder?.console.host ?? "?",
                       Formatting.clock(t.at, timeZone: model.timeZone))
        switch t.version {
        case .nothingUnsaved: return who
        case .kept: return who + " " + s["takenOver.kept"]
        case .notKept(let why): return who + " " + s.format("takenOver.notKept", StoreFaultText.describe(why, s))
        }
    }

    // MARK: - Alerts

    /// Level 5 chosen (or the protocol opened), or the « supervisor called » step marked: the
    /// call is raised to the supervisors on duty (the store keeps one open alert per call).
    /// The alert `CallSession.reduce` asked for, as the alert desk takes it: named by call, reason
    /// and time, with where the call stands now.
    static func alert(_ reason: AlertReason, of call: CallDraft, _ model: AppModel) -> Alert {
        Alert(id: "\(call.id)-\(reason.rawValue)-\(Int(model.wallNow.timeIntervalSince1970 * 1000))", callID: call.id,
              operatorName: call.operatorName, departement: call.profile.departement,
              level: call.level ?? .imminentRisk, reason: reason, callElapsed: call.elapsed(now: model.now),
              raisedAt: model.wallNow)
    }

    /// The 25-minute cue is heard as well as seen (not colour alone): the bell rings once per call
    /// when the conversation reaches the reference duration, unless the console was started without.
    static func ringAtReferenceDuration(_ model: inout AppModel) {
        guard model.bellAtReferenceDuration, let draft = model.draft, draft.endedAt == nil,
              [.inCall, .emergency].contains(model.session.phase), model.referenceBellRungFor != draft.id,
              draft.elapsed(now: model.now) >= AppModel.referenceDuration else { return }
        model.referenceBellRungFor = draft.id
        model.bells += 1
    }

    /// An alert that did not reach the store is raised again every few seconds until it does: a
    /// level-5 alert is never dropped because the database was busy or away.
    static func retryAlerts(_ model: inout AppModel) -> [AppEffect] {
        let due = model.alertsNotRaised.filter { $0.retryAt <= model.wallNow }
        guard !due.isEmpty else { return [] }
        for item in due {
            if let i = model.alertsNotRaised.firstIndex(where: { $0.alert.id == item.alert.id }) {
                model.alertsNotRaised[i].retryAt = model.wallNow + AppModel.alertRetryInterval
            }
        }
        return due.map { .raiseAlert($0.alert) }
    }

    /// An alert nobody took in time rings once on every console, and stays on screen.
    static func checkEscalations(_ model: inout AppModel) {
        let due = model.escalatedAlerts.map(\.id).filter { !model.escalationsRung.contains($0) }
        guard !due.isEmpty else { return }
        model.escalationsRung.formUnion(due)
        model.bells += 1
    }

    // MARK: - Leases

    /// On the clock, every 5 s: the console says it is alive and what it does (its leases renewed
    /// too); when idle, calls held by other consoles are looked at again (their console may have died).
    static func leaseUpkeep(_ model: inout AppModel) -> [AppEffect] {
        var effects: [AppEffect] = []
        if let last = model.lastHeartbeat, model.wallNow < last + AppModel.heartbeatInterval {
            // not yet
        } else if model.lastHeartbeat == nil {
            model.lastHeartbeat = model.wallNow   // the first write or report just said it
        } else {
            model.lastHeartbeat = model.wallNow
            effects.append(.heartbeat(model.activity))
        }
        if model.session == .idle, let next = model.nextUnfinishedCheck, model.wallNow >= next {
            model.nextUnfinishedCheck = model.wallNow + AppModel.heartbeatInterval
            effects.append(.loadUnfinished)
        }
        return effects
    }

    // MARK: - Writes

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
            DemoUpdate.saved(&model)
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
                return flushNotes(&model) + [.quit]
            }
            return []
        case .notes(let field):
            return editNotes(&model, field, key)
        case .confirmIdentifying(let flagged):
            switch key {
            case .enter:
                model.overlay = nil
                model.identifyingAcknowledged = model.draft?.id
                return save(&model)
            case .character("m"), .character("M"), .character("n"):
                // The first field flagged that has an editor of its own; a reason is changed where it was given.
                if flagged.first?.field == .followUp {
                    model.overlay = .textPrompt(TextPrompt(.followUp, text: model.draft?.followUp ?? ""))
                } else {
                    return perform(&model, .editNotes)
                }
            case .escape:
                model.overlay = nil
            default:
                break
            }
            return []
        case .textPrompt(var prompt):
            switch key {
            case .escape:
                model.overlay = nil
            case .enter:
                let text = prompt.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return [] }
                model.overlay = nil
                switch prompt.purpose {
                case .gapNote(let kind):
                    let effects = apply(&model, .justifyReferralGap(kind, ReferralGap(reason: .other, note: text)))
                    gapJustified(&model)
                    return effects
                case .skippedStep(let step):
                    return apply(&model, .explainSkippedStep(step, text))
                case .raisedByMistake:
                    guard let callID = model.draft?.id else { return [] }
                    // Read by supervisors beyond the call: it must not identify anyone; asked again.
                    let concerns = NotesPolicy.concerns(in: text)
                    guard concerns.isEmpty else {
                        model.overlay = .textPrompt(prompt)
                        model.message = StatusMessage(text: model.strings.format("mistake.identifying",
                            concerns.map { model.strings["notes.concern.\($0.rawValue)"] }.joined(separator: ", ")), style: .warn)
                        return []
                    }
                    let effects = apply(&model, .withdrawEmergency)
                    guard model.session.phase != .emergency else { return effects }   // refused: a step is done
                    return effects + [.markRaisedByMistake(callID: callID, reason: text)]
                case .followUp:
                    let effects = apply(&model, .setFollowUp(text))
                    let concerns = NotesPolicy.concerns(in: text)
                    if !concerns.isEmpty {
                        model.message = StatusMessage(text: model.strings.format("identifying.followUp",
                            concerns.map { model.strings["notes.concern.\($0.rawValue)"] }.joined(separator: ", ")), style: .warn)
                    }
                    return effects
                }
            default:
                prompt.field.handle(key)
                model.overlay = .textPrompt(prompt)
            }
            return []
        case .picker(var picker):
            switch key {
            case .escape:
                model.overlay = nil
            case .up, .down, .pageUp, .pageDown:
                picker.selected = ListCursor.moved(picker.selected, by: key,
                                                   count: picker.visibleItems(geography: model.geography).count) ?? picker.selected
                model.overlay = .picker(picker)
            case .enter:
                let visible = picker.visibleItems(geography: model.geography)
                guard visible.indices.contains(picker.selected) else { return [] }
                model.overlay = nil
                return choose(&model, picker.purpose, visible[picker.selected].id)
            default:
                if picker.filterField.handle(key)?.changed == true { picker.selected = 0 }
                model.overlay = .picker(picker)
            }
            return []
        }
    }

    /// Notes change in memory at every key and are written coalesced (`writeDueNotes`): a paste
    /// or fast typing is not one synchronous write per character. Closing the notes writes them.
    static func editNotes(_ model: inout AppModel, _ field: TextField, _ key: Key) -> [AppEffect] {
        guard model.draft != nil else { model.overlay = nil; return [] }
        switch key {
        case .escape, .enter, .function(10):
            model.overlay = nil
            return flushNotes(&model)
        default:
            guard let edit = TextFieldKeymap.edit(for: key) else { return [] }
            return editNotes(&model, field, edit)
        }
    }

    /// One edit of the notes: the cursor moves, or the text changes and is kept in the call.
    static func editNotes(_ model: inout AppModel, _ field: TextField, _ edit: TextFieldEdit) -> [AppEffect] {
        var field = field
        let outcome = field.apply(edit)
        model.overlay = .notes(field)
        if outcome.truncated { model.message = StatusMessage(text: model.strings["message.notesFull"], style: .warn) }
        return outcome.changed ? setNotes(&model, field.text) : []
    }

    /// The notes as typed, kept in the call; the write waits for `writeDueNotes`.
    static func setNotes(_ model: inout AppModel, _ notes: String) -> [AppEffect] {
        guard case .success(let (next, effects)) = CallSession.reduce(model.session, .setNotes(notes), now: model.now) else { return [] }
        model.session = next
        if model.notesUnwrittenSince == nil { model.notesUnwrittenSince = model.wallNow }
        return effects.filter { if case .persist = $0 { return false } else { return true } }.map(AppEffect.session)
    }

    /// Writes the notes once they have waited their delay.
    static func writeDueNotes(_ model: inout AppModel) -> [AppEffect] {
        guard let since = model.notesUnwrittenSince, model.wallNow >= since + AppModel.notesWriteDelay else { return [] }
        return flushNotes(&model)
    }

    /// Writes notes not written yet, now.
    static func flushNotes(_ model: inout AppModel) -> [AppEffect] {
        guard model.notesUnwrittenSince != nil else { return [] }
        model.notesUnwrittenSince = nil
        guard case .call(let draft) = model.session else { return [] }
        return [.session(.persist(draft))]
    }

    /// A paste goes where text is typed (notes, a filter, a reason); elsewhere it is dropped, so
    /// pasted text never runs as commands.
    static func paste(_ model: inout AppModel, _ text: String) -> [AppEffect] {
        switch model.overlay {
        case .notes(let field)?:
            return editNotes(&model, field, .insert(text))
        case .picker(var picker)?:
            picker.filterField.apply(.insert(text))
            picker.selected = 0
            model.overlay = .picker(picker)
        case .textPrompt(var prompt)?:
            prompt.field.apply(.insert(text))
            model.overlay = .textPrompt(prompt)
        case nil where model.directory != nil:
            return DirectoryUpdate.paste(&model, text)
        default:
            model.message = StatusMessage(text: model.strings["message.pasteIgnored"], style: .warn)
        }
        return []
    }

    static func choose(_ model: inout AppModel, _ purpose: PickerPurpose, _ id: String) -> [AppEffect] {
        if purpose == .directoryKind || purpose == .directoryDepartement {
            return DirectoryUpdate.chooseFilter(&model, purpose, id)
        }
        if purpose == .scenario {
            DemoUpdate.choose(&model, scenario: id)
            return []
        }
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
            let effects = apply(&model, .justifyReferralGap(kind, ReferralGap(reason: reason)))
            gapJustified(&model)
            return effects
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
            model.locationConfirmedFor = model.draft?.id
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
        case .directoryKind, .directoryDepartement, .scenario, .referralGap, .skippedStep:
            return []
        }
        return apply(&model, .updateProfile(profile))
    }
}
