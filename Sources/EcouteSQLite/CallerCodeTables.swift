/// The SQLite tables of the caller codes (migration v21-caller-code).
enum CallerCodeTables {
    static let creation = """
        CREATE TABLE caller_codes (
            call_id TEXT PRIMARY KEY NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (length(code) = 7 AND code NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTUVWXYZ]*'),
            issued INTEGER NOT NULL CHECK (issued IN (0, 1)),
            attached_by TEXT NOT NULL,
            attached_at DATETIME NOT NULL
        );
        CREATE INDEX caller_codes_by_code ON caller_codes (code, call_id);
        CREATE TABLE caller_history_reads (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL,
            for_call TEXT NOT NULL,
            at DATETIME NOT NULL,
            by TEXT NOT NULL,
            calls_shown INTEGER NOT NULL
        );
        CREATE INDEX caller_history_reads_by_time ON caller_history_reads (at, id);
        CREATE TRIGGER caller_history_reads_append_only_update BEFORE UPDATE ON caller_history_reads
        BEGIN SELECT RAISE(ABORT, 'the caller history audit is append-only'); END;
        CREATE TRIGGER caller_history_reads_append_only_delete BEFORE DELETE ON caller_history_reads
        BEGIN SELECT RAISE(ABORT, 'the caller history audit is append-only'); END;
        """
}
