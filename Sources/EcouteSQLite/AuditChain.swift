import Crypto
import EcouteCore
import Foundation
import GRDB

/// Tamper evidence on the embedded database: every audit entry carries the hash of the one
/// before it, and a digest of the call as it stood after the change; every saved call is sealed
/// with its digest when saved. `ecoute check` recomputes both, so a hand-typed `UPDATE calls`, a
/// forged or deleted audit row, or a dropped trigger is found and named.
///
/// Honest limits: there is no secret in the chain, so someone who can write the file *and*
/// recompute every later hash can still rewrite history undetected. On the embedded database,
/// roles guard against mistakes; against people who can open the file, PostgreSQL with its own
/// roles (platform mode) is the answer.
enum AuditChain {
    /// The hash of the entry before the first one.
    static let genesis = String(repeating: "0", count: 64)

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A digest of what is recorded about a call: its row, its referrals, its reasons for referrals
    /// not given, in a fixed order. The columns are named, never `*`: a later migration adding a
    /// column must not change the digest of every call sealed before it (a new column joins the
    /// digest only deliberately, with a way to tell old seals from new).
    static func callDigest(_ callID: String, _ db: Database) throws -> String? {
        try callDigest(callID, db, withLine: true)
    }

    /// `withLine` false: the digest as it was before the line joined it (migration
    /// v23-lines-sealed-line, which reseals the calls that still matched it).
    static func callDigest(_ callID: String, _ db: Database, withLine: Bool) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(callColumns) FROM calls WHERE id = ?", arguments: [callID]) else { return nil }
        var parts = [row.databaseValues.map(\.description).joined(separator: "\u{1F}")]
        for r in try Row.fetchAll(db, sql: "SELECT \(referralColumns) FROM call_referrals WHERE call_id = ? ORDER BY position", arguments: [callID]) {
            parts.append(r.databaseValues.map(\.description).joined(separator: "\u{1F}"))
        }
        for r in try Row.fetchAll(db, sql: "SELECT \(gapColumns) FROM call_referral_gaps WHERE call_id = ? ORDER BY kind", arguments: [callID]) {
            parts.append(r.databaseValues.map(\.description).joined(separator: "\u{1F}"))
        }
        // The assessment and motifs (migration v19-rud), named so they never read as a reason; a
        // call with neither keeps the digest it had before them (and a database migrated from
        // before them is sealed by the earlier migrations without them).
        if try db.tableExists("call_assessments") {
            for r in try Row.fetchAll(db, sql: "SELECT \(assessmentColumns) FROM call_assessments WHERE call_id = ?", arguments: [callID]) {
                parts.append("assessment\u{1F}" + r.databaseValues.map(\.description).joined(separator: "\u{1F}"))
            }
        }
        if try db.tableExists("call_motifs") {
            let motifs = try String.fetchAll(db, sql: "SELECT motif FROM call_motifs WHERE call_id = ? ORDER BY position", arguments: [callID])
            if !motifs.isEmpty { parts.append("motifs\u{1F}" + motifs.joined(separator: ",")) }
        }
        // The line (v21-call-line) and the caller's category there, named: a call on the health
        // line with no category — every call from before lines — keeps the digest it had.
        if withLine, try db.columns(in: "calls").contains(where: { $0.name == "line" }),
           let line = try Row.fetchOne(db, sql: "SELECT line, line_category FROM calls WHERE id = ?", arguments: [callID]),
           line["line"] as String? != CallLine.healthID || line["line_category"] as String? != nil {
            parts.append("line\u{1F}" + line.databaseValues.map(\.description).joined(separator: "\u{1F}"))
        }
        return sha256(parts.joined(separator: "\u{1E}"))
    }

    /// What a call's digest covers (the schema as of migration v9, in table order).
    static let callColumns = """
        id, operator, phase, phase_before_emergency, picked_up_at, ended_at, end_reason, caller_category, profession, \
        status, sector, departement, repeat_caller, level, addiction, hospitalisation, notes, emergency_opened_at, \
        emergency_services_called_at, supervisor_called_at, caller_kept_on_line_at, updated_at, saved_at, shift_id, \
        emergency_services_skipped, supervisor_skipped, caller_kept_on_line_skipped, follow_up
        """
    static let referralColumns = "call_id, position, kind, entry_id, name, contact, tier, status, origin"
    static let gapColumns = "call_id, kind, reason, note"
    static let assessmentColumns = """
        risk_factors, urgence, dangerosite, means, means_at_hand, cssrs, not_assessable_reason, suggested_level, suggestion_reasons, \
        suggested_follow_up
        """

    /// The fields an entry's hash covers, in order, as the database holds them.
    static let hashedColumns = ["call_id", "at", "by", "field", "old_value", "new_value", "reason", "call_digest"]

    static func entryHash(previous: String, _ values: [DatabaseValue]) -> String {
        sha256(([previous] + values.map(\.description)).joined(separator: "\u{1F}"))
    }

    /// An audit row ready to insert: chained to the last entry, with the call's digest as it now
    /// stands (the change it records is already written).
    static func chained(_ entry: AuditEntry, _ db: Database) throws -> AuditRow {
        var row = AuditRow(entry)
        row.previousHash = try String.fetchOne(db, sql: "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1") ?? genesis
        row.callDigest = try callDigest(entry.callID, db)
        let values: [DatabaseValue] = [row.callId.databaseValue, row.at.databaseValue, row.by.databaseValue, row.field.databaseValue,
                                       row.oldValue.databaseValue, row.newValue.databaseValue, row.reason.databaseValue,
                                       row.callDigest.databaseValue]
        row.hash = entryHash(previous: row.previousHash!, values)
        return row
    }

    /// Migration v23-lines-sealed-line: the saved and closed calls off the health line (or with a
    /// line category) whose recorded state — their last audit entry's digest, else their seal —
    /// still matches their digest without the line get the digest with it: a new seal, or, for a
    /// call with audit entries (whose digests never change), one more entry chained after them.
    /// A call that no longer matched stays as it was, and `check` names it as before.
    static func sealLines(_ db: Database, at: Date) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.id AS id, c.line AS line,
                   (SELECT a.call_digest FROM audit_log a WHERE a.call_id = c.id ORDER BY a.id DESC LIMIT 1) AS audited,
                   (SELECT s.digest FROM call_seals s WHERE s.call_id = c.id) AS sealed
            FROM calls c WHERE c.phase IN ('saved', 'closed') AND (c.line <> ? OR c.line_category IS NOT NULL) ORDER BY c.id
            """, arguments: [CallLine.healthID])
        for row in rows {
            let id: String = row["id"]
            let audited: String? = row["audited"], sealed: String? = row["sealed"]
            guard let recorded = audited ?? sealed, try callDigest(id, db, withLine: false) == recorded else { continue }
            if audited != nil {
                try chained(AuditEntry(callID: id, at: at, by: "ecoute", field: CallLine.sealedAuditField, oldValue: nil, newValue: row["line"],
                                       reason: "migration v23-lines-sealed-line: the call's seal covers its line"), db).insert(db)
            } else {
                try seal(id, db, at: at)
            }
        }
    }

    /// Seals a call as saved: its digest, to compare with what the file says later.
    static func seal(_ callID: String, _ db: Database, at: Date) throws {
        guard let digest = try callDigest(callID, db) else { return }
        try db.execute(sql: "INSERT INTO call_seals (call_id, digest, sealed_at) VALUES (?, ?, ?) ON CONFLICT(call_id) DO UPDATE SET digest = excluded.digest, sealed_at = excluded.sealed_at",
                       arguments: [callID, digest, at])
    }

    /// What `ecoute check` finds: breaks in the chain, and saved calls that differ from their
    /// last sealed or audited state.
    static func verify(_ db: Database) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        var previous = genesis
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") {
            let id: Int64 = row["id"]
            guard let hash = row["hash"] as String?, let recorded = row["previous_hash"] as String? else {
                problems.append(StoreProblem(.auditChain, "audit entry \(id) has no hash: written outside ecoute — restore a backup"))
                continue
            }
            if recorded != previous {
                problems.append(StoreProblem(.auditChain, "audit entry \(id) does not follow the one before it: an entry was removed or inserted — restore a backup"))
            }
            if entryHash(previous: recorded, hashedColumns.map { row[$0] as DatabaseValue }) != hash {
                problems.append(StoreProblem(.auditChain, "audit entry \(id) was changed after it was written — restore a backup"))
            }
            previous = hash
        }
        // The state each saved or closed call should be in: its last audited digest, else its seal.
        let expected = try Row.fetchAll(db, sql: """
            SELECT c.id AS id,
                   (SELECT a.call_digest FROM audit_log a WHERE a.call_id = c.id ORDER BY a.id DESC LIMIT 1) AS audited,
                   (SELECT s.digest FROM call_seals s WHERE s.call_id = c.id) AS sealed
            FROM calls c WHERE c.phase IN ('saved', 'closed')
            """)
        for row in expected {
            let id: String = row["id"]
            guard let digest = (row["audited"] as String?) ?? (row["sealed"] as String?) else {
                problems.append(StoreProblem(.auditChain, "saved call \(id) has no seal: saved outside ecoute — compare with a backup"))
                continue
            }
            if try callDigest(id, db) != digest {
                problems.append(StoreProblem(.auditChain, "saved call \(id) was changed without an audit entry — compare with a backup"))
            }
        }
        return problems
    }
}
