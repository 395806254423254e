import EcouteCore
import EcouteSQLite
import Foundation
import PostgresNIO

/// Follow-ups on the platform database, through the engine's functions (`PostgresFollowUpSchema`).
struct PostgresFollowUps: FollowUps {
    let session: PostgresSession

    /// The engine's refusals as the seam's errors.
    private func engine<T>(_ body: () throws -> T) throws -> T {
        try EngineRefusal.mapped(FollowUpRefused.init, inputStates: ["22023", "23503", "23514"], body)
    }

    func set(_ followUp: FollowUp, by viewer: Viewer) throws {
        try engine {
            _ = try session.execute("SELECT ecoute.set_follow_up($1, $2, $3, $4, $5)",
                                    [.of(followUp.callID), .of(followUp.kind), .of(followUp.dueAt), .of(followUp.setAt), .of(viewer.name)])
        }
    }

    private func statuses(call: String?, since: Date?, before: Date?, viewer: Viewer, now: Date) throws -> [FollowUpStatus] {
        try engine {
            try session.rows("SELECT * FROM ecoute.follow_up_statuses($1, $2, $3, $4, $5)",
                             [.of(call), .of(since), .of(before), .of(viewer.name), .of(viewer.role == .supervisor)]).map { row in
                let kindText = try row.text("f_kind")
                guard let kind = FollowUpKind(rawValue: kindText) else { throw StoredValueUnknown(column: "call_follow_ups.kind", value: kindText) }
                let followUp = try FollowUp(callID: row.text("f_call"), kind: kind, dueAt: row.date("f_due"), setBy: row.text("f_set_by"),
                                            setAt: row.date("f_set_at"))
                return try FollowUpStatus(
                    followUp: followUp,
                    outcome: .of(followUp, calledBackAt: row.optionalDate("f_called_back_at"),
                                 callbackStatus: row.optionalText("f_callback_status").flatMap(CallbackStatus.init(rawValue:)), now: now),
                    level: row.optionalInt("f_level").flatMap(ClassificationLevel.init(rawValue:)))
            }
        }
    }

    func followUp(ofCall callID: String, visibleTo viewer: Viewer, now: Date) throws -> FollowUpStatus? {
        try statuses(call: callID, since: nil, before: nil, viewer: viewer, now: now).first
    }

    func due(before: Date, visibleTo viewer: Viewer, now: Date) throws -> [FollowUpStatus] {
        try statuses(call: nil, since: now - FollowUp.boardWindow, before: before, viewer: viewer, now: now).filter(\.outcome.isOpen)
    }
}
