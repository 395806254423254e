import EcouteCore
import Foundation
import GRDB

/// The callback queue over SQLite (migration v20-callback-queue). Numbers live in a table of
/// their own (`callback_numbers`), one row per request still holding one: erasing a number is
/// deleting its row, with `secure_delete` on so its bytes are overwritten in the file, not left
/// in a free page. Roles are the program's here (as for every SQLite read); the engine enforces
/// them in platform mode.
public struct SQLiteCallbackQueue: CallbackQueue {
    let database: DatabaseQueue
    public init(database: DatabaseQueue) { self.database = database }

    static let columns = """
        id, call_id, requested_by, motif, urgency, requested_at, status, taken_by, taken_at, attempts, last_attempt_at, \
        closed_by, closed_at, number_erased_at
        """

    static func request(_ row: Row) throws -> CallbackRequest {
        let urgencyText: String = row["urgency"], statusText: String = row["status"]
        guard let urgency = CallbackUrgency(rawValue: urgencyText) else { throw StoredValueUnknown(column: "callback_requests.urgency", value: urgencyText) }
        guard let status = CallbackStatus(rawValue: statusText) else { throw StoredValueUnknown(column: "callback_requests.status", value: statusText) }
        return CallbackRequest(id: row["id"], callID: row["call_id"], requestedBy: row["requested_by"], motif: row["motif"],
                               urgency: urgency, requestedAt: row["requested_at"], status: status, takenBy: row["taken_by"],
                               takenAt: row["taken_at"], attempts: row["attempts"], lastAttemptAt: row["last_attempt_at"],
                               closedBy: row["closed_by"], closedAt: row["closed_at"], numberErasedAt: row["number_erased_at"])
    }

    /// A write with `secure_delete` on: a number's deleted bytes are zeroed in the file.
    private func erasingWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    static func audit(_ db: Database, _ id: String, _ at: Date, _ by: String, _ event: CallbackAuditEntry.Event) throws {
        try db.execute(sql: "INSERT INTO callback_audit (request_id, at, by, event) VALUES (?, ?, ?, ?)",
                       arguments: [id, at, by, event.rawValue])
    }

    public func request(_ request: CallbackRequest, number: CallbackNumber) throws {
        guard CallbackNumber.parse(number.digits) == .success(number) else { throw CallbackRefusedInput("the callback number is not a French number") }
        let motif = request.motif.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !motif.isEmpty else { throw CallbackRefusedInput("a callback request needs a motif") }
        try database.write { db in
            guard let operatorName = try String.fetchOne(db, sql: "SELECT operator FROM calls WHERE id = ?", arguments: [request.callID]) else {
                throw CallbackRefusedInput("no call \(request.callID) to attach the callback request to")
            }
            guard operatorName == request.requestedBy else {
                throw AccessDenied("\(request.requestedBy) cannot ask a callback for \(operatorName)'s call")
            }
            try db.execute(sql: """
                INSERT INTO callback_requests (id, call_id, requested_by, motif, urgency, requested_at, status, attempts)
                VALUES (?, ?, ?, ?, ?, ?, 'waiting', 0)
                """, arguments: [request.id, request.callID, request.requestedBy, motif, request.urgency.rawValue, request.requestedAt])
            try db.execute(sql: "INSERT INTO callback_numbers (request_id, digits) VALUES (?, ?)", arguments: [request.id, number.digits])
            try Self.audit(db, request.id, request.requestedAt, request.requestedBy, .requested)
        }
    }

    private func fetch(_ condition: String, _ arguments: StatementArguments, visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        var sql = "SELECT \(Self.columns) FROM callback_requests WHERE \(condition)"
        var arguments = arguments
        if viewer.role != .supervisor { sql += " AND requested_by = ?"; arguments += [viewer.name] }
        sql += " ORDER BY requested_at, id"
        return try database.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.request) }
    }

    public func open(visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        try fetch("status IN ('waiting', 'taken')", [], visibleTo: viewer)
    }

    public func requests(since: Date, visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        try fetch("requested_at >= ?", [since], visibleTo: viewer)
    }

    public func requests(ofCall callID: String, visibleTo viewer: Viewer) throws -> [CallbackRequest] {
        try fetch("call_id = ?", [callID], visibleTo: viewer)
    }

    package static func requireSupervisor(_ viewer: Viewer, _ what: String) throws {
        guard viewer.role == .supervisor else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot \(what): supervisors only")
        }
    }

    public func number(of requestID: String, by viewer: Viewer, at: Date) throws -> CallbackNumber? {
        try Self.requireSupervisor(viewer, "read a callback number")
        return try database.write { db in
            guard let digits = try String.fetchOne(db, sql: "SELECT digits FROM callback_numbers WHERE request_id = ?",
                                                   arguments: [requestID]) else { return nil }
            try Self.audit(db, requestID, at, viewer.name, .numberRead)
            return CallbackNumber(digits: digits)
        }
    }

    public func act(_ action: CallbackAction, on requestID: String, by viewer: Viewer, at: Date) throws -> CallbackRequest {
        try Self.requireSupervisor(viewer, "act on the callback queue")
        return try erasingWrite { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM callback_requests WHERE id = ?", arguments: [requestID]) else {
                throw CallbackRefused(.unknown, nil)
            }
            let next = try CallbackLifecycle.apply(action, to: try Self.request(row), by: viewer.name, at: at).get()
            try Self.write(next, db)
            try Self.audit(db, requestID, at, viewer.name, Self.event(action))
            if action.closes { try Self.eraseNumber(requestID, db, at: at, by: viewer.name) }
            return next
        }
    }

    static func event(_ action: CallbackAction) -> CallbackAuditEntry.Event {
        switch action {
        case .take: .taken
        case .failedAttempt: .failedAttempt
        case .calledBack: .calledBack
        case .abandon: .abandoned
        case .expire: .expired
        }
    }

    static func write(_ r: CallbackRequest, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE callback_requests SET status = ?, taken_by = ?, taken_at = ?, attempts = ?, last_attempt_at = ?, closed_by = ?,
                closed_at = ?, number_erased_at = ? WHERE id = ?
            """, arguments: [r.status.rawValue, r.takenBy, r.takenAt, r.attempts, r.lastAttemptAt, r.closedBy, r.closedAt,
                             r.numberErasedAt, r.id])
    }

    static func eraseNumber(_ id: String, _ db: Database, at: Date, by: String) throws {
        try db.execute(sql: "DELETE FROM callback_numbers WHERE request_id = ?", arguments: [id])
        if db.changesCount > 0 {
            try db.execute(sql: "UPDATE callback_requests SET number_erased_at = ? WHERE id = ?", arguments: [at, id])
            try audit(db, id, at, by, .numberErased)
        }
    }

    public func eraseExpiredNumbers(now: Date) throws -> [String] {
        try erasingWrite { db in
            let cutoff = now.addingTimeInterval(-(try Self.limit(db)))
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM callback_numbers n JOIN callback_requests r ON r.id = n.request_id
                WHERE r.requested_at <= ? ORDER BY r.requested_at, r.id
                """, arguments: [cutoff])
            var erased: [String] = []
            for row in rows {
                let request = try Self.request(row)
                if !request.status.isClosed, case .success(let expired) = CallbackLifecycle.apply(.expire, to: request, by: "system", at: now) {
                    try Self.write(expired, db)
                    try Self.audit(db, request.id, now, "system", .expired)
                }
                try Self.eraseNumber(request.id, db, at: now, by: "system")
                erased.append(request.id)
            }
            return erased
        }
    }

    public func numbersPastLimit(now: Date) throws -> Int {
        try database.read { db in
            let cutoff = now.addingTimeInterval(-(try Self.limit(db)))
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM callback_numbers n JOIN callback_requests r ON r.id = n.request_id WHERE r.requested_at <= ?
                """, arguments: [cutoff]) ?? 0
        }
    }

    static func limit(_ db: Database) throws -> TimeInterval {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM line_settings WHERE key = 'callback_number_hours'"),
              let hours = Int(text) else { return CallbackLifecycle.defaultNumberLimit }
        return TimeInterval(hours) * 3600
    }

    public func numberLimit() throws -> TimeInterval {
        try database.read { db in try Self.limit(db) }
    }

    public func setNumberLimit(hours: Int, by viewer: Viewer, at: Date) throws {
        try Self.requireSupervisor(viewer, "set how long callback numbers are kept")
        guard (1...CallbackLifecycle.maximumNumberLimitHours).contains(hours) else {
            throw CallbackRefusedInput("a callback number is kept from 1 to \(CallbackLifecycle.maximumNumberLimitHours) hours, not \(hours)")
        }
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO line_settings (key, value, set_by, set_at) VALUES ('callback_number_hours', ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at
                """, arguments: ["\(hours)", viewer.name, at])
        }
    }

    public func audit(of requestID: String, by viewer: Viewer) throws -> [CallbackAuditEntry] {
        try Self.requireSupervisor(viewer, "read the callback audit")
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT request_id, at, by, event FROM callback_audit WHERE request_id = ? ORDER BY id",
                             arguments: [requestID]).map { row in
                let text: String = row["event"]
                guard let event = CallbackAuditEntry.Event(rawValue: text) else { throw StoredValueUnknown(column: "callback_audit.event", value: text) }
                return CallbackAuditEntry(requestID: row["request_id"], at: row["at"], by: row["by"], event: event)
            }
        }
    }
}
