import EcouteCore
import Foundation

/// Alerts, the 25-minute cue, escalation and the call's lease.
extension AppUpdate {
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
        // Sent again as it reaches the supervisors now: its time is the arrival's, and it says
        // how long after it was raised (the board shows it came late).
        return due.map { item in
            var late = item.alert
            late.lateBy = model.wallNow.timeIntervalSince(item.alert.raisedAt)
            late.raisedAt = model.wallNow
            return .raiseAlert(late)
        }
    }

    /// An alert nobody took in time rings once on every console, and stays on screen.
    static func checkEscalations(_ model: inout AppModel) {
        let due = model.escalatedAlerts.map(\.id).filter { !model.escalationsRung.contains($0) }
        guard !due.isEmpty else { return }
        model.escalationsRung.formUnion(due)
        model.bells += 1
    }


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
        if model.session == .idle, let next = model.nextFollowUpsCheck, model.wallNow >= next {
            model.nextFollowUpsCheck = model.wallNow + AppModel.followUpsCheckInterval   // a failed read is tried again
            effects.append(.loadFollowUpsDue)
        }
        if model.session == .idle, model.wallNow >= model.nextSchemaCheck ?? .distantPast {
            model.nextSchemaCheck = model.wallNow + AppModel.schemaCheckInterval
            effects.append(.checkSchema)
        }
        return effects
    }
}
