import EcouteCore

/// What a console's writes share with every other console's, kept from making them wait on each
/// other's commits (docs/benchmarks.md, « Reading the restart figures »).
///
/// - `p10-rotation-given-appended`: a save appends one row per entry it gave to
///   `directory_rotation_given` instead of updating that entry's count in `directory_rotation` in
///   place. An in-place count is one row that every save giving the entry locks until its commit:
///   under many consoles giving the same entries (the same département, the same
///   least-recently-given pick), saves queued behind each other's commit. An entry's count is
///   `directory_rotation`'s (what older versions counted, and `admin migrate-from-sqlite` copies)
///   plus its given rows; `PostgresRotationFeed` reads both.
/// - `p10-console-writes-announced-after-commit`: a NOTIFY takes one lock for the whole database
///   from its commit's start to its end, flush included, so every transaction that notifies
///   commits one after the other. `write_call` announces nothing and a console's presence is not
///   announced: the boards read consoles and orphaned calls again every `BoardUpdate.reloadInterval`
///   (2 s) whatever is announced. A save is announced by the console once committed, in a
///   transaction of its own that does not wait for its flush (`PostgresCallRepository.announce`),
///   so the lock is held for no flush. What others wait for is still announced by its own
///   transaction: a correction, a handover, an alert, a callback, a follow-up, a shift, a note.
enum PostgresWriteContention {
    /// `write_call` as `p4-engine-checked-writes` defined it, the rotation appended.
    static let writeCallAppendingRotation = SQLScript.replacing("""
        INSERT INTO directory_rotation (source, source_id, last_given_at, times_given)
            SELECT g.source, g.source_id, coalesce(v_new.saved_at, v_new.updated_at), 1
            FROM jsonb_to_recordset(coalesce(p_given, '[]'::jsonb)) AS g(source TEXT, source_id TEXT)
        ON CONFLICT (source, source_id) DO UPDATE SET last_given_at = excluded.last_given_at,
            times_given = directory_rotation.times_given + 1, changed_at = clock_timestamp();
        """, with: """
        -- Appended, never updated in place: saves giving the same entry never wait on each other.
        INSERT INTO directory_rotation_given (source, source_id, given_at)
            SELECT g.source, g.source_id, coalesce(v_new.saved_at, v_new.updated_at)
            FROM jsonb_to_recordset(coalesce(p_given, '[]'::jsonb)) AS g(source TEXT, source_id TEXT);
        """, in: PostgresSchema.writeCall.replacingOccurrences(of: "CREATE FUNCTION write_call(", with: "CREATE OR REPLACE FUNCTION write_call("))

    static let migrations: [(name: String, sql: String)] = [
        ("p10-rotation-given-appended", """
        CREATE TABLE directory_rotation_given (
            id BIGSERIAL PRIMARY KEY,
            source TEXT NOT NULL,
            source_id TEXT NOT NULL,
            given_at TIMESTAMPTZ NOT NULL,
            written_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
        );
        CREATE INDEX directory_rotation_given_by_entry ON directory_rotation_given (source, source_id);
        CREATE INDEX directory_rotation_given_by_write ON directory_rotation_given (written_at);
        REVOKE ALL ON directory_rotation_given FROM PUBLIC;
        GRANT SELECT ON directory_rotation_given TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        REVOKE ALL ON SEQUENCE directory_rotation_given_id_seq FROM PUBLIC;

        \(writeCallAppendingRotation)
        """),
        ("p10-console-writes-announced-after-commit", """
        CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF coalesce(current_setting('ecoute.unannounced', true), '') <> 'on' THEN
                PERFORM pg_notify('ecoute_changes', TG_TABLE_NAME);
            END IF;
            RETURN NULL;
        END $f$;
        DROP TRIGGER presence_changed ON console_presence;
        \(writeCallUnannouncedSteps)
        """),
    ]

    /// `write_call` as `p10-rotation-given-appended` left it, unannounced.
    static let writeCallUnannouncedSteps = [
        ("INSERT INTO calls SELECT v_new.*", """
        -- Not announced here (p10-console-writes-announced-after-commit): the console announces a save once committed.
        PERFORM set_config('ecoute.unannounced', 'on', true);
        INSERT INTO calls SELECT v_new.*
        """),
        ("updated_at = excluded.updated_at, saved_at = excluded.saved_at, shift_id = excluded.shift_id;", """
            updated_at = excluded.updated_at, saved_at = excluded.saved_at, shift_id = excluded.shift_id;
        PERFORM set_config('ecoute.unannounced', 'off', true);
        """),
    ].reduce(writeCallAppendingRotation) { sql, change in SQLScript.replacing(change.0, with: change.1, in: sql) }
}
