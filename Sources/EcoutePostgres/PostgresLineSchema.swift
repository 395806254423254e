/// The lines the platform answers, on the platform database (migration `p7-call-line`, appended
/// to `PostgresSchema.migrations`). What the engine enforces:
/// - every call has its line: a row of `call_lines` beside the call (none: the health
///   professionals' `sante`, every earlier call's), written by the console through
///   `write_call_line` in the call's transaction, as its motifs; `calls` keeps its shape, so an
///   older console keeps saving while the migration is applied;
/// - `supervisor_lines` says which lines a supervisor's role supervises; it is written only by
///   `assign_line` / `unassign_line`, which no application role may run (the administrator's
///   `ecoute admin lines`);
/// - a supervisor reads the calls of the lines assigned to it — **all lines while it has no
///   assignment** (what every supervisor saw before lines; docs/operations.md) — and, as before,
///   its own calls; alerts, seals and callback requests follow their call;
/// - the engine's functions that act on another's call for a supervisor (`supervise`,
///   `take_alert`, `act_on_callback`, `read_callback_number`) are held to the same lines by
///   triggers on the rows they change or the audit entry they write (erasing and expiring numbers
///   stay every role's duty); assignments are keyed on `session_user`, so `SET ROLE ecoute_supervisor` does not
///   widen them.
enum PostgresLineSchema {
    static let protectedTables = ["supervisor_lines", "call_lines"]

    static let migrations: [(name: String, sql: String)] = [
        ("p7-call-line", """
        -- The line of each call, beside it as its motifs are: `calls` keeps its shape, so a console
        -- still on the version before, which sends its whole `calls` row to write_call, keeps
        -- saving while this migration is applied (its calls are on the health line: no row here).
        CREATE TABLE call_lines (
            call_id TEXT PRIMARY KEY REFERENCES calls ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            line TEXT NOT NULL CHECK (line ~ '^[A-Za-z0-9_-]{1,32}$'),
            line_category TEXT CHECK (line_category ~ '^[A-Za-z0-9_-]{1,32}$')
        );
        ALTER TABLE call_lines ENABLE ROW LEVEL SECURITY;
        ALTER TABLE call_lines FORCE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_lines FOR SELECT USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        CREATE POLICY engine_functions ON call_lines FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        GRANT SELECT ON call_lines TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        CREATE TRIGGER saved_call_lines_are_kept BEFORE INSERT OR UPDATE OR DELETE ON call_lines
            FOR EACH ROW EXECUTE FUNCTION keep_saved_call_parts();

        -- A console's line of its own unsaved call (the health line's calls need no row).
        CREATE FUNCTION write_call_line(p_call TEXT, p_operator TEXT, p_line TEXT, p_category TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_operator TEXT := acting_operator(p_operator);
            v_old calls;
        BEGIN
            IF p_call IS NULL THEN RAISE EXCEPTION 'a line needs its call' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_old FROM calls WHERE id = p_call FOR UPDATE;
            IF FOUND THEN
                IF v_old.operator <> v_operator THEN RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501'; END IF;
                IF v_old.phase IN ('saved', 'closed') AND NOT engine_administrator() THEN
                    RAISE EXCEPTION 'call % is saved: only a supervisor''s correction changes it', p_call USING ERRCODE = '42501';
                END IF;
            END IF;
            IF p_line = 'sante' AND p_category IS NULL THEN
                DELETE FROM call_lines WHERE call_id = p_call;
            ELSE
                INSERT INTO call_lines (call_id, line, line_category) VALUES (p_call, p_line, p_category)
                ON CONFLICT (call_id) DO UPDATE SET line = excluded.line, line_category = excluded.line_category;
            END IF;
        END $f$;
        REVOKE ALL ON FUNCTION write_call_line(TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION write_call_line(TEXT, TEXT, TEXT, TEXT) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;

        -- A call's line, for the policies and triggers below (as the engine reads it, whatever
        -- the row security of the one asking); a call with no row is on the health line.
        CREATE FUNCTION line_of_call(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT coalesce((SELECT l.line FROM call_lines l WHERE l.call_id = p_call), 'sante')
        $f$;
        REVOKE ALL ON FUNCTION line_of_call(TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION line_of_call(TEXT) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;

        CREATE TABLE supervisor_lines (
            supervisor TEXT NOT NULL,
            line TEXT NOT NULL CHECK (line ~ '^[A-Za-z0-9_-]{1,32}$'),
            assigned_by TEXT NOT NULL DEFAULT session_user,
            assigned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (supervisor, line)
        );
        ALTER TABLE supervisor_lines ENABLE ROW LEVEL SECURITY;
        ALTER TABLE supervisor_lines FORCE ROW LEVEL SECURITY;
        CREATE POLICY engine_functions ON supervisor_lines FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY own_assignments ON supervisor_lines FOR SELECT TO ecoute_supervisor USING (supervisor = session_user);
        REVOKE ALL ON supervisor_lines FROM PUBLIC;
        GRANT SELECT ON supervisor_lines TO ecoute_supervisor;

        -- Whether p_role sees calls of p_line as a supervisor: assigned to it, or assigned to none.
        CREATE FUNCTION supervises_line(p_role TEXT, p_line TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT pg_has_role(p_role, 'ecoute_supervisor', 'MEMBER')
               AND (NOT EXISTS (SELECT 1 FROM supervisor_lines s WHERE s.supervisor = p_role)
                    OR EXISTS (SELECT 1 FROM supervisor_lines s WHERE s.supervisor = p_role AND s.line = p_line))
        $f$;

        -- Supervisors read the calls of their lines (their own calls through own_calls, as before).
        DROP POLICY supervisors_read_calls ON calls;
        CREATE POLICY supervisors_read_calls ON calls FOR SELECT TO ecoute_supervisor
            USING (NOT EXISTS (SELECT 1 FROM supervisor_lines s WHERE s.supervisor = session_user)
                   OR line_of_call(id) IN (SELECT s.line FROM supervisor_lines s WHERE s.supervisor = session_user));
        -- What was readable whatever the call now follows its call.
        DROP POLICY supervisors_take_alerts ON alerts;
        CREATE POLICY supervisors_take_alerts ON alerts FOR ALL TO ecoute_supervisor
            USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id)) WITH CHECK (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        DROP POLICY supervisors_read_seals ON call_seals;
        CREATE POLICY supervisors_read_seals ON call_seals FOR SELECT TO ecoute_supervisor
            USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        DROP POLICY supervisors_read_requests ON callback_requests;
        CREATE POLICY supervisors_read_requests ON callback_requests FOR SELECT TO ecoute_supervisor
            USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));

        -- The engine's functions run as ecoute_admin and see every row: what they change for a
        -- supervisor (a correction, a reassignment, an alert taken, a callback acted on) must be of
        -- its lines. A psychologist's own call, the administrator's tools and a superuser pass.
        CREATE FUNCTION keep_to_supervised_lines() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_line TEXT; v_operator TEXT;
        BEGIN
            IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) OR session_user = 'ecoute_admin'
               OR NOT pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER') THEN
                RETURN NEW;
            END IF;
            IF TG_TABLE_NAME = 'calls' THEN
                v_line := line_of_call(OLD.id); v_operator := OLD.operator;
            ELSIF TG_TABLE_NAME = 'alerts' THEN
                SELECT line_of_call(c.id), c.operator INTO v_line, v_operator FROM calls c WHERE c.id = OLD.call_id;
            ELSIF TG_TABLE_NAME = 'callback_requests' THEN
                -- Erasing a number and expiring a request past the line's limit are every console's
                -- and board's duty, whatever the line.
                IF NEW.status = 'expired' OR (NEW.status = OLD.status AND NEW.attempts = OLD.attempts) THEN RETURN NEW; END IF;
                SELECT line_of_call(c.id), c.operator INTO v_line, v_operator FROM calls c WHERE c.id = OLD.call_id;
            ELSE
                -- callback_audit: reading a number is written there first.
                IF NEW.event <> 'numberRead' THEN RETURN NEW; END IF;
                SELECT line_of_call(c.id), c.operator INTO v_line, v_operator
                FROM callback_requests r JOIN calls c ON c.id = r.call_id WHERE r.id = NEW.request_id;
            END IF;
            IF v_operator IS DISTINCT FROM session_user AND NOT supervises_line(session_user, v_line) THEN
                RAISE EXCEPTION '% does not supervise line %', session_user, v_line USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
        END $f$;
        CREATE TRIGGER calls_kept_to_supervised_lines BEFORE UPDATE ON calls
            FOR EACH ROW EXECUTE FUNCTION keep_to_supervised_lines();
        CREATE TRIGGER alerts_kept_to_supervised_lines BEFORE UPDATE ON alerts
            FOR EACH ROW EXECUTE FUNCTION keep_to_supervised_lines();
        CREATE TRIGGER callbacks_kept_to_supervised_lines BEFORE UPDATE ON callback_requests
            FOR EACH ROW EXECUTE FUNCTION keep_to_supervised_lines();
        CREATE TRIGGER callback_numbers_read_on_supervised_lines BEFORE INSERT ON callback_audit
            FOR EACH ROW EXECUTE FUNCTION keep_to_supervised_lines();
        DROP POLICY supervisors_read_audit ON callback_audit;
        CREATE POLICY supervisors_read_audit ON callback_audit FOR SELECT TO ecoute_supervisor
            USING (EXISTS (SELECT 1 FROM callback_requests r WHERE r.id = request_id));

        -- A supervisor's board re-raises the open alerts of its lines (a psychologist's console,
        -- every open alert, as before).
        CREATE OR REPLACE FUNCTION open_alerts() RETURNS SETOF alerts LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT a.* FROM alerts a JOIN calls c ON c.id = a.call_id
            WHERE a.taken_at IS NULL
              AND (a.mistake_marked_at IS NULL OR a.operator = session_user OR pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER')
                   OR engine_administrator())
              AND (NOT pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER') OR a.operator = session_user
                   OR supervises_line(session_user, line_of_call(c.id)) OR engine_administrator())
            ORDER BY a.raised_at, a.id
        $f$;

        -- The administrator's assignments (ecoute admin lines): no application role runs these.
        CREATE FUNCTION assign_line(p_supervisor TEXT, p_line TEXT) RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_supervisor) OR NOT pg_has_role(p_supervisor, 'ecoute_supervisor', 'MEMBER') THEN
                RAISE EXCEPTION '% is not a supervisor''s role', p_supervisor USING ERRCODE = '22023';
            END IF;
            INSERT INTO supervisor_lines (supervisor, line) VALUES (p_supervisor, p_line) ON CONFLICT DO NOTHING;
        END $f$;
        CREATE FUNCTION unassign_line(p_supervisor TEXT, p_line TEXT) RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_count INTEGER;
        BEGIN
            DELETE FROM supervisor_lines WHERE supervisor = p_supervisor AND line = p_line;
            GET DIAGNOSTICS v_count = ROW_COUNT;
            RETURN v_count;
        END $f$;
        REVOKE ALL ON FUNCTION supervises_line(TEXT, TEXT), keep_to_supervised_lines(), assign_line(TEXT, TEXT),
            unassign_line(TEXT, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION supervises_line(TEXT, TEXT), keep_to_supervised_lines() TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
    ]
}
