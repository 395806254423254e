/// The callback queue on the platform database (migrations `p6-callback-…`, appended to
/// `PostgresSchema.migrations`). What the engine enforces:
/// - `callback_numbers` has row-level security (forced) with no policy for any application role
///   but the engine's functions, and no table grant to psychologists or trainers: `SELECT digits`
///   from psql is refused to them by privilege, and to supervisors too — a supervisor has a
///   column grant on `request_id` only and reads a number through `read_callback_number`, which
///   writes the audit entry in the same transaction;
/// - requests are written only through `request_callback` (the call's own psychologist, the
///   server's time, the number checked) and `act_on_callback` (a supervisor); a psychologist's
///   role sees only the requests it made;
/// - `erase_expired_callback_numbers` erases by the server's clock and the line's limit; any
///   operator runs it (every console and board start), as `ecoute purge` does;
/// - `callback_audit` is append-only for its owner too.
enum PostgresCallbackSchema {
    static let protectedTables = ["callback_requests", "callback_numbers", "callback_audit"]

    static let migrations: [(name: String, sql: String)] = [
        ("p6-callback-queue", """
        CREATE TABLE callback_requests (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls ON DELETE CASCADE,
            requested_by TEXT NOT NULL,
            motif TEXT NOT NULL CHECK (length(motif) BETWEEN 1 AND 200),
            urgency TEXT NOT NULL CHECK (urgency IN ('now', 'withinHour', 'today')),
            requested_at TIMESTAMPTZ NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'taken', 'calledBack', 'abandoned', 'expired')),
            taken_by TEXT,
            taken_at TIMESTAMPTZ,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_attempt_at TIMESTAMPTZ,
            closed_by TEXT,
            closed_at TIMESTAMPTZ,
            number_erased_at TIMESTAMPTZ
        );
        CREATE INDEX callback_requests_by_time ON callback_requests (requested_at, id);
        CREATE INDEX callback_requests_open ON callback_requests (status, requested_at) WHERE status IN ('waiting', 'taken');
        CREATE INDEX callback_requests_by_call ON callback_requests (call_id);
        CREATE TABLE callback_numbers (
            request_id TEXT PRIMARY KEY REFERENCES callback_requests ON DELETE CASCADE,
            digits TEXT NOT NULL CHECK (digits ~ '^0[1-9][0-9]{8}$')
        );
        CREATE TABLE callback_audit (
            id BIGSERIAL PRIMARY KEY,
            request_id TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL,
            by TEXT NOT NULL,
            event TEXT NOT NULL,
            written_by TEXT NOT NULL DEFAULT session_user
        );
        CREATE INDEX callback_audit_by_request ON callback_audit (request_id, id);
        CREATE FUNCTION refuse_callback_audit_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN RAISE EXCEPTION 'the callback audit is append-only' USING ERRCODE = '42501'; END $f$;
        CREATE TRIGGER callback_audit_is_append_only BEFORE UPDATE OR DELETE ON callback_audit
            FOR EACH ROW EXECUTE FUNCTION refuse_callback_audit_change();
        CREATE TRIGGER callback_audit_is_never_truncated BEFORE TRUNCATE ON callback_audit
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_callback_audit_change();
        CREATE TRIGGER callback_requests_changed AFTER INSERT OR UPDATE OR DELETE ON callback_requests
            FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

        -- How long a number is kept: the line's setting (hours, 1 to 72), else 72 h.
        CREATE FUNCTION callback_number_limit() RETURNS INTERVAL LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT make_interval(hours => coalesce((SELECT value::integer FROM line_settings WHERE key = 'callback_number_hours'), 72))
        $f$;

        -- A psychologist asks for a callback on their own call; the number is checked here again.
        CREATE FUNCTION request_callback(p_id TEXT, p_call TEXT, p_motif TEXT, p_urgency TEXT, p_digits TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_operator(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM calls WHERE id = p_call AND (operator = v_by OR engine_administrator())) THEN
                RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501';
            END IF;
            IF coalesce(p_digits, '') !~ '^0[1-9][0-9]{8}$' THEN
                RAISE EXCEPTION 'the callback number is not a French number' USING ERRCODE = '22023';
            END IF;
            IF coalesce(btrim(p_motif), '') = '' THEN RAISE EXCEPTION 'a callback request needs a motif' USING ERRCODE = '22023'; END IF;
            INSERT INTO callback_requests (id, call_id, requested_by, motif, urgency, requested_at, status)
                VALUES (p_id, p_call, v_by, btrim(p_motif), p_urgency, v_at, 'waiting');
            INSERT INTO callback_numbers (request_id, digits) VALUES (p_id, p_digits);
            INSERT INTO callback_audit (request_id, at, by, event) VALUES (p_id, v_at, v_by, 'requested');
        END $f$;

        -- A supervisor reads a number: audited in the same transaction. NULL once erased.
        CREATE FUNCTION read_callback_number(p_id TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_supervisor(p_by);
            v_digits TEXT;
        BEGIN
            SELECT digits INTO v_digits FROM callback_numbers WHERE request_id = p_id;
            IF FOUND THEN
                INSERT INTO callback_audit (request_id, at, by, event) VALUES (p_id, act_time(p_at), v_by, 'numberRead');
            END IF;
            RETURN v_digits;
        END $f$;

        -- A number erased, with its audit entry.
        CREATE FUNCTION erase_callback_number(p_id TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            DELETE FROM callback_numbers WHERE request_id = p_id;
            IF FOUND THEN
                UPDATE callback_requests SET number_erased_at = p_at WHERE id = p_id;
                INSERT INTO callback_audit (request_id, at, by, event) VALUES (p_id, p_at, p_by, 'numberErased');
            END IF;
        END $f$;

        -- A supervisor acts on a request (CallbackLifecycle's rules). Returns '' when done, else
        -- why not: unknown, closed, alreadyTaken, notTaken.
        CREATE FUNCTION act_on_callback(p_id TEXT, p_action TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_supervisor(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
            v callback_requests;
        BEGIN
            SELECT * INTO v FROM callback_requests WHERE id = p_id FOR UPDATE;
            IF NOT FOUND THEN RETURN 'unknown'; END IF;
            IF v.status IN ('calledBack', 'abandoned', 'expired') THEN RETURN 'closed'; END IF;
            CASE p_action
                WHEN 'take' THEN
                    IF v.status <> 'waiting' THEN RETURN 'alreadyTaken'; END IF;
                    UPDATE callback_requests SET status = 'taken', taken_by = v_by, taken_at = v_at WHERE id = p_id;
                    INSERT INTO callback_audit (request_id, at, by, event) VALUES (p_id, v_at, v_by, 'taken');
                WHEN 'failedAttempt' THEN
                    IF v.status <> 'taken' THEN RETURN 'notTaken'; END IF;
                    UPDATE callback_requests SET attempts = attempts + 1, last_attempt_at = v_at WHERE id = p_id;
                    INSERT INTO callback_audit (request_id, at, by, event) VALUES (p_id, v_at, v_by, 'failedAttempt');
                WHEN 'calledBack', 'abandon' THEN
                    IF p_action = 'calledBack' AND v.status <> 'taken' THEN RETURN 'notTaken'; END IF;
                    UPDATE callback_requests SET status = CASE p_action WHEN 'calledBack' THEN 'calledBack' ELSE 'abandoned' END,
                        closed_by = v_by, closed_at = v_at, number_erased_at = v_at WHERE id = p_id;
                    INSERT INTO callback_audit (request_id, at, by, event)
                        VALUES (p_id, v_at, v_by, CASE p_action WHEN 'calledBack' THEN 'calledBack' ELSE 'abandoned' END);
                    PERFORM erase_callback_number(p_id, v_at, v_by);
                ELSE RAISE EXCEPTION 'action % is not one of the queue''s', p_action USING ERRCODE = '22023';
            END CASE;
            RETURN '';
        END $f$;

        -- Numbers past the line's limit, by the server's clock: erased; their open requests expire.
        CREATE FUNCTION erase_expired_callback_numbers() RETURNS SETOF TEXT LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_id TEXT;
            v_now TIMESTAMPTZ := now();
        BEGIN
            FOR v_id IN SELECT r.id FROM callback_numbers n JOIN callback_requests r ON r.id = n.request_id
                        WHERE r.requested_at <= v_now - callback_number_limit() ORDER BY r.requested_at, r.id FOR UPDATE OF r LOOP
                UPDATE callback_requests SET status = 'expired', closed_by = 'system', closed_at = v_now
                    WHERE id = v_id AND status IN ('waiting', 'taken');
                IF FOUND THEN
                    INSERT INTO callback_audit (request_id, at, by, event) VALUES (v_id, v_now, 'system', 'expired');
                END IF;
                PERFORM erase_callback_number(v_id, v_now, 'system');
                RETURN NEXT v_id;
            END LOOP;
        END $f$;

        CREATE FUNCTION callback_numbers_past_limit() RETURNS INTEGER LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT count(*)::integer FROM callback_numbers n JOIN callback_requests r ON r.id = n.request_id
            WHERE r.requested_at <= now() - callback_number_limit()
        $f$;

        -- The line's settings: the notes' retention (days) and the callback numbers' limit (hours, 1–72).
        CREATE OR REPLACE FUNCTION set_line_setting(p_key TEXT, p_value TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_by TEXT := acting_supervisor(p_by);
        BEGIN
            IF NOT ((p_key = 'notes_retention_days' AND p_value ~ '^[1-9][0-9]{0,5}$')
                    OR (p_key = 'callback_number_hours' AND p_value ~ '^[1-9][0-9]?$' AND p_value::integer <= 72)) THEN
                RAISE EXCEPTION 'setting % = % is not one of the line''s', p_key, p_value USING ERRCODE = '22023';
            END IF;
            INSERT INTO line_settings (key, value, set_by, set_at) VALUES (p_key, p_value, v_by, act_time(p_at))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at;
        END $f$;

        ALTER TABLE callback_requests ENABLE ROW LEVEL SECURITY;
        ALTER TABLE callback_requests FORCE ROW LEVEL SECURITY;
        ALTER TABLE callback_numbers ENABLE ROW LEVEL SECURITY;
        ALTER TABLE callback_numbers FORCE ROW LEVEL SECURITY;
        ALTER TABLE callback_audit ENABLE ROW LEVEL SECURITY;
        ALTER TABLE callback_audit FORCE ROW LEVEL SECURITY;
        CREATE POLICY engine_functions ON callback_requests FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON callback_numbers FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON callback_audit FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY own_requests ON callback_requests FOR SELECT TO ecoute_psychologist, ecoute_trainer, ecoute_supervisor
            USING (requested_by = current_user);
        CREATE POLICY supervisors_read_requests ON callback_requests FOR SELECT TO ecoute_supervisor USING (true);
        CREATE POLICY supervisors_see_which_hold_one ON callback_numbers FOR SELECT TO ecoute_supervisor USING (true);
        CREATE POLICY supervisors_read_audit ON callback_audit FOR SELECT TO ecoute_supervisor USING (true);

        REVOKE ALL ON callback_requests, callback_numbers, callback_audit FROM PUBLIC;
        GRANT SELECT ON callback_requests TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        -- Which requests still hold a number; never the digits (read_callback_number, audited).
        GRANT SELECT (request_id) ON callback_numbers TO ecoute_supervisor;
        GRANT SELECT ON callback_audit TO ecoute_supervisor;
        REVOKE ALL ON FUNCTION callback_number_limit(), request_callback(TEXT, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT),
            read_callback_number(TEXT, TIMESTAMPTZ, TEXT), erase_callback_number(TEXT, TIMESTAMPTZ, TEXT),
            act_on_callback(TEXT, TEXT, TIMESTAMPTZ, TEXT), erase_expired_callback_numbers(), callback_numbers_past_limit(),
            set_line_setting(TEXT, TEXT, TIMESTAMPTZ, TEXT), refuse_callback_audit_change() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION request_callback(TEXT, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT), erase_expired_callback_numbers(),
            callback_numbers_past_limit(), callback_number_limit(), refuse_callback_audit_change()
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT EXECUTE ON FUNCTION read_callback_number(TEXT, TIMESTAMPTZ, TEXT), act_on_callback(TEXT, TEXT, TIMESTAMPTZ, TEXT),
            set_line_setting(TEXT, TEXT, TIMESTAMPTZ, TEXT) TO ecoute_supervisor;
        """),
    ]
}
