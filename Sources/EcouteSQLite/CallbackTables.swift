/// The SQLite tables of the callback queue (migration v20-callback-queue).
enum CallbackTables {
    static let creation = """
        CREATE TABLE callback_requests (
            id TEXT PRIMARY KEY NOT NULL,
            call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            requested_by TEXT NOT NULL,
            motif TEXT NOT NULL CHECK (length(motif) BETWEEN 1 AND 200),
            urgency TEXT NOT NULL CHECK (urgency IN ('now', 'withinHour', 'today')),
            requested_at DATETIME NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'taken', 'calledBack', 'abandoned', 'expired')),
            taken_by TEXT,
            taken_at DATETIME,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_attempt_at DATETIME,
            closed_by TEXT,
            closed_at DATETIME,
            number_erased_at DATETIME
        );
        CREATE INDEX callback_requests_by_time ON callback_requests (requested_at, id);
        CREATE INDEX callback_requests_open ON callback_requests (status, requested_at);
        CREATE INDEX callback_requests_by_call ON callback_requests (call_id);
        CREATE TABLE callback_numbers (
            request_id TEXT PRIMARY KEY NOT NULL REFERENCES callback_requests(id) ON DELETE CASCADE,
            digits TEXT NOT NULL CHECK (digits GLOB '0[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
        );
        CREATE TABLE callback_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL,
            at DATETIME NOT NULL,
            by TEXT NOT NULL,
            event TEXT NOT NULL
        );
        CREATE INDEX callback_audit_by_request ON callback_audit (request_id, id);
        CREATE TRIGGER callback_audit_is_append_only_update BEFORE UPDATE ON callback_audit
        BEGIN SELECT RAISE(ABORT, 'the callback audit is append-only'); END;
        CREATE TRIGGER callback_audit_is_append_only_delete BEFORE DELETE ON callback_audit
        BEGIN SELECT RAISE(ABORT, 'the callback audit is append-only'); END;
        """
}
