import Foundation

/// The call session as a pure function: `(state, event, now) -> (state, effects)` or a refusal.
///
/// Every (state, event) pair is defined: an event that makes no sense in a state is refused with
/// a reason, never a crash. Every accepted change to a call yields a `persist` effect so the shell
/// writes it at once.
public enum CallSession {
    public typealias Outcome = Result<(SessionState, [SessionEffect]), SessionRefusal>

    public static func reduce(_ state: SessionState, _ event: SessionEvent, now: Date) -> Outcome {
        switch state {
        case .idle:
            return reduceIdle(event, now: now)
        case .saved:
            if case .acknowledge = event { return .success((.idle, [])) }
            if case .pickUp = event { return reduceIdle(event, now: now) }
            return .failure(refusalWithoutCall(event))
        case .interrupted(let draft):
            return reduceInterrupted(draft, event, now: now)
        case .call(let draft):
            switch reduceCall(draft, event, now: now) {
            case .failure(let refusal):
                return .failure(refusal)
            case .success(let newDraft) where newDraft.phase == .saved:
                // Saving leaves the call state for the summary.
                return .success((.saved(newDraft), [.finalize(newDraft)]))
            case .success(let newDraft):
                let effects = [SessionEffect.persist(newDraft)] + proposals(from: draft, to: newDraft) + alerts(from: draft, to: newDraft)
                return .success((.call(newDraft), effects))
            }
        }
    }

    // MARK: - No call in progress

    private static func reduceIdle(_ event: SessionEvent, now: Date) -> Outcome {
        guard case .pickUp(let id, let operatorName, let line) = event else {
            return .failure(refusalWithoutCall(event))
        }
        var draft = CallDraft(id: id, operatorName: operatorName, pickedUpAt: now)
        draft.line = CallLine.stored(line)
        return .success((.call(draft), [.persist(draft)]))
    }

    private static func refusalWithoutCall(_ event: SessionEvent) -> SessionRefusal {
        switch event {
        case .acknowledge: return .notSaved
        case .resume, .wrapUpInterrupted: return .notInterrupted
        default: return .noCallInProgress
        }
    }

    // MARK: - Found unfinished at start-up

    private static func reduceInterrupted(_ draft: CallDraft, _ event: SessionEvent, now: Date) -> Outcome {
        var d = draft
        d.updatedAt = now
        switch event {
        case .resume:
            if d.phase == .saved { d.phase = .wrapUp }
            return .success((.call(d), [.persist(d)] + missingProposals(d)))
        case .wrapUpInterrupted:
            if d.endedAt == nil {
                d.endedAt = draft.updatedAt
                d.endReason = .interrupted
            }
            d.phase = .wrapUp
            d.phaseBeforeEmergency = nil
            return .success((.call(d), [.persist(d)] + missingProposals(d)))
        case .pickUp:
            return .failure(.finishCallFirst)
        case .acknowledge:
            return .failure(.notSaved)
        default:
            return .failure(.finishCallFirst)
        }
    }

    // MARK: - A call in progress

    private typealias CallOutcome = Result<CallDraft, SessionRefusal>

    private static func reduceCall(_ draft: CallDraft, _ event: SessionEvent, now: Date) -> CallOutcome {
        var d = draft
        d.updatedAt = now
        let phase = draft.phase
        let conversationOver = draft.endedAt != nil

        switch event {
        case .pickUp:
            return .failure(.callInProgress)

        case .hangUp, .lineDropped:
            // The conversation ends: to the wrap-up (hung up) or the dropped line; during the
            // protocol, where the call goes once the protocol screen is closed.
            let (reason, next): (CallEndReason, CallPhase) = event == .hangUp ? (.hungUp, .wrapUp) : (.dropped, .dropped)
            switch phase {
            case .inCall:
                d.phase = next
            case .emergency where !conversationOver:
                d.phaseBeforeEmergency = next
            default:
                return .failure(.callAlreadyEnded)
            }
            d.endedAt = now
            d.endReason = reason

        case .callerBack:
            switch phase {
            case .dropped:
                d.phase = .inCall
            case .emergency where draft.phaseBeforeEmergency == .dropped:
                d.phaseBeforeEmergency = .inCall
            default:
                return .failure(.notDropped)
            }
            d.endedAt = nil
            d.endReason = nil

        case .wrapUpAfterDrop:
            guard phase == .dropped else { return .failure(.notDropped) }
            d.phase = .wrapUp

        case .updateProfile(let profile):
            d.profile = profile

        case .setNotes(let notes):
            d.notes = notes

        case .setFollowUp(let text):
            let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
            d.followUp = trimmed.isEmpty ? nil : trimmed

        case .classify(let level):
            guard phase == .wrapUp else { return .failure(.classificationAtWrapUp) }
            d.level = level
            // Level 5 chosen at wrap-up: the protocol opens if it was not opened during the call.
            if level == .imminentRisk, d.emergency == nil {
                d.phaseBeforeEmergency = .wrapUp
                d.phase = .emergency
                d.emergency = EmergencyProtocol(openedAt: now)
            }

        case .setAddiction(let addiction):
            guard phase == .wrapUp else { return .failure(.classificationAtWrapUp) }
            d.addiction = addiction

        case .setHospitalisation(let hospitalisation):
            guard phase == .wrapUp else { return .failure(.classificationAtWrapUp) }
            d.hospitalisation = hospitalisation

        case .setAssessment(let assessment):
            d.assessment = assessment

        case .setMotifs(let motifs):
            d.motifs = motifs.isEmpty ? nil : Array(motifs.prefix(CallMotif.maximumPerCall))

        case .setLine(let line):
            let stored = CallLine.stored(line)
            if stored != draft.line, draft.profile.lineCategory != nil {
                d.profile.lineCategory = nil
                d.profile.category = nil
                d.profile.status = nil
            }
            d.line = stored

        case .referralsProposed(let request, let proposed):
            guard request == draft.referralRequest else { return .failure(.outdatedProposal) }
            // What the psychologist chose, gave or saw declined stays (what was said to the caller is
            // part of the call, whatever the level or a flag proposes now); the proposals not acted
            // on are replaced. A new proposal is left out when it is an entry kept, a number already
            // given, or of a kind already given (the emergency numbers excepted: each is its own).
            let kept = draft.referrals.filter { $0.origin == .chosen || $0.status != .proposed }
            let keptNumbers = Set(kept.compactMap(EmergencyNumber.of))
            let givenKinds = Set(kept.filter { $0.status == .given && $0.kind != .emergency }.map(\.kind))
            d.referrals = kept + proposed.filter { referral in
                !kept.contains { $0.isSameEntry(as: referral) } && !givenKinds.contains(referral.kind)
                    && (EmergencyNumber.of(referral).map { !keptNumbers.contains($0) } ?? true)
            }

        case .setReferralStatus(let index, let status):
            guard d.referrals.indices.contains(index) else { return .failure(.noSuchReferral) }
            d.referrals[index].status = status

        case .replaceReferral(let index, let referral):
            guard d.referrals.indices.contains(index) else { return .failure(.noSuchReferral) }
            var chosen = referral
            chosen.origin = .chosen
            d.referrals[index] = chosen

        case .addReferral(let referral):
            var chosen = referral
            chosen.origin = .chosen
            d.referrals.append(chosen)

        case .justifyReferralGap(let kind, let gap):
            guard phase == .wrapUp else { return .failure(.notInWrapUp) }
            d.referralGaps[kind] = gap

        case .openEmergency:
            guard phase != .emergency else { return .failure(.emergencyAlreadyOpen) }
            d.phaseBeforeEmergency = phase
            d.phase = .emergency
            d.level = .imminentRisk
            if d.emergency == nil { d.emergency = EmergencyProtocol(openedAt: now) }

        case .toggleEmergencyStep(.emergencyServicesCalled):
            return reduceCall(draft, .callEmergencyNumber(.samu), now: now)

        case .toggleEmergencyStep(let step):
            guard phase == .emergency, var protocolState = d.emergency else {
                return .failure(.notInEmergency)
            }
            protocolState.steps[step] = protocolState.steps[step] == nil ? now : nil
            if protocolState.steps[step] != nil { protocolState.skipped[step] = nil }
            d.emergency = protocolState

        case .callEmergencyNumber(let number):
            guard phase == .emergency, d.emergency != nil else { return .failure(.notInEmergency) }
            toggleNumberGiven(number, in: &d, now: now)

        case .explainSkippedStep(let step, let reason):
            guard phase == .emergency, var protocolState = d.emergency else { return .failure(.notInEmergency) }
            let text = reason?.trimmingCharacters(in: .whitespaces) ?? ""
            protocolState.skipped[step] = text.isEmpty ? nil : text
            d.emergency = protocolState

        case .withdrawEmergency:
            guard phase == .emergency, d.emergency != nil else { return .failure(.notInEmergency) }
            guard !d.emergencyUnderway else { return .failure(.protocolUnderway) }
            d.phase = draft.phaseBeforeEmergency ?? .inCall
            d.phaseBeforeEmergency = nil
            d.emergency = nil
            d.level = nil
            // What the console proposed for level 5 goes; the level chosen next proposes its own.
            d.referrals = d.referrals.filter { $0.origin == .chosen }

        case .closeEmergency:
            guard phase == .emergency else { return .failure(.notInEmergency) }
            d.phase = draft.phaseBeforeEmergency ?? .inCall
            d.phaseBeforeEmergency = nil

        case .save:
            guard phase == .wrapUp else { return .failure(.notInWrapUp) }
            guard d.level != nil else { return .failure(.classificationRequired) }
            if d.level == .imminentRisk, !(d.emergency?.unexplainedSteps ?? EmergencyStep.allCases).isEmpty {
                return .failure(.protocolIncomplete)
            }
            guard d.unjustifiedReferralKinds.isEmpty else { return .failure(.referralsNotJustified) }
            guard !d.needsAssessment else { return .failure(.assessmentRequired) }
            let suggestion = d.assessment?.suggestion
            d.assessment?.recordedSuggestion = suggestion
            d.phase = .saved
            d.savedAt = now

        case .acknowledge:
            return .failure(.notSaved)

        case .resume, .wrapUpInterrupted:
            return .failure(.notInterrupted)
        }
        return .success(d)
    }

    /// The number called is that number's referral, given (and kept as chosen, so a later proposal
    /// does not replace it); called again, it is only proposed again, like any proposal. When the
    /// directory has not proposed it yet, it is added by its number. The step « emergency services
    /// called » is done (at its first time) while any protocol number is given, undone when none is.
    private static func toggleNumberGiven(_ number: EmergencyNumber, in d: inout CallDraft, now: Date) {
        if let index = d.referrals.firstIndex(where: number.matches) {
            let given = d.referrals[index].status == .given
            d.referrals[index].status = given ? .proposed : .given
            d.referrals[index].origin = given ? .proposed : .chosen
        } else {
            d.referrals.append(Referral(kind: .emergency, entryID: nil, name: number.recordedName, contact: number.digits,
                                        tier: .national, status: .given, origin: .chosen))
        }
        guard var protocolState = d.emergency else { return }
        if d.emergencyNumbersCalled.isEmpty {
            protocolState.steps[.emergencyServicesCalled] = nil
        } else {
            protocolState.steps[.emergencyServicesCalled] = protocolState.steps[.emergencyServicesCalled] ?? now
            protocolState.skipped[.emergencyServicesCalled] = nil
        }
        d.emergency = protocolState
    }

    /// The supervisors are alerted when the call reaches level 5 (chosen, or the protocol opened)
    /// and when the protocol's « supervisor called » step is first marked: each once.
    private static func alerts(from old: CallDraft, to new: CallDraft) -> [SessionEffect] {
        var reasons: [AlertReason] = []
        if new.level == .imminentRisk, old.level != .imminentRisk { reasons.append(.imminentRisk) }
        if new.emergency?.steps[.supervisorCalled] != nil, old.emergency?.steps[.supervisorCalled] == nil {
            reasons.append(.supervisorStep)
        }
        return reasons.map(SessionEffect.raiseAlert)
    }

    /// A new directory request whenever what the rules need has changed.
    private static func proposals(from old: CallDraft, to new: CallDraft) -> [SessionEffect] {
        guard new.phase != .saved, let request = new.referralRequest,
              request != old.referralRequest else { return [] }
        return [.proposeReferrals(request)]
    }

    /// On resumption, asks again if the directory's answer never arrived before the interruption.
    private static func missingProposals(_ draft: CallDraft) -> [SessionEffect] {
        guard let request = draft.referralRequest,
              !draft.referrals.contains(where: { $0.origin == .proposed }) else { return [] }
        return [.proposeReferrals(request)]
    }
}
