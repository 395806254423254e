import EcouteCore
import EcouteSQLite
import Foundation
import GRDB

/// Copies an embedded database (calls with their referrals, shifts, operators, alerts, takeovers,
/// the audit log, the line's settings, rotation counts, continuity: caller codes, follow-ups,
/// handoff notes and the supervisors' callback queue with the numbers still held) into a platform database, in one
/// transaction, then checks every table's count on both sides: all of it lands or none.
///
/// The platform database must hold no calls yet (a copy never merges). Operators become login
/// roles in their group (`PostgresOperatorRegistry`), so it runs as the database administrator.
public enum SQLiteToPostgres {
    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    /// Table by table, how many rows were copied.
    public static func copy(from sqlitePath: String, to url: PostgresURL) throws -> [(table: String, rows: Int)] {
        guard access(sqlitePath, R_OK) == 0 else {
            let why = errno
            if why == ENOENT { throw Refused(description: "\(sqlitePath): no such database file") }
            // A 0600 file in another user's home: the copy runs as a user who can read it.
            let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
            throw Refused(description: "\(sqlitePath): \(user) cannot read it (\(String(cString: strerror(why)))) — copy it for this user first, "
                          + "e.g. sudo install -o \(user) -m 0600 \(sqlitePath) /var/lib/postgresql/ecoute-copy.sqlite (docs/deployment.md)")
        }
        var config = Configuration()
        config.readonly = true
        let source = try DatabaseQueue(path: sqlitePath, configuration: config)
        let missing = try source.read { db in try Set(Schema.migrator.migrations).subtracting(Schema.migrator.appliedIdentifiers(db)) }
        guard missing.isEmpty else {
            throw Refused(description: "\(sqlitePath): open it once with this ecoute first (migrations not applied: \(missing.sorted().joined(separator: ", ")))")
        }
        let session = try PostgresSession(url)
        guard try PostgresSchema.pending(session).isEmpty else {
            throw Refused(description: "\(url): run ecoute admin init --database \(url) first")
        }
        return try source.read { db in
            try session.transaction { s in
                guard try s.rows("SELECT 1 FROM calls LIMIT 1").isEmpty else {
                    throw Refused(description: "\(url): already holds calls; a copy goes into a new, empty platform database")
                }
                for row in try OperatorRow.fetchAll(db) {
                    try PostgresOperatorRegistry(session: s).saveOperator(row.record, now: row.createdAt)
                }
                // The rest as the tables' owner: a saved call's referrals are written with it (the
                // engine keeps them from everyone else), and the audit entries are chained as they land.
                try s.execute("SET LOCAL ROLE ecoute_admin")
                for row in try ShiftRow.fetchAll(db) {
                    try s.execute("INSERT INTO shifts (id, operator, started_at, ended_at, line) VALUES ($1, $2, $3, $4, $5)",
                                  [.of(row.id), .of(row.operator), .of(row.startedAt), .of(row.endedAt), .of(row.line)])
                }
                let calls = try CallRecord.fetchCursor(db)
                while let call = try calls.next() {
                    let placeholders = (1...PostgresCallRows.columns.count).map { "$\($0)" }.joined(separator: ", ")
                    try s.execute("INSERT INTO calls (\(PostgresCallRows.columnList)) VALUES (\(placeholders))", PostgresCallRows.values(call))
                    if call.line != CallLine.healthID || call.lineCategory != nil {
                        try s.execute("INSERT INTO call_lines (call_id, line, line_category) VALUES ($1, $2, $3)",
                                      [.of(call.id), .of(call.line), .of(call.lineCategory)])
                    }
                }
                let referrals = try CallReferralRecord.fetchCursor(db)
                while let r = try referrals.next() {
                    try s.execute("""
                        INSERT INTO call_referrals (call_id, position, kind, entry_id, name, contact, tier, status, origin)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        """, [.of(r.callId), .of(r.position), .of(r.kind), .int(r.entryId.map(Int.init)), .of(r.name), .of(r.contact),
                              .of(r.tier), .of(r.status), .of(r.origin)])
                }
                for gap in try CallReferralGapRecord.fetchAll(db) {
                    try s.execute("INSERT INTO call_referral_gaps (call_id, kind, reason, note) VALUES ($1, $2, $3, $4)",
                                  [.of(gap.callId), .of(gap.kind), .of(gap.reason), .of(gap.note)])
                }
                for a in try CallAssessmentRecord.fetchAll(db) {
                    try s.execute("SELECT ecoute.write_call_assessment($1, NULL, $2::jsonb)",
                                  [.of(a.callId), .of(PostgresCallRows.assessmentJSON(a.row))])
                }
                for row in try Row.fetchAll(db, sql: "SELECT call_id, position, motif FROM call_motifs ORDER BY call_id, position") {
                    try s.execute("INSERT INTO call_motifs (call_id, position, motif) VALUES ($1, $2, $3)",
                                  [.of(row["call_id"] as String), .of(row["position"] as Int), .of(row["motif"] as String)])
                }
                // Caller codes (with their reads' audit), follow-ups and handoff notes, as they are.
                for row in try Row.fetchAll(db, sql: "SELECT call_id, code, issued, attached_by, attached_at FROM caller_codes") {
                    try s.execute("INSERT INTO caller_codes (call_id, code, issued, attached_by, attached_at) VALUES ($1, $2, $3, $4, $5)",
                                  [.of(row["call_id"] as String), .of(row["code"] as String), .of(row["issued"] as Bool),
                                   .of(row["attached_by"] as String), .of(row["attached_at"] as Date)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT code, for_call, at, by, calls_shown FROM caller_history_reads ORDER BY id") {
                    try s.execute("INSERT INTO caller_history_reads (code, for_call, at, by, calls_shown) VALUES ($1, $2, $3, $4, $5)",
                                  [.of(row["code"] as String), .of(row["for_call"] as String), .of(row["at"] as Date), .of(row["by"] as String),
                                   .of(row["calls_shown"] as Int)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT call_id, kind, due_at, set_by, set_at FROM call_follow_ups") {
                    try s.execute("INSERT INTO call_follow_ups (call_id, kind, due_at, set_by, set_at) VALUES ($1, $2, $3, $4, $5)",
                                  [.of(row["call_id"] as String), .of(row["kind"] as String), .of(row["due_at"] as Date),
                                   .of(row["set_by"] as String), .of(row["set_at"] as Date)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM shift_handoffs") {
                    try s.execute("INSERT INTO shift_handoffs (id, shift_id, operator, written_at, calls_in_progress, follow_ups_due, "
                                  + "callbacks_open, alerts_open, text, handed_to, line) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                                  [.of(row["id"] as String), .of(row["shift_id"] as String?), .of(row["operator"] as String),
                                   .of(row["written_at"] as Date), .of(row["calls_in_progress"] as String), .of(row["follow_ups_due"] as Int),
                                   .of(row["callbacks_open"] as Int), .of(row["alerts_open"] as Int), .of(row["text"] as String),
                                   .of(row["handed_to"] as String), .of(row["line"] as String)])
                }
                // The supervisors' callback queue: every request as it stands (open ones stay open, their
                // erase-by limit being their request time and the line's setting, copied below), the
                // numbers still held (an erased number has no row: it stays erased) and the audit.
                for row in try Row.fetchAll(db, sql: "SELECT * FROM callback_requests ORDER BY requested_at, id") {
                    try s.execute("""
                        INSERT INTO callback_requests (id, call_id, requested_by, motif, urgency, requested_at, status, taken_by, taken_at,
                            attempts, last_attempt_at, closed_by, closed_at, number_erased_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        """, [.of(row["id"] as String), .of(row["call_id"] as String), .of(row["requested_by"] as String),
                              .of(row["motif"] as String), .of(row["urgency"] as String), .of(row["requested_at"] as Date),
                              .of(row["status"] as String), .of(row["taken_by"] as String?), .of(row["taken_at"] as Date?),
                              .of(row["attempts"] as Int), .of(row["last_attempt_at"] as Date?), .of(row["closed_by"] as String?),
                              .of(row["closed_at"] as Date?), .of(row["number_erased_at"] as Date?)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT request_id, digits FROM callback_numbers") {
                    try s.execute("INSERT INTO callback_numbers (request_id, digits) VALUES ($1, $2)",
                                  [.of(row["request_id"] as String), .of(row["digits"] as String)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT request_id, at, by, event FROM callback_audit ORDER BY id") {
                    try s.execute("INSERT INTO callback_audit (request_id, at, by, event) VALUES ($1, $2, $3, $4)",
                                  [.of(row["request_id"] as String), .of(row["at"] as Date), .of(row["by"] as String),
                                   .of(row["event"] as String)])
                }
                for alert in try AlertRecord.fetchAll(db).map(\.alert) {
                    try s.execute("""
                        INSERT INTO alerts (id, call_id, operator, departement, level, reason, call_elapsed, raised_at, taken_by, taken_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """, [.of(alert.id), .of(alert.callID), .of(alert.operatorName), .of(alert.departement), .of(alert.level),
                              .of(alert.reason), .double(alert.callElapsed), .of(alert.raisedAt), .of(alert.takenBy), .of(alert.takenAt)])
                }
                for t in try CallTakeoverRecord.order(Column("id")).fetchAll(db) {
                    try s.execute("""
                        INSERT INTO call_takeovers (call_id, at, by_console, by_host, by_pid, by_operator,
                            from_console, from_host, from_pid, from_operator, from_heartbeat_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        """, [.of(t.callId), .of(t.at), .of(t.byConsole), .of(t.byHost), .of(Int(t.byPid)), .of(t.byOperator),
                              .of(t.fromConsole), .of(t.fromHost), .int(t.fromPid.map(Int.init)), .of(t.fromOperator),
                              .of(t.fromHeartbeatAt)])
                }
                // The audit log in its order; its hash chain stays behind (the engine's privileges
                // protect it on the server), so `ecoute check` of the file still verifies the past.
                for a in try AuditRow.order(Column("id")).fetchAll(db) {
                    try s.execute("""
                        INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)
                        """, [.of(a.callId), .of(a.at), .of(a.by), .of(a.field), .of(a.oldValue), .of(a.newValue), .of(a.reason)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT key, value, set_by, set_at FROM line_settings") {
                    try s.execute("INSERT INTO line_settings (key, value, set_by, set_at) VALUES ($1, $2, $3, $4)",
                                  [.of(row["key"] as String), .of(row["value"] as String), .of(row["set_by"] as String),
                                   .of(row["set_at"] as Date)])
                }
                for row in try Row.fetchAll(db, sql: "SELECT source, source_id, last_given_at, times_given FROM directory_rotation") {
                    try s.execute("INSERT INTO directory_rotation (source, source_id, last_given_at, times_given) VALUES ($1, $2, $3, $4)",
                                  [.of(row["source"] as String), .of(row["source_id"] as String), .of(row["last_given_at"] as Date),
                                   .of(row["times_given"] as Int)])
                }
                // Saved and closed calls sealed as copied (`ecoute check` compares them with their seal).
                try s.execute("SELECT ecoute.seal_call(id) FROM calls WHERE phase IN ('saved', 'closed')")
                // Every count checked before the commit.
                var counts: [(String, Int)] = []
                for table in copiedTables {
                    let here = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                    let there = try s.rows("SELECT count(*)::bigint AS n FROM \(table)")[0].int("n")
                    guard there == here else {
                        throw Refused(description: "\(table): \(here) rows in \(sqlitePath), \(there) copied — nothing was copied")
                    }
                    counts.append((table, there))
                }
                return counts
            }
        }
    }

    static let copiedTables = ["operators", "shifts", "calls", "call_referrals", "call_referral_gaps", "alerts", "call_takeovers",
                               "call_assessments", "call_motifs", "audit_log", "line_settings", "directory_rotation",
                               "caller_codes", "caller_history_reads", "call_follow_ups", "shift_handoffs",
                               "callback_requests", "callback_numbers", "callback_audit"]
}
