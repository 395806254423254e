import EcouteCore
import Foundation

/// On the clock: the 25-minute cue, the console's presence and its leases, and what it reads again between calls.
extension AppUpdate {
    /// The 25-minute cue is heard as well as seen (not colour alone): the bell rings once per call
    /// when the conversation reaches the reference duration, unless the console was started without.
    static func ringAtReferenceDuration(_ model: inout AppModel) {
        guard model.bellAtReferenceDuration, let draft = model.draft, draft.endedAt == nil,
              [.inCall, .emergency].contains(model.session.phase), model.referenceBellRungFor != draft.id,
              draft.elapsed(now: model.now) >= AppModel.referenceDuration else { return }
        model.referenceBellRungFor = draft.id
        model.bells += 1
    }

    /// On the clock, every 5 s: the console says it is alive and what it does (its leases renewed
    /// too); when idle, calls held by other consoles are looked at again (their console may have died).
    static func leaseUpkeep(_ model: inout AppModel) -> [AppEffect] {
        var effects = send(PresenceFeature.Event.tick, &model)
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
