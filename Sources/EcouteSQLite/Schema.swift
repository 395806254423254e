import Foundation
import GRDB

/// The database schema, as named, ordered migrations. Never edit a shipped migration: add one.
package enum Schema {
    /// The migration that moved the directory into its own file (`LegacyDirectory`).
    static let directoryMovedOut = "v11-directory-own-file"

    package static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-geography") { db in
            try db.create(table: "regions") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
            }
            try db.create(table: "departements") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("region", .text).notNull().references("regions")
                t.column("prefecture", .text).notNull()
            }
            try db.create(table: "departement_neighbours") { t in
                t.column("departement", .text).notNull().references("departements")
                t.column("neighbour", .text).notNull().references("departements")
                t.primaryKey(["departement", "neighbour"])
            }
        }
        m.registerMigration("v1-directory") { db in
            try db.create(table: "directory_entries") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source", .text).notNull()
                t.column("source_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("name", .text).notNull()
                t.column("organisation", .text).notNull().defaults(to: "")
                t.column("address", .text).notNull().defaults(to: "")
                t.column("postcode", .text).notNull().defaults(to: "")
                t.column("city", .text).notNull().defaults(to: "")
                t.column("departement", .text).references("departements")
                t.column("region", .text).references("regions")
                t.column("phones", .text).notNull().defaults(to: "")
                t.column("email", .text).notNull().defaults(to: "")
                t.column("website", .text).notNull().defaults(to: "")
                t.column("teleconsultation", .boolean).notNull().defaults(to: false)
                t.column("languages", .text).notNull().defaults(to: "fr")
                t.column("specialities", .text).notNull().defaults(to: "")
                t.column("capacity", .integer)
                t.column("opening_hours", .text).notNull().defaults(to: "")
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("last_verified", .text)
                // When a saved call last gave this entry: rotation spreads the load.
                t.column("last_given_at", .datetime)
                t.column("times_given", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["source", "source_id"])
            }
            try db.create(index: "directory_by_place", on: "directory_entries",
                          columns: ["kind", "departement", "active", "last_given_at"])
            try db.create(index: "directory_by_region", on: "directory_entries",
                          columns: ["kind", "region", "active", "last_given_at"])
            try db.create(index: "directory_by_teleconsultation", on: "directory_entries",
                          columns: ["kind", "teleconsultation", "active", "last_given_at"])
            try db.create(virtualTable: "directory_search", using: FTS5()) { t in
                t.synchronize(withTable: "directory_entries")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("name")
                t.column("organisation")
                t.column("city")
                t.column("specialities")
            }
        }
        m.registerMigration("v1-calls") { db in
            try db.create(table: "calls") { t in
                t.primaryKey("id", .text)
                t.column("operator", .text).notNull()
                t.column("phase", .text).notNull()
                t.column("phase_before_emergency", .text)
                t.column("picked_up_at", .datetime).notNull()
                t.column("ended_at", .datetime)
                t.column("end_reason", .text)
                t.column("caller_category", .text)
                t.column("profession", .text)
                t.column("status", .text)
                t.column("sector", .text)
                t.column("departement", .text)
                t.column("repeat_caller", .boolean)
                t.column("level", .integer)
                t.column("addiction", .boolean).notNull().defaults(to: false)
                t.column("hospitalisation", .boolean).notNull().defaults(to: false)
                t.column("notes", .text).notNull().defaults(to: "")
                t.column("emergency_opened_at", .datetime)
                t.column("emergency_services_called_at", .datetime)
                t.column("supervisor_called_at", .datetime)
                t.column("caller_kept_on_line_at", .datetime)
                t.column("updated_at", .datetime).notNull()
                t.column("saved_at", .datetime)
            }
            try db.create(index: "calls_unfinished", on: "calls", columns: ["operator", "phase", "picked_up_at"])
            try db.create(index: "calls_by_time", on: "calls", columns: ["picked_up_at"])
            try db.create(table: "call_referrals") { t in
                t.column("call_id", .text).notNull().references("calls", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("entry_id", .integer).references("directory_entries", onDelete: .setNull)
                t.column("name", .text).notNull()
                t.column("contact", .text).notNull()
                t.column("tier", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("origin", .text).notNull()
                t.primaryKey(["call_id", "position"])
            }
        }
        m.registerMigration("v2-directory-search-filters") { db in
            // Search as you type at national scale: the filters of the directory screen become
            // tokens of the full-text index (so FTS5 intersects them with the typed words instead
            // of SQLite filtering every match), and short prefixes get their own index.
            try db.dropFTS5SynchronizationTriggers(forTable: "directory_search")
            try db.drop(table: "directory_search")
            try db.execute(sql: """
                ALTER TABLE directory_entries ADD COLUMN search_tags TEXT GENERATED ALWAYS AS (
                    'xkind' || kind || ' xdep' || coalesce(departement, 'national')
                    || ' xreg' || coalesce(region, 'national')
                    || CASE WHEN teleconsultation THEN ' xtele' ELSE '' END
                    || CASE WHEN active THEN ' xactive' ELSE '' END
                ) VIRTUAL
                """)
            try db.create(virtualTable: "directory_search", using: FTS5()) { t in
                t.synchronize(withTable: "directory_entries")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.prefixes = [1, 2, 3]
                t.column("name")
                t.column("organisation")
                t.column("city")
                t.column("specialities")
                t.column("search_tags")
            }
            try db.create(index: "directory_by_name", on: "directory_entries", columns: ["name"])
        }
        m.registerMigration("v3-directory-search-long-prefixes") { db in
            // A typed prefix longer than every prefix index makes FTS5 build its whole posting
            // list before intersecting it (10 ms for « cabinet » at 200,000 entries); with an
            // index per length up to 12 every prefix is one seekable list (docs/benchmarks.md).
            try db.dropFTS5SynchronizationTriggers(forTable: "directory_search")
            try db.drop(table: "directory_search")
            try db.create(virtualTable: "directory_search", using: FTS5()) { t in
                t.synchronize(withTable: "directory_entries")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.prefixes = Set(1...DirectorySchema.longestIndexedPrefix)
                t.column("name")
                t.column("organisation")
                t.column("city")
                t.column("specialities")
                t.column("search_tags")
            }
        }
        m.registerMigration("v4-review") { db in
            // Operators are pseudonyms with a role; a system user maps to at most one of them.
            try db.create(table: "operators") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull().check(sql: "role IN ('psychologist', 'supervisor', 'trainer')")
                t.column("system_user", .text).unique()
                t.column("created_at", .datetime).notNull()
            }
            // A shift is an operator's console session: from start to quit (open after a crash).
            try db.create(table: "shifts") { t in
                t.primaryKey("id", .text)
                t.column("operator", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("ended_at", .datetime)
            }
            try db.create(index: "shifts_by_operator", on: "shifts", columns: ["operator", "started_at"])
            try db.alter(table: "calls") { t in t.add(column: "shift_id", .text).references("shifts") }
            try db.create(index: "calls_by_shift", on: "calls", columns: ["shift_id"])
            // Every correction of a saved call: never updated, never deleted.
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("call_id", .text).notNull().references("calls")
                t.column("at", .datetime).notNull()
                t.column("by", .text).notNull()
                t.column("field", .text).notNull()
                t.column("old_value", .text)
                t.column("new_value", .text)
                t.column("reason", .text).notNull()
            }
            try db.create(index: "audit_by_call", on: "audit_log", columns: ["call_id", "at"])
            try db.execute(sql: """
                CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        m.registerMigration("v5-referral-gaps") { db in
            // Why a referral the rules require was not given: one reason per call and kind.
            try db.create(table: "call_referral_gaps") { t in
                t.column("call_id", .text).notNull().references("calls", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("note", .text).notNull().defaults(to: "")
                t.primaryKey(["call_id", "kind"])
            }
        }
        m.registerMigration("v6-call-leases") { db in
            // The console holding each call in progress (one at a time), and its heartbeat.
            try db.create(table: "call_leases") { t in
                t.primaryKey("call_id", .text).references("calls", onDelete: .cascade)
                t.column("console", .text).notNull()
                t.column("host", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("operator", .text).notNull()
                t.column("heartbeat_at", .datetime).notNull()
            }
            try db.create(index: "call_leases_by_console", on: "call_leases", columns: ["console"])
            // Every takeover of a call whose console died, kept with the call.
            try db.create(table: "call_takeovers") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("call_id", .text).notNull().references("calls", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("by_console", .text).notNull()
                t.column("by_host", .text).notNull()
                t.column("by_pid", .integer).notNull()
                t.column("by_operator", .text).notNull()
                t.column("from_console", .text)
                t.column("from_host", .text)
                t.column("from_pid", .integer)
                t.column("from_operator", .text)
                t.column("from_heartbeat_at", .datetime)
            }
        }
        m.registerMigration("v7-alerts-and-presence") { db in
            // Alerts raised to the supervisors on duty; one open alert per call at a time.
            try db.create(table: "alerts") { t in
                t.primaryKey("id", .text)
                t.column("call_id", .text).notNull().references("calls", onDelete: .cascade)
                t.column("operator", .text).notNull()
                t.column("departement", .text)
                t.column("level", .integer).notNull()
                t.column("reason", .text).notNull()
                t.column("call_elapsed", .double).notNull()
                t.column("raised_at", .datetime).notNull()
                t.column("taken_by", .text)
                t.column("taken_at", .datetime)
            }
            try db.create(index: "alerts_open", on: "alerts", columns: ["taken_at", "raised_at"])
            try db.create(index: "alerts_by_call", on: "alerts", columns: ["call_id"])
            // What each console on shift is doing, reported by the console itself.
            try db.create(table: "console_presence") { t in
                t.primaryKey("console", .text)
                t.column("host", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("operator", .text).notNull()
                t.column("shift_id", .text)
                t.column("activity", .text).notNull()
                t.column("call_id", .text)
                t.column("call_started_at", .datetime)
                t.column("level", .integer)
                t.column("heartbeat_at", .datetime).notNull()
            }
            // The supervisors' phone numbers, shown on the protocol screen.
            try db.alter(table: "operators") { t in t.add(column: "phone", .text) }
            // Why a protocol step was not done.
            try db.alter(table: "calls") { t in
                t.add(column: "emergency_services_skipped", .text)
                t.add(column: "supervisor_skipped", .text)
                t.add(column: "caller_kept_on_line_skipped", .text)
            }
        }
        m.registerMigration("v8-follow-up") { db in
            // A follow-up call agreed with the caller (level 4 above all): when, by whom.
            try db.alter(table: "calls") { t in t.add(column: "follow_up", .text) }
        }
        m.registerMigration("v9-audit-chain") { db in
            // Tamper evidence: each audit entry chained to the one before, with the call's digest;
            // each saved call sealed with its digest (AuditChain).
            try db.alter(table: "audit_log") { t in
                t.add(column: "previous_hash", .text)
                t.add(column: "call_digest", .text)
                t.add(column: "hash", .text)
            }
            try db.create(table: "call_seals") { t in
                t.primaryKey("call_id", .text).references("calls", onDelete: .cascade)
                t.column("digest", .text).notNull()
                t.column("sealed_at", .datetime).notNull()
            }
            // Existing entries and saved calls enter the chain as they stand today.
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
            var previous = AuditChain.genesis
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") {
                let digest = try AuditChain.callDigest(row["call_id"], db)
                let values = AuditChain.hashedColumns.dropLast().map { row[$0] as DatabaseValue } + [digest.databaseValue]
                let hash = AuditChain.entryHash(previous: previous, Array(values))
                try db.execute(sql: "UPDATE audit_log SET previous_hash = ?, call_digest = ?, hash = ? WHERE id = ?",
                               arguments: [previous, digest, hash, row["id"] as Int64])
                previous = hash
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
            for id in try String.fetchAll(db, sql: "SELECT id FROM calls WHERE phase IN ('saved', 'closed')") {
                try AuditChain.seal(id, db, at: Date())
            }
        }
        m.registerMigration("v10-line-settings") { db in
            // Settings of the whole line, set by a supervisor (the notes' retention, for one).
            try db.create(table: "line_settings") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
                t.column("set_by", .text).notNull()
                t.column("set_at", .datetime).notNull()
            }
        }
        m.registerMigration(directoryMovedOut) { db in
            // The directory lives in its own file (DirectoryFile; LegacyDirectory copies the entries
            // there before this runs). What stays is per-call: when each entry was last given.
            try db.execute(sql: "CREATE TABLE directory_rotation (\(DirectoryFile.rotationColumns)) WITHOUT ROWID")
            if try db.tableExists("directory_entries") {
                try db.execute(sql: """
                    INSERT INTO directory_rotation (source, source_id, last_given_at, times_given)
                    SELECT source, source_id, last_given_at, times_given FROM directory_entries WHERE last_given_at IS NOT NULL
                    """)
            }
            // The referrals of saved calls, same columns and rows, without a foreign key to the
            // entries, which live in another file (a referral is a snapshot of the entry).
            try db.execute(sql: """
                CREATE TABLE call_referrals_moved (
                    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    entry_id INTEGER,
                    name TEXT NOT NULL,
                    contact TEXT NOT NULL,
                    tier INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    PRIMARY KEY (call_id, position)
                );
                INSERT INTO call_referrals_moved (call_id, position, kind, entry_id, name, contact, tier, status, origin)
                SELECT call_id, position, kind, entry_id, name, contact, tier, status, origin FROM call_referrals;
                DROP TABLE call_referrals;
                ALTER TABLE call_referrals_moved RENAME TO call_referrals;
                """)
            if try db.tableExists("directory_search") {
                try db.dropFTS5SynchronizationTriggers(forTable: "directory_search")
                try db.drop(table: "directory_search")
            }
            if try db.tableExists("directory_entries") { try db.drop(table: "directory_entries") }
        }
        m.registerMigration("v12-calls-by-operator-time") { db in
            // A psychologist's reports and review walk their own calls in time order, a page at a
            // time: without this index SQLite took `calls_unfinished` (operator only) and sorted
            // all of the operator's calls for every page — minutes at a million calls.
            try db.create(index: "calls_by_operator_time", on: "calls", columns: ["operator", "picked_up_at", "id"])
        }
        m.registerMigration("v13-calls-by-phase") { db in
            // Calls left unfinished, for every console's start and the supervisors' review: a seek
            // per unfinished phase, where « not saved » scanned every call the line ever had.
            try db.create(index: "calls_by_phase", on: "calls", columns: ["phase", "picked_up_at", "id"])
        }
        m.registerMigration("v14-saved-call-days") { db in
            // The line's average call duration, which every console shows from its first frame and
            // after each save, summed from one row per day instead of every call of the window:
            // 30 days of a busy line were 30,000 rows read before the first frame. Kept by
            // triggers, so no writer (console, supervisor's correction, restore, migration) can
            // forget it; days are UTC calendar days of the pick-up.
            try db.execute(sql: CallSumsTable.savedCallDays.creation)
        }
        m.registerMigration("v15-shift-totals") { db in
            // The review opens on the list of shifts with their call counts and durations, read
            // from one row a shift kept by triggers like saved_call_days (summing every call the
            // line ever had takes a second and more at a million calls). Every call of a shift
            // counts, finished or not; a call not yet ended adds no duration.
            try db.execute(sql: CallSumsTable.shiftTotals.creation)
        }
        // Indexes only: foreign keys stay on, with no check of every row afterwards (half a second
        // at a million calls, on top of the indexes' two).
        m.registerMigration("v16-unique-call-order", foreignKeyChecks: .immediate) { db in
            // Reports and the review walk the calls in (picked_up_at, id) order, and each call's
            // referrals and reasons in their own order beside them. Declared UNIQUE (they are: id
            // is the key), these indexes tell SQLite that each call comes once in that order, so
            // it reads a call's referrals in their index's order; otherwise it sorted them again
            // call by call, and for a supervisor (no operator) sorted every referral of the period
            // at once before the first row.
            try db.execute(sql: """
                DROP INDEX calls_by_time;
                CREATE UNIQUE INDEX calls_by_time ON calls (picked_up_at, id);
                DROP INDEX calls_by_operator_time;
                CREATE UNIQUE INDEX calls_by_operator_time ON calls (operator, picked_up_at, id);
                """)
        }
        m.registerMigration("v17-alert-raised-by-mistake") { db in
            // The psychologist's word that an alert was raised by mistake, and why; the raise stays.
            try db.alter(table: "alerts") { t in
                t.add(column: "mistake_reason", .text)
                t.add(column: "mistake_marked_at", .datetime)
            }
        }
        m.registerMigration("v18-saved-shift-totals") { db in
            // The shift list counts as every report counts: saved calls only, each in whole
            // seconds (WholeSeconds). v15 counted every call of a shift, saved or not.
            for trigger in CallSumsTable.shiftTotals.triggers { try db.execute(sql: "DROP TRIGGER \(trigger)") }
            try db.execute(sql: "DROP TABLE shift_totals")
            try db.execute(sql: CallSumsTable.savedShiftTotals.creation)
        }
        m.registerMigration("v18-alert-late-by") { db in
            // An alert that reached the file only after retries (the file was out of reach): by how long.
            try db.alter(table: "alerts") { t in t.add(column: "late_seconds", .double) }
        }
        m.registerMigration("v19-rud-call-assessments") { db in
            // The suicide-risk assessment of a call (docs/risk-assessment.md): one row per call
            // that has one; the suggestion is recorded at save (NULL reasons: not saved yet).
            try db.execute(sql: """
                CREATE TABLE call_assessments (
                    call_id TEXT PRIMARY KEY NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
                    risk_factors TEXT NOT NULL DEFAULT '',
                    urgence TEXT CHECK (urgence IN ('low', 'medium', 'high')),
                    dangerosite TEXT CHECK (dangerosite IN ('low', 'medium', 'high')),
                    means TEXT,
                    means_at_hand BOOLEAN NOT NULL DEFAULT 0,
                    cssrs TEXT NOT NULL DEFAULT '',
                    not_assessable_reason TEXT,
                    suggested_level INTEGER CHECK (suggested_level BETWEEN 0 AND 5),
                    suggestion_reasons TEXT,
                    suggested_follow_up BOOLEAN NOT NULL DEFAULT 0
                )
                """)
        }
        m.registerMigration("v19-rud-call-motifs") { db in
            // Why the caller calls: up to three motifs, the main one at position 0.
            try db.execute(sql: """
                CREATE TABLE call_motifs (
                    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 2),
                    motif TEXT NOT NULL CHECK (motif IN ('burnout', 'workload', 'harassment', 'trauma', 'patientEvent', 'errorOrComplaint', 'addiction', 'bereavement', 'legalOrAdministrative', 'studies', 'isolation', 'other')),
                    PRIMARY KEY (call_id, position)
                )
                """)
        }
        m.registerMigration("v20-callback-queue") { db in
            // The supervisors' callback queue (CallbackQueue). The number, the one identifying
            // datum ecoute holds, is in a table of its own: one row while it is held, deleted
            // when the request closes or its limit passes. Its trail is append-only.
            try db.execute(sql: CallbackTables.creation)
        }
        m.registerMigration("v21-call-line") { db in
            // The line each call came in on (Resources/lines): every earlier call was on the health
            // professionals' line. On a line with its own caller categories, the caller's there.
            try db.execute(sql: """
                ALTER TABLE calls ADD COLUMN line TEXT NOT NULL DEFAULT 'sante';
                ALTER TABLE calls ADD COLUMN line_category TEXT;
                """)
        }
        m.registerMigration("v21-caller-code") { db in
            // Pseudonymous caller codes (CallerCodes): one per call at most, and the audit of
            // every read of a caller's history, append-only.
            try db.execute(sql: CallerCodeTables.creation)
        }
        m.registerMigration("v21-follow-ups") { db in
            // Calls' follow-ups (FollowUps): one per call at most.
            try db.execute(sql: SQLiteFollowUps.creation)
        }
        m.registerMigration("v21-shift-handoffs") { db in
            // Shift handoff notes (ShiftHandoffs).
            try db.execute(sql: SQLiteShiftHandoffs.creation)
        }
        m.registerMigration("v22-handoff-recipients") { db in
            // Who each call in progress was handed to (ShiftHandoff.handedTo).
            try db.execute(sql: "ALTER TABLE shift_handoffs ADD COLUMN handed_to TEXT NOT NULL DEFAULT ''")
        }
        m.registerMigration("v23-lines-sealed-line") { db in
            // A saved call's digest covers its line from now on (AuditChain.callDigest): the calls
            // off the health line are sealed again where they still matched (AuditChain.sealLines).
            try AuditChain.sealLines(db, at: Date())
        }
        m.registerMigration("v23-lines-presence-shifts-handoffs") { db in
            // The line a console answers (the board's « ligne »), a shift was started on, and a
            // handoff note was written from; everything before was the health line. On the embedded
            // database every supervisor sees every line; the platform database narrows by line.
            try db.execute(sql: """
                ALTER TABLE console_presence ADD COLUMN line TEXT NOT NULL DEFAULT 'sante';
                ALTER TABLE shifts ADD COLUMN line TEXT NOT NULL DEFAULT 'sante';
                ALTER TABLE shift_handoffs ADD COLUMN line TEXT NOT NULL DEFAULT 'sante';
                """)
        }
        return m
    }
}
