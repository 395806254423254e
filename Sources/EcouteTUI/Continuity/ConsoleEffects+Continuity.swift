import EcouteCore
import Foundation

/// The console's effects beyond one call: the supervisors' callback queue, caller codes,
/// follow-ups and the shift handoff (`ConsoleEffects.run` hands them here).
extension ConsoleEffects {
    func runContinuity(_ effect: AppEffect, send: (AppEvent) -> Void) {
        switch effect {
        case .requestCallback(let request, let number):
            guard let callbacks else { return send(.callbackRequested(request, failure: "no callback queue")) }
            do {
                try callbacks.request(request, number: number)
                send(.callbackRequested(request, failure: nil))
            } catch {
                send(.callbackRequested(request, failure: String(describing: error)))
            }
        case .issueCallerCode(let callID):
            var random = SystemRandomNumberGenerator()
            let attached = AttachedCallerCode(code: CallerCode.generate(using: &random), issued: true, earlierCalls: nil)
            attachCallerCode(attached, callID: callID, send)
        case .readCallerHistory(let code, let callID):
            attachCallerCode(AttachedCallerCode(code: code, issued: false, earlierCalls: nil), callID: callID, send)
        case .setFollowUp(let followUp):
            guard let followUps else { return send(.followUpSet(followUp, failure: "no follow-ups")) }
            do {
                try followUps.set(followUp, by: viewer())
                send(.followUpSet(followUp, failure: nil))
            } catch {
                send(.followUpSet(followUp, failure: String(describing: error)))
            }
        case .loadHandoffFacts:
            guard let handoffs else { return send(.handoffFacts(nil, colleagues: [], answeredElsewhere: [], failure: "no handoffs")) }
            do {
                let now = clock()
                var facts = try handoffs.facts(id: UUID().uuidString.lowercased(), shiftID: shiftID, of: console.operatorName, now: now)
                // Nobody listed on a failed read: the calls still go to the supervisors.
                let colleagues = (try? handoffs.colleaguesOnShift(besides: console.operatorName, now: now)) ?? []
                // A call the operator's other console is answering stays there: not left, not handed
                // over (the store refuses it too). Unread holders: the store's refusal decides.
                let holders = (try? leases.holders(of: facts.callsInProgress)) ?? [:]
                let elsewhere = facts.callsInProgress.compactMap { id in
                    holders[id].flatMap { holder in
                        holder.console.id != console.id && holder.isAlive(now: now, localHost: console.host, processExists: processExists) ? holder : nil
                    }
                }
                let answeredElsewhere = Set(elsewhere.map(\.console.id))
                facts.callsInProgress.removeAll { holders[$0].map { answeredElsewhere.contains($0.console.id) } ?? false }
                send(.handoffFacts(facts, colleagues: colleagues, answeredElsewhere: elsewhere, failure: nil))
            } catch {
                send(.handoffFacts(nil, colleagues: [], answeredElsewhere: [], failure: String(describing: error)))
            }
        case .writeHandoff(let handoff, let handovers):
            guard let handoffs else { return send(.handoffWritten(handedOver: [], failure: "no handoffs")) }
            var handedOver: [String] = []
            do {
                // Each call first: the note then tells the next shift what was handed to whom.
                for handover in handovers {
                    try handoffs.handOver(handover.callID, to: handover.to, by: viewer(), from: console, at: clock())
                    handedOver.append(handover.callID)
                }
                try handoffs.write(handoff, by: viewer())
                send(.handoffWritten(handedOver: handedOver, failure: nil))
            } catch {
                send(.handoffWritten(handedOver: handedOver, failure: String(describing: error)))
            }
        case .loadFollowUpsDue:
            guard let followUps else { return }
            let now = clock()
            if let due = try? followUps.due(before: now + FollowUp.shiftHorizon, visibleTo: viewer(), now: now) { send(.followUpsDue(due)) }
        case .loadHandoffs:
            guard let handoffs else { return }
            if let recent = try? handoffs.recent(since: clock() - ShiftHandoff.shownFor) { send(.handoffs(recent)) }
        default:
            break
        }
    }

    /// Attaches a caller code to the call and, for a code the caller said, reads their earlier
    /// calls (audited by the store) as this console's operator with their registered role.
    func attachCallerCode(_ attached: AttachedCallerCode, callID: String, _ send: (AppEvent) -> Void) {
        guard let callerCodes else { return send(.callerCodeAttached(callID: callID, nil, history: [], failure: "no caller codes")) }
        let viewer = viewer()
        do {
            try callerCodes.attach(attached.code, toCall: callID, issued: attached.issued, by: viewer, at: clock())
            var attached = attached
            var history: [CallerHistoryCall] = []
            if !attached.issued {
                history = try callerCodes.history(of: attached.code, forCall: callID, by: viewer, at: clock())
                attached.earlierCalls = history.count
            }
            send(.callerCodeAttached(callID: callID, attached, history: history, failure: nil))
        } catch {
            send(.callerCodeAttached(callID: callID, nil, history: [], failure: String(describing: error)))
        }
    }

}
