/// The caller codes on the platform database (migration `p7-caller-code`, appended to
/// `PostgresSchema.migrations`). What the engine enforces:
/// - `caller_codes` is written only through `attach_caller_code` (the call's own psychologist);
///   row-level security shows an operator the codes of the calls it sees (its own; a supervisor
///   all), so a psychologist's psql finds no other psychologist's call by a code;
/// - a caller's history (other psychologists' calls included) is read only through
///   `read_caller_history`, as the console does: for a call the reader holds and that carries the
///   code (a supervisor: any), notes only for who wrote them or a supervisor, each read written
///   to `caller_history_reads` in the same transaction;
/// - `caller_code_figures` gives counts only (the activity report's repeat calls);
/// - `caller_history_reads` is append-only for its owner too, readable by supervisors.
enum PostgresCallerCodeSchema {
    static let protectedTables = ["caller_codes", "caller_history_reads"]

    static let migrations: [(name: String, sql: String)] = [
        ("p7-caller-code", """
        CREATE TABLE caller_codes (
            call_id TEXT PRIMARY KEY REFERENCES calls ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (code ~ '^[2-9A-HJKMNP-Z]{7}$'),
            issued BOOLEAN NOT NULL,
            attached_by TEXT NOT NULL,
            attached_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX caller_codes_by_code ON caller_codes (code, call_id);
        CREATE TABLE caller_history_reads (
            id BIGSERIAL PRIMARY KEY,
            code TEXT NOT NULL,
            for_call TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL,
            by TEXT NOT NULL,
            calls_shown INTEGER NOT NULL,
            written_by TEXT NOT NULL DEFAULT session_user
        );
        CREATE INDEX caller_history_reads_by_time ON caller_history_reads (at, id);
        CREATE FUNCTION refuse_caller_history_audit_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN RAISE EXCEPTION 'the caller history audit is append-only' USING ERRCODE = '42501'; END $f$;
        CREATE TRIGGER caller_history_reads_append_only BEFORE UPDATE OR DELETE ON caller_history_reads
            FOR EACH ROW EXECUTE FUNCTION refuse_caller_history_audit_change();
        CREATE TRIGGER caller_history_reads_never_truncated BEFORE TRUNCATE ON caller_history_reads
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_caller_history_audit_change();

        -- Whether the acting operator reads as a supervisor: a member of ecoute_supervisor; the
        -- administrator's tools as they say (p_supervisor), else as the operator they name is
        -- registered. Anyone else's p_supervisor is ignored.
        CREATE FUNCTION acting_as_supervisor(p_by TEXT, p_supervisor BOOLEAN) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT CASE WHEN engine_administrator()
                        THEN coalesce(p_supervisor, (SELECT role = 'supervisor' FROM operators WHERE name = p_by), false)
                        ELSE pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER') END
        $f$;

        -- The call's own psychologist attaches a code (given at this call, or said by the caller).
        CREATE FUNCTION attach_caller_code(p_call TEXT, p_code TEXT, p_issued BOOLEAN, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_operator(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM calls WHERE id = p_call AND operator = v_by) THEN
                RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501';
            END IF;
            IF coalesce(p_code, '') !~ '^[2-9A-HJKMNP-Z]{7}$' THEN
                RAISE EXCEPTION 'not a caller code: %', p_code USING ERRCODE = '22023';
            END IF;
            INSERT INTO caller_codes (call_id, code, issued, attached_by, attached_at) VALUES (p_call, p_code, p_issued, v_by, v_at)
            ON CONFLICT (call_id) DO UPDATE SET code = excluded.code, issued = excluded.issued,
                attached_by = excluded.attached_by, attached_at = excluded.attached_at;
        END $f$;

        -- A caller's other saved calls with a code, for a call the reader holds that carries it (a
        -- supervisor: any call); notes only for who wrote them or a supervisor; the read is audited.
        CREATE FUNCTION read_caller_history(p_code TEXT, p_call TEXT, p_at TIMESTAMPTZ, p_by TEXT, p_supervisor BOOLEAN)
        RETURNS TABLE (h_id TEXT, h_picked_up_at TIMESTAMPTZ, h_ended_at TIMESTAMPTZ, h_level INTEGER, h_operator TEXT,
                       h_on_shift BOOLEAN, h_follow_up TEXT, h_notes TEXT, h_motifs TEXT, h_referrals TEXT)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_operator(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
            v_supervisor BOOLEAN := acting_as_supervisor(p_by, p_supervisor);
            v_shown INTEGER;
        BEGIN
            IF NOT v_supervisor AND NOT EXISTS (SELECT 1 FROM calls c JOIN caller_codes k ON k.call_id = c.id
                                                WHERE c.id = p_call AND c.operator = v_by AND k.code = p_code) THEN
                RAISE EXCEPTION 'call % is not yours or does not carry that code', p_call USING ERRCODE = '42501';
            END IF;
            RETURN QUERY
                SELECT c.id, c.picked_up_at, c.ended_at, c.level, c.operator,
                    EXISTS (SELECT 1 FROM shifts s WHERE s.operator = c.operator AND s.ended_at IS NULL
                            AND now() - greatest(s.started_at, coalesce(
                                (SELECT max(p.heartbeat_at) FROM console_presence p WHERE p.shift_id = s.id),
                                (SELECT max(sc.updated_at) FROM calls sc WHERE sc.shift_id = s.id), s.started_at)) < interval '20 seconds'),
                    c.follow_up,
                    CASE WHEN v_supervisor OR c.operator = v_by THEN c.notes END,
                    (SELECT string_agg(m.motif, ',' ORDER BY m.position) FROM call_motifs m WHERE m.call_id = c.id),
                    (SELECT string_agg(r.kind || ':' || r.name, E'\\n' ORDER BY r.position) FROM call_referrals r
                     WHERE r.call_id = c.id AND r.status = 'given')
                FROM caller_codes k JOIN calls c ON c.id = k.call_id
                WHERE k.code = p_code AND c.id <> p_call AND c.phase = 'saved'
                ORDER BY c.picked_up_at, c.id;
            GET DIAGNOSTICS v_shown = ROW_COUNT;
            INSERT INTO caller_history_reads (code, for_call, at, by, calls_shown) VALUES (p_code, p_call, v_at, v_by, v_shown);
        END $f$;

        -- Codes issued, calls with a code, repeat calls (an earlier saved call had the code) among the
        -- saved calls of [p_from, p_to) the acting operator may see: counts only.
        CREATE FUNCTION caller_code_figures(p_from TIMESTAMPTZ, p_to TIMESTAMPTZ, p_by TEXT, p_supervisor BOOLEAN)
        RETURNS TABLE (f_issued INTEGER, f_with_code INTEGER, f_repeat INTEGER)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
            SELECT coalesce(sum(CASE WHEN k.issued THEN 1 ELSE 0 END), 0)::integer, count(*)::integer,
                coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM caller_codes e JOIN calls ec ON ec.id = e.call_id
                    WHERE e.code = k.code AND ec.phase = 'saved'
                      AND (ec.picked_up_at < c.picked_up_at OR (ec.picked_up_at = c.picked_up_at AND ec.id < c.id))) THEN 1 ELSE 0 END), 0)::integer
            FROM caller_codes k JOIN calls c ON c.id = k.call_id
            WHERE c.phase = 'saved' AND c.picked_up_at >= p_from AND c.picked_up_at < p_to
              AND (acting_as_supervisor(p_by, p_supervisor) OR c.operator = acting_operator(p_by))
        $f$;

        ALTER TABLE caller_codes ENABLE ROW LEVEL SECURITY;
        ALTER TABLE caller_codes FORCE ROW LEVEL SECURITY;
        ALTER TABLE caller_history_reads ENABLE ROW LEVEL SECURITY;
        ALTER TABLE caller_history_reads FORCE ROW LEVEL SECURITY;
        CREATE POLICY engine_functions ON caller_codes FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON caller_history_reads FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        -- A code is visible exactly when its call is (the subquery is itself filtered).
        CREATE POLICY with_their_call ON caller_codes FOR SELECT TO ecoute_psychologist, ecoute_trainer, ecoute_supervisor
            USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        CREATE POLICY supervisors_read_history_reads ON caller_history_reads FOR SELECT TO ecoute_supervisor USING (true);

        REVOKE ALL ON caller_codes, caller_history_reads FROM PUBLIC;
        GRANT SELECT ON caller_codes TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT SELECT ON caller_history_reads TO ecoute_supervisor;
        REVOKE ALL ON FUNCTION acting_as_supervisor(TEXT, BOOLEAN), attach_caller_code(TEXT, TEXT, BOOLEAN, TIMESTAMPTZ, TEXT),
            read_caller_history(TEXT, TEXT, TIMESTAMPTZ, TEXT, BOOLEAN), caller_code_figures(TIMESTAMPTZ, TIMESTAMPTZ, TEXT, BOOLEAN),
            refuse_caller_history_audit_change() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION acting_as_supervisor(TEXT, BOOLEAN), attach_caller_code(TEXT, TEXT, BOOLEAN, TIMESTAMPTZ, TEXT),
            read_caller_history(TEXT, TEXT, TIMESTAMPTZ, TEXT, BOOLEAN), caller_code_figures(TIMESTAMPTZ, TIMESTAMPTZ, TEXT, BOOLEAN),
            refuse_caller_history_audit_change() TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
    ]
}
