import EcouteCore
import Foundation
import PostgresNIO

/// The lease rows: which console holds which call in progress.
enum PostgresLeaseRows {
    static func holder(_ row: PostgresRandomAccessRow) throws -> CallHolder {
        try CallHolder(console: ConsoleIdentity(id: row.text("console"), host: row.text("host"), pid: Int32(row.int("pid")),
                                                operatorName: row.text("operator")),
                       heartbeatAt: row.date("heartbeat_at"))
    }

    static func holder(of callID: String, _ s: PostgresSession) throws -> CallHolder? {
        try s.rows("SELECT * FROM call_leases WHERE call_id = $1", [.of(callID)]).first.map(holder)
    }

    /// Takes the lease of a call nobody holds (`ecoute.claim_call`: the operator's own unsaved
    /// call, at the server's time); a console that took it first (a race between two first
    /// writes) wins, and this one is told who.
    static func claim(callID: String, _ c: ConsoleIdentity, _ s: PostgresSession) throws {
        let inserted = try s.rows("SELECT ecoute.claim_call($1, $2, $3, $4::integer, $5, $6) AS n",
                                  [.of(callID), .of(c.id), .of(c.host), .of(Int(c.pid)), .of(c.operatorName), .of(Date())])[0].int("n")
        if inserted == 0, let current = try holder(of: callID, s), current.console.id != c.id {
            throw CallHeldElsewhere(callID: callID, holder: current)
        }
    }
}

/// Leases on the platform database: compare-and-swap under the call's row lock, so two consoles
/// taking over the same call cannot both succeed.
struct PostgresCallLeases: CallLeases {
    let session: PostgresSession

    func holders(of callIDs: [String]) throws -> [String: CallHolder] {
        guard !callIDs.isEmpty else { return [:] }
        var found: [String: CallHolder] = [:]
        for row in try session.rows("SELECT * FROM call_leases WHERE call_id = ANY($1::text[])", [.of(PostgresArray.text(callIDs))]) {
            found[try row.text("call_id")] = try PostgresLeaseRows.holder(row)
        }
        return found
    }

    func heartbeat(_ console: ConsoleIdentity, at: Date) throws -> Int {
        try session.rows("SELECT ecoute.renew_lease(NULL, $1, $2) AS n", [.of(console.id), .of(at)])[0].int("n")
    }

    /// Compare-and-swap under the call's row lock (`ecoute.lock_call`); the engine records the
    /// takeover with the previous holder as it has it (`ecoute.take_over_call`).
    func takeOver(_ callID: String, from: CallHolder?, by console: ConsoleIdentity, at: Date) throws {
        try session.transaction { s in
            let locked = try s.rows("SELECT * FROM ecoute.lock_call($1)", [.of(callID)]).first
            let current = try locked.flatMap { try $0.optionalText("console") == nil ? nil : try PostgresLeaseRows.holder($0) }
            if current?.console.id == console.id { return }
            guard current == from else { throw CallHeldElsewhere(callID: callID, holder: current) }
            try s.execute("SELECT ecoute.take_over_call($1, $2, $3, $4::integer, $5, $6)",
                          [.of(callID), .of(console.id), .of(console.host), .of(Int(console.pid)), .of(console.operatorName), .of(at)])
        }
    }

    func takeovers(of callID: String) throws -> [CallTakeover] {
        try session.rows("SELECT * FROM call_takeovers WHERE call_id = $1 ORDER BY at, id", [.of(callID)]).map(Self.takeover)
    }

    /// A row of `call_takeovers`.
    static func takeover(_ row: PostgresRandomAccessRow) throws -> CallTakeover {
        var from: CallHolder?
        if let console = try row.optionalText("from_console"), let host = try row.optionalText("from_host"),
           let pid = try row.optionalInt("from_pid"), let name = try row.optionalText("from_operator"),
           let heartbeat = try row.optionalDate("from_heartbeat_at") {
            from = CallHolder(console: ConsoleIdentity(id: console, host: host, pid: Int32(pid), operatorName: name), heartbeatAt: heartbeat)
        }
        return try CallTakeover(callID: row.text("call_id"), at: row.date("at"),
                                by: ConsoleIdentity(id: row.text("by_console"), host: row.text("by_host"),
                                                    pid: Int32(row.int("by_pid")), operatorName: row.text("by_operator")),
                                from: from)
    }
}

/// Array parameters as PostgreSQL's text form (`{"a","b"}`), cast by the query (`$1::text[]`).
enum PostgresArray {
    static func text(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
