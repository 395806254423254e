/// Follow-ups on the platform database (migration `p7-follow-ups`, appended after the caller
/// codes'). `call_follow_ups` is written only by `set_follow_up` (the call's own psychologist) and
/// visible with its call (row-level security); a follow-up's outcome — a later call of the same
/// caller, possibly answered by another psychologist — is read through `follow_up_statuses`, a
/// `SECURITY DEFINER` function that gives only its date and the callback's status.
enum PostgresFollowUpSchema {
    static let protectedTables = ["call_follow_ups"]

    /// The follow-ups the acting operator may see, as `p7-follow-ups` defines it (restated with the
    /// line's reach by `PostgresLineReach`).
    static let followUpStatuses = """
        CREATE FUNCTION follow_up_statuses(p_call TEXT, p_since TIMESTAMPTZ, p_before TIMESTAMPTZ, p_by TEXT, p_supervisor BOOLEAN)
        RETURNS TABLE (f_call TEXT, f_kind TEXT, f_due TIMESTAMPTZ, f_set_by TEXT, f_set_at TIMESTAMPTZ, f_level INTEGER,
                       f_called_back_at TIMESTAMPTZ, f_callback_status TEXT)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
            SELECT f.call_id, f.kind, f.due_at, f.set_by, f.set_at, c.level,
                (SELECT min(l.picked_up_at) FROM caller_codes mine JOIN caller_codes k ON k.code = mine.code AND k.call_id <> mine.call_id
                    JOIN calls l ON l.id = k.call_id
                    WHERE mine.call_id = f.call_id AND l.phase = 'saved' AND l.picked_up_at > c.picked_up_at),
                (SELECT r.status FROM callback_requests r WHERE r.call_id = f.call_id ORDER BY r.requested_at DESC, r.id DESC LIMIT 1)
            FROM call_follow_ups f JOIN calls c ON c.id = f.call_id
            WHERE (acting_as_supervisor(p_by, p_supervisor) OR c.operator = acting_operator(p_by))
              AND (p_call IS NULL OR f.call_id = p_call)
              AND (p_call IS NOT NULL OR (f.due_at >= p_since AND f.due_at < p_before))
            ORDER BY f.due_at, f.call_id
        $f$;
        """

    static let migrations: [(name: String, sql: String)] = [
        ("p7-follow-ups", """
        CREATE TABLE call_follow_ups (
            call_id TEXT PRIMARY KEY REFERENCES calls ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('supervisorCallback', 'callerCallsBack')),
            due_at TIMESTAMPTZ NOT NULL,
            set_by TEXT NOT NULL,
            set_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX call_follow_ups_by_due ON call_follow_ups (due_at, call_id);
        CREATE TRIGGER call_follow_ups_changed AFTER INSERT OR UPDATE OR DELETE ON call_follow_ups
            FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

        CREATE FUNCTION set_follow_up(p_call TEXT, p_kind TEXT, p_due TIMESTAMPTZ, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_operator(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM calls WHERE id = p_call AND operator = v_by) THEN
                RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501';
            END IF;
            INSERT INTO call_follow_ups (call_id, kind, due_at, set_by, set_at) VALUES (p_call, p_kind, p_due, v_by, v_at)
            ON CONFLICT (call_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, set_by = excluded.set_by,
                set_at = excluded.set_at;
        END $f$;

        -- The follow-ups the acting operator may see (a supervisor: all), of one call (p_call) or
        -- due in [p_since, p_before), with when the caller called back with their code and the
        -- latest callback's status.
        \(followUpStatuses)

        ALTER TABLE call_follow_ups ENABLE ROW LEVEL SECURITY;
        ALTER TABLE call_follow_ups FORCE ROW LEVEL SECURITY;
        CREATE POLICY engine_functions ON call_follow_ups FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY with_their_call ON call_follow_ups FOR SELECT TO ecoute_psychologist, ecoute_trainer, ecoute_supervisor
            USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        REVOKE ALL ON call_follow_ups FROM PUBLIC;
        GRANT SELECT ON call_follow_ups TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        REVOKE ALL ON FUNCTION set_follow_up(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ, TEXT),
            follow_up_statuses(TEXT, TIMESTAMPTZ, TIMESTAMPTZ, TEXT, BOOLEAN) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION set_follow_up(TEXT, TEXT, TIMESTAMPTZ, TIMESTAMPTZ, TEXT),
            follow_up_statuses(TEXT, TIMESTAMPTZ, TIMESTAMPTZ, TEXT, BOOLEAN) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
    ]
}
