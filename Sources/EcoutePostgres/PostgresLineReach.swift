/// The lines after `p7-call-line`, at the end of the platform database's migrations:
/// - `p9-lines-sealed-line`: a saved call's digest (its seal) covers its line and the caller's
///   category there (`call_lines`); a call with no row — the health line, every call from before
///   lines — keeps the digest it had. The calls off the health line whose seal still matched the
///   digest without the line are sealed again in the same transaction; one that no longer matched
///   stays as it was, for `ecoute check` to name. The line itself is not correctable (docs/lines.md):
///   `write_call_line` refuses a saved call, `supervise` and `supervise_part` have no such field,
///   and no application role writes `call_lines`.
/// - `p9-lines-presence-shifts-continuity`: what a supervisor sees by line reaches past the calls.
///   A console's presence row carries the line it answers, a shift the line it was started on
///   (`start_shift` with a line; the version before's call without one starts it on the health
///   line), a handoff note the line it was written from. A supervisor sees the consoles of its
///   lines, the shifts started on them or holding one of their calls, the handoff notes written
///   from them (and, as before, its own rows); the follow-ups of `follow_up_statuses` follow their
///   call's line as the calls do. Alerts and the callback queue already follow their call
///   (`p7-call-line`). A supervisor with no assignment still sees every line. Psychologists and
///   trainers keep reading every handoff note (the next shift's), and their own rows otherwise.
enum PostgresLineReach {
    /// The call's digest as `p5-rud-sealed-parts` defines it, the line and its caller category added.
    static let callDigestWithLine = [
        ("CREATE OR REPLACE FUNCTION call_digest(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER",
         "CREATE FUNCTION call_digest(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER"),
        ("(SELECT 'motifs' || string_agg(m.motif, ',' ORDER BY m.position) FROM call_motifs m WHERE m.call_id = p_call)),", """
        (SELECT 'motifs' || string_agg(m.motif, ',' ORDER BY m.position) FROM call_motifs m WHERE m.call_id = p_call),
        (SELECT 'line' || ROW(l.line, l.line_category)::text FROM call_lines l WHERE l.call_id = p_call)),
        """),
    ].reduce(PostgresSchema.callDigestWithParts) { sql, change in SQLScript.replacing(change.0, with: change.1, in: sql) }

    /// The follow-ups as `p7-follow-ups` defines them, a supervisor's narrowed to its lines.
    static let followUpStatusesByLine = [
        ("CREATE FUNCTION follow_up_statuses(p_call TEXT, p_since TIMESTAMPTZ, p_before TIMESTAMPTZ, p_by TEXT, p_supervisor BOOLEAN)",
         "CREATE OR REPLACE FUNCTION follow_up_statuses(p_call TEXT, p_since TIMESTAMPTZ, p_before TIMESTAMPTZ, p_by TEXT, p_supervisor BOOLEAN)"),
        ("WHERE (acting_as_supervisor(p_by, p_supervisor) OR c.operator = acting_operator(p_by))", """
            WHERE ((acting_as_supervisor(p_by, p_supervisor) AND (engine_administrator() OR supervises_line(session_user, line_of_call(c.id))))
                   OR c.operator = acting_operator(p_by))
            """),
    ].reduce(PostgresFollowUpSchema.followUpStatuses) { sql, change in SQLScript.replacing(change.0, with: change.1, in: sql) }

    static let migrations: [(name: String, sql: String)] = [
        ("p9-lines-sealed-line", """
        -- The digest without the line stays, under another name, until the calls it still matches are sealed again.
        ALTER FUNCTION call_digest(TEXT) RENAME TO call_digest_without_line;
        \(callDigestWithLine)
        REVOKE ALL ON FUNCTION call_digest(TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION call_digest(TEXT) TO ecoute_supervisor;
        UPDATE call_seals s SET digest = call_digest(s.call_id), sealed_at = clock_timestamp(), sealed_by = session_user
            WHERE EXISTS (SELECT 1 FROM call_lines l WHERE l.call_id = s.call_id)
              AND EXISTS (SELECT 1 FROM calls c WHERE c.id = s.call_id AND c.phase IN ('saved', 'closed'))
              AND s.digest = call_digest_without_line(s.call_id);
        DROP FUNCTION call_digest_without_line(TEXT);
        """),
        ("p9-lines-presence-shifts-continuity", """
        ALTER TABLE console_presence ADD COLUMN line TEXT NOT NULL DEFAULT 'sante' CHECK (line ~ '^[A-Za-z0-9_-]{1,32}$');
        ALTER TABLE shifts ADD COLUMN line TEXT NOT NULL DEFAULT 'sante' CHECK (line ~ '^[A-Za-z0-9_-]{1,32}$');
        ALTER TABLE shift_handoffs ADD COLUMN line TEXT NOT NULL DEFAULT 'sante' CHECK (line ~ '^[A-Za-z0-9_-]{1,32}$');

        -- A console's shift on the line it answers (the three-argument start_shift stays for the
        -- version before, whose shifts are on the health line).
        CREATE FUNCTION start_shift(p_id TEXT, p_operator TEXT, p_at TIMESTAMPTZ, p_line TEXT) RETURNS VOID LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            INSERT INTO shifts (id, operator, started_at, line) VALUES (p_id, acting_operator(p_operator), act_time(p_at), coalesce(p_line, 'sante'));
        END $f$;
        REVOKE ALL ON FUNCTION start_shift(TEXT, TEXT, TIMESTAMPTZ, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION start_shift(TEXT, TEXT, TIMESTAMPTZ, TEXT) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;

        -- The board's consoles, the shifts and the handoff notes of a supervisor's lines (its own rows
        -- through the policies that were there: own_presence, own_shifts).
        DROP POLICY supervisors_see_presence ON console_presence;
        CREATE POLICY supervisors_see_presence ON console_presence FOR SELECT TO ecoute_supervisor
            USING (supervises_line(session_user, line));
        DROP POLICY supervisors_read_shifts ON shifts;
        CREATE POLICY supervisors_read_shifts ON shifts FOR SELECT TO ecoute_supervisor
            USING (supervises_line(session_user, line) OR EXISTS (SELECT 1 FROM calls c WHERE c.shift_id = shifts.id));
        DROP POLICY everyone_reads ON shift_handoffs;
        CREATE POLICY operators_read ON shift_handoffs FOR SELECT TO ecoute_psychologist, ecoute_trainer USING (true);
        CREATE POLICY supervisors_read_their_lines ON shift_handoffs FOR SELECT TO ecoute_supervisor
            USING (operator = current_user OR supervises_line(session_user, line));

        -- Follow-ups as the calls: a supervisor's of its lines (the engine's tools: every line).
        \(followUpStatusesByLine)
        """),
    ]
}
