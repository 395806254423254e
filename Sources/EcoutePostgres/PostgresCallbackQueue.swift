import EcouteCore
import EcouteSQLite
import Foundation
import PostgresNIO

/// The callback queue on the platform database, through the engine's functions
/// (`PostgresCallbackSchema`): the operator is the connection's role, times the server's clock,
/// and a number is read only by a supervisor's role, one audited call at a time. The program
/// still filters by viewer, as on SQLite.
struct PostgresCallbackQueue: CallbackQueue {
    let session: PostgresSession

    static func request(_ row: PostgresRandomAccessRow) throws -> CallbackRequest {
        let urgencyText = try row.text("urgency"), statusText = try row.text("status")
        guard let urgency = CallbackUrgency(rawValue: urgencyText) else { throw StoredValueUnknown(column: "callback_requests.urgency", value: urgencyText) }
        guard let status = CallbackStatus(rawValue: statusText) else { throw StoredValueUnknown(column: "callback_requests.status", value: statusText) }
        return try CallbackRequest(id: row.text("id"), callID: row.text("call_id"), requestedBy: row.text("requested_by"),
                                   motif: row.text("motif"), urgency: urgency, requestedAt: row.date("requested_at"), status: status,
                                   takenBy: row.optionalText("taken_by"), takenAt: row.optionalDate("taken_at"), attempts: row.int("attempts"),
                                   lastAttemptAt: row.optionalDate("last_attempt_at"), closedBy: row.optionalText("closed_by"),
                                   closedAt: row.optionalDate("closed_at"), numberErasedAt: row.optionalDate("number_erased_at"))
    }

    /// The engine's refusals as the seam's errors.
    private func engine<T>(_ body: () throws -> T) throws -> T {
        try EngineRefusal.mapped(CallbackRefusedInput.init, inputStates: ["22023", "23505", "23514"], body)
    }

    func request(_ request: CallbackRequest, number: CallbackNumber) throws {
        guard CallbackNumber.parse(number.digits) == .success(number) else { throw CallbackRefusedInput("the callback number is not a French number") }
        try engine {
            _ = try session.execute("SELECT ecoute.request_callback($1, $2, $3, $4, $5, $6, $7)",
                                    [.of(request.id), .of(request.callID), .of(request.motif), .of(request.urgency), .of(number.digits),
                                     .of(request.requestedAt), .of(request.requestedBy)])
        }
    }

    private func fetch(_ condition: String, _ values: [SQLValue], visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        var sql = "SELECT * FROM callback_requests WHERE \(condition)"
        var values = values
        if viewer.role != .supervisor {
            values.append(.of(viewer.name))
            sql += " AND requested_by = $\(values.count)"
        }
        return try session.rows(sql + " ORDER BY requested_at, id", values).map(Self.request)
    }

    func open(visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        try fetch("status IN ('waiting', 'taken')", [], visibleTo: viewer)
    }

    func requests(since: Date, visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        try fetch("requested_at >= $1", [.of(since)], visibleTo: viewer)
    }

    func requests(ofCall callID: String, visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        try fetch("call_id = $1", [.of(callID)], visibleTo: viewer)
    }

    func number(of requestID: String, by viewer: Viewer, at: Date) throws -> CallbackNumber? {
        try SQLiteCallbackQueue.requireSupervisor(viewer, "read a callback number")
        return try engine {
            try session.rows("SELECT ecoute.read_callback_number($1, $2, $3) AS digits", [.of(requestID), .of(at), .of(viewer.name)])
                .first.flatMap { try $0.optionalText("digits") }.map(CallbackNumber.init(digits:))
        }
    }

    func act(_ action: CallbackAction, on requestID: String, by viewer: Viewer, at: Date) throws -> CallbackRequest {
        try SQLiteCallbackQueue.requireSupervisor(viewer, "act on the callback queue")
        guard action != .expire else { throw CallbackRefusedInput("requests expire by the server's clock only (ecoute purge)") }
        let refusal = try engine {
            try session.rows("SELECT ecoute.act_on_callback($1, $2, $3, $4) AS refusal",
                             [.of(requestID), .of(action), .of(at), .of(viewer.name)]).first?.text("refusal") ?? "unknown"
        }
        let current = try session.rows("SELECT * FROM callback_requests WHERE id = $1", [.of(requestID)]).first.map(Self.request)
        guard refusal.isEmpty, let current else {
            throw CallbackRefused(CallbackRefused.Reason(rawValue: refusal) ?? .unknown, current)
        }
        return current
    }

    func eraseExpiredNumbers(now: Date) throws -> [String] {
        try engine { try session.rows("SELECT id FROM ecoute.erase_expired_callback_numbers() AS id").map { try $0.text("id") } }
    }

    func numbersPastLimit(now: Date) throws -> Int {
        try session.rows("SELECT ecoute.callback_numbers_past_limit() AS n").first?.int("n") ?? 0
    }

    func numberLimit() throws -> TimeInterval {
        guard let text = try session.rows("SELECT value FROM line_settings WHERE key = 'callback_number_hours'").first?.text("value"),
              let hours = Int(text) else { return CallbackLifecycle.defaultNumberLimit }
        return TimeInterval(hours) * 3600
    }

    func setNumberLimit(hours: Int, by viewer: Viewer, at: Date) throws {
        try SQLiteCallbackQueue.requireSupervisor(viewer, "set how long callback numbers are kept")
        guard (1...CallbackLifecycle.maximumNumberLimitHours).contains(hours) else {
            throw CallbackRefusedInput("a callback number is kept from 1 to \(CallbackLifecycle.maximumNumberLimitHours) hours, not \(hours)")
        }
        try engine {
            _ = try session.execute("SELECT ecoute.set_line_setting('callback_number_hours', $1, $2, $3)", [.of("\(hours)"), .of(at), .of(viewer.name)])
        }
    }

    func audit(of requestID: String, by viewer: Viewer) throws -> [CallbackAuditEntry] {
        try SQLiteCallbackQueue.requireSupervisor(viewer, "read the callback audit")
        return try session.rows("SELECT request_id, at, by, event FROM callback_audit WHERE request_id = $1 ORDER BY id", [.of(requestID)]).map { row in
            let text = try row.text("event")
            guard let event = CallbackAuditEntry.Event(rawValue: text) else { throw StoredValueUnknown(column: "callback_audit.event", value: text) }
            return try CallbackAuditEntry(requestID: row.text("request_id"), at: row.date("at"), by: row.text("by"), event: event)
        }
    }
}
