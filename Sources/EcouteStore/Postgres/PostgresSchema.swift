import Foundation

/// The platform database's schema, roles and policies, as named, ordered migrations (like the
/// SQLite ones: never edit a shipped migration, add one). Applied by `ecoute admin init`, run by a
/// role that may create roles (the `postgres` superuser, or a CREATEROLE owner): everything is
/// created owned by `ecoute_admin`, a role nobody logs in as.
///
/// Access is decided by the engine, not by the program:
/// - `ecoute_psychologist` and `ecoute_trainer` members read and write only their own calls,
///   shifts, alerts and presence (row-level security on `operator = current_user`), also from `psql`;
/// - `ecoute_supervisor` members read everything, and change a saved or unfinished call only
///   through `ecoute.supervise(…)`, which writes the audit entry in the same transaction;
/// - the audit log takes no UPDATE or DELETE from any application role (and a trigger refuses
///   them from its owner too); a saved call takes no UPDATE outside `ecoute.supervise`.
enum PostgresSchema {
    /// The application's group roles; an operator is a LOGIN role member of one of them.
    static let groupRoles: [(role: String, operatorRole: String)] = [
        ("ecoute_psychologist", "psychologist"), ("ecoute_supervisor", "supervisor"), ("ecoute_trainer", "trainer"),
    ]

    /// Created before the migrations, once per cluster (roles are shared by its databases).
    static let roles = """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecoute_admin') THEN CREATE ROLE ecoute_admin NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecoute_psychologist') THEN CREATE ROLE ecoute_psychologist NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecoute_supervisor') THEN CREATE ROLE ecoute_supervisor NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecoute_trainer') THEN CREATE ROLE ecoute_trainer NOLOGIN; END IF;
        END $$;
        """

    static let migrations: [(name: String, sql: String)] = [
        ("p1-platform", """
        CREATE TABLE operators (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('psychologist', 'supervisor', 'trainer')),
            system_user TEXT UNIQUE,
            phone TEXT,
            created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE shifts (
            id TEXT PRIMARY KEY,
            operator TEXT NOT NULL,
            started_at TIMESTAMPTZ NOT NULL,
            ended_at TIMESTAMPTZ
        );
        CREATE INDEX shifts_by_operator ON shifts (operator, started_at);
        CREATE TABLE calls (
            id TEXT PRIMARY KEY,
            operator TEXT NOT NULL,
            phase TEXT NOT NULL,
            phase_before_emergency TEXT,
            picked_up_at TIMESTAMPTZ NOT NULL,
            ended_at TIMESTAMPTZ,
            end_reason TEXT,
            caller_category TEXT,
            profession TEXT,
            status TEXT,
            sector TEXT,
            departement TEXT,
            repeat_caller BOOLEAN,
            level INTEGER,
            addiction BOOLEAN NOT NULL DEFAULT false,
            hospitalisation BOOLEAN NOT NULL DEFAULT false,
            notes TEXT NOT NULL DEFAULT '',
            follow_up TEXT,
            emergency_opened_at TIMESTAMPTZ,
            emergency_services_called_at TIMESTAMPTZ,
            supervisor_called_at TIMESTAMPTZ,
            caller_kept_on_line_at TIMESTAMPTZ,
            emergency_services_skipped TEXT,
            supervisor_skipped TEXT,
            caller_kept_on_line_skipped TEXT,
            updated_at TIMESTAMPTZ NOT NULL,
            saved_at TIMESTAMPTZ,
            shift_id TEXT REFERENCES shifts
        );
        CREATE INDEX calls_by_time ON calls (picked_up_at, id);
        CREATE INDEX calls_by_operator_time ON calls (operator, picked_up_at, id);
        CREATE INDEX calls_by_shift ON calls (shift_id);
        CREATE INDEX calls_by_phase ON calls (phase, picked_up_at, id);
        CREATE TABLE call_referrals (
            call_id TEXT NOT NULL REFERENCES calls ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            entry_id BIGINT,
            name TEXT NOT NULL,
            contact TEXT NOT NULL,
            tier INTEGER NOT NULL,
            status TEXT NOT NULL,
            origin TEXT NOT NULL,
            PRIMARY KEY (call_id, position)
        );
        CREATE TABLE call_referral_gaps (
            call_id TEXT NOT NULL REFERENCES calls ON DELETE CASCADE,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (call_id, kind)
        );
        CREATE TABLE call_leases (
            call_id TEXT PRIMARY KEY REFERENCES calls ON DELETE CASCADE,
            console TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            operator TEXT NOT NULL,
            heartbeat_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX call_leases_by_console ON call_leases (console);
        CREATE TABLE call_takeovers (
            id BIGSERIAL PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls ON DELETE CASCADE,
            at TIMESTAMPTZ NOT NULL,
            by_console TEXT NOT NULL,
            by_host TEXT NOT NULL,
            by_pid INTEGER NOT NULL,
            by_operator TEXT NOT NULL,
            from_console TEXT,
            from_host TEXT,
            from_pid INTEGER,
            from_operator TEXT,
            from_heartbeat_at TIMESTAMPTZ
        );
        CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls ON DELETE CASCADE,
            operator TEXT NOT NULL,
            departement TEXT,
            level INTEGER NOT NULL,
            reason TEXT NOT NULL,
            call_elapsed DOUBLE PRECISION NOT NULL,
            raised_at TIMESTAMPTZ NOT NULL,
            taken_by TEXT,
            taken_at TIMESTAMPTZ
        );
        CREATE UNIQUE INDEX alerts_one_open_per_call ON alerts (call_id) WHERE taken_at IS NULL;
        CREATE INDEX alerts_by_time ON alerts (raised_at);
        CREATE TABLE console_presence (
            console TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            operator TEXT NOT NULL,
            shift_id TEXT,
            activity TEXT NOT NULL,
            call_id TEXT,
            call_started_at TIMESTAMPTZ,
            level INTEGER,
            heartbeat_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE audit_log (
            id BIGSERIAL PRIMARY KEY,
            call_id TEXT NOT NULL REFERENCES calls,
            at TIMESTAMPTZ NOT NULL,
            by TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            reason TEXT NOT NULL,
            written_by TEXT NOT NULL DEFAULT session_user,
            written_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
        );
        CREATE INDEX audit_by_call ON audit_log (call_id, at);
        CREATE TABLE line_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE directory_rotation (
            source TEXT NOT NULL,
            source_id TEXT NOT NULL,
            last_given_at TIMESTAMPTZ NOT NULL,
            times_given INTEGER NOT NULL DEFAULT 0,
            changed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (source, source_id)
        );
        CREATE INDEX directory_rotation_by_change ON directory_rotation (changed_at);

        -- The audit log is append-only, for its owner too.
        CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '42501'; END $f$;
        CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION refuse_change();
        CREATE TRIGGER audit_log_is_never_truncated BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

        -- A saved or closed call changes only through ecoute.supervise (which runs as ecoute_admin).
        CREATE FUNCTION keep_saved_calls() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF OLD.phase IN ('saved', 'closed') AND current_user <> 'ecoute_admin' THEN
                RAISE EXCEPTION 'call % is saved: only a supervisor''s correction changes it', OLD.id USING ERRCODE = '42501';
            END IF;
            IF TG_OP = 'DELETE' AND current_user <> 'ecoute_admin' THEN
                RAISE EXCEPTION 'calls are never deleted' USING ERRCODE = '42501';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $f$;
        CREATE TRIGGER saved_calls_are_kept BEFORE UPDATE OR DELETE ON calls
            FOR EACH ROW EXECUTE FUNCTION keep_saved_calls();

        -- Every change to the shared data wakes the consoles and boards (LISTEN ecoute_changes).
        CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN PERFORM pg_notify('ecoute_changes', TG_TABLE_NAME); RETURN NULL; END $f$;
        CREATE TRIGGER calls_changed AFTER INSERT OR UPDATE OR DELETE ON calls FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
        CREATE TRIGGER alerts_changed AFTER INSERT OR UPDATE OR DELETE ON alerts FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
        CREATE TRIGGER presence_changed AFTER INSERT OR UPDATE OR DELETE ON console_presence FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
        CREATE TRIGGER shifts_changed AFTER INSERT OR UPDATE OR DELETE ON shifts FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

        -- Who may act as a supervisor: a member of ecoute_supervisor, as themself; a superuser (the
        -- administrator's tools) as the supervisor it names.
        CREATE FUNCTION acting_supervisor(p_named TEXT) RETURNS TEXT LANGUAGE plpgsql STABLE AS $f$
        BEGIN
            IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN RETURN p_named; END IF;
            IF pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER') THEN RETURN session_user; END IF;
            RAISE EXCEPTION '% is not a supervisor', session_user USING ERRCODE = '42501';
        END $f$;

        -- A supervisor's change to a call, and its audit entry, in one transaction. p_saved: the call
        -- must be saved (a correction) or else unfinished (closing, reassigning). The value is
        -- written only if the field still holds p_expected (two supervisors never overwrite each other).
        CREATE FUNCTION supervise(p_call TEXT, p_field TEXT, p_expected TEXT, p_value TEXT, p_old_shown TEXT, p_new_shown TEXT,
                                  p_reason TEXT, p_at TIMESTAMPTZ, p_by TEXT, p_saved BOOLEAN)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_supervisor(p_by);
            v_call calls;
            v_current TEXT;
        BEGIN
            IF coalesce(btrim(p_reason), '') = '' THEN RAISE EXCEPTION 'a change needs a reason' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_call FROM calls WHERE id = p_call FOR UPDATE;
            IF NOT FOUND THEN RAISE EXCEPTION 'no call %', p_call USING ERRCODE = '22023'; END IF;
            IF p_saved AND v_call.phase <> 'saved' THEN
                RAISE EXCEPTION 'call % is not saved yet', p_call USING ERRCODE = '22023';
            END IF;
            IF NOT p_saved AND v_call.phase IN ('saved', 'closed') THEN
                RAISE EXCEPTION 'call % is not unfinished (%)', p_call, v_call.phase USING ERRCODE = '22023';
            END IF;
            v_current := CASE p_field
                WHEN 'level' THEN v_call.level::text
                WHEN 'addiction' THEN v_call.addiction::text
                WHEN 'hospitalisation' THEN v_call.hospitalisation::text
                WHEN 'notes' THEN v_call.notes
                WHEN 'phase' THEN v_call.phase
                WHEN 'operator' THEN v_call.operator
            END;
            IF v_current IS DISTINCT FROM p_expected THEN
                RAISE EXCEPTION 'call % changed meanwhile (%): read it again', p_call, p_field USING ERRCODE = '40001';
            END IF;
            CASE p_field
                WHEN 'level' THEN UPDATE calls SET level = p_value::integer WHERE id = p_call;
                WHEN 'addiction' THEN UPDATE calls SET addiction = p_value::boolean WHERE id = p_call;
                WHEN 'hospitalisation' THEN UPDATE calls SET hospitalisation = p_value::boolean WHERE id = p_call;
                WHEN 'notes' THEN UPDATE calls SET notes = p_value WHERE id = p_call;
                WHEN 'phase' THEN UPDATE calls SET phase = 'closed', updated_at = p_at,
                    end_reason = CASE WHEN ended_at IS NULL THEN 'interrupted' ELSE end_reason END,
                    ended_at = coalesce(ended_at, updated_at) WHERE id = p_call;
                WHEN 'operator' THEN UPDATE calls SET operator = p_value, updated_at = p_at WHERE id = p_call;
                ELSE RAISE EXCEPTION 'field % is not changed by supervisors', p_field USING ERRCODE = '22023';
            END CASE;
            IF NOT p_saved THEN DELETE FROM call_leases WHERE call_id = p_call; END IF;
            INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason)
                VALUES (p_call, p_at, v_by, p_field, p_old_shown, p_new_shown, p_reason);
        END $f$;

        CREATE FUNCTION set_line_setting(p_key TEXT, p_value TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_by TEXT := acting_supervisor(p_by);
        BEGIN
            INSERT INTO line_settings (key, value, set_by, set_at) VALUES (p_key, p_value, v_by, p_at)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at;
        END $f$;

        -- Row-level security: the engine decides who sees which call.
        ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_calls ON calls FOR ALL TO ecoute_psychologist, ecoute_trainer, ecoute_supervisor
            USING (operator = current_user) WITH CHECK (operator = current_user);
        CREATE POLICY supervisors_read_calls ON calls FOR SELECT TO ecoute_supervisor USING (true);
        -- What hangs off a call is visible exactly when the call is (the subquery is itself filtered).
        ALTER TABLE call_referrals ENABLE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_referrals FOR ALL USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        ALTER TABLE call_referral_gaps ENABLE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_referral_gaps FOR ALL USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        ALTER TABLE call_leases ENABLE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_leases FOR ALL USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        ALTER TABLE call_takeovers ENABLE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_takeovers FOR ALL USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON audit_log FOR SELECT USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        ALTER TABLE shifts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_shifts ON shifts FOR ALL USING (operator = current_user) WITH CHECK (operator = current_user);
        CREATE POLICY supervisors_read_shifts ON shifts FOR SELECT TO ecoute_supervisor USING (true);
        ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_alerts ON alerts FOR ALL USING (operator = current_user) WITH CHECK (operator = current_user);
        CREATE POLICY supervisors_take_alerts ON alerts FOR ALL TO ecoute_supervisor USING (true) WITH CHECK (true);
        ALTER TABLE console_presence ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_presence ON console_presence FOR ALL USING (operator = current_user) WITH CHECK (operator = current_user);
        CREATE POLICY supervisors_see_presence ON console_presence FOR SELECT TO ecoute_supervisor USING (true);

        GRANT USAGE ON SCHEMA ecoute TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT SELECT, INSERT, UPDATE ON calls, call_referrals, call_referral_gaps, call_leases, shifts, console_presence, alerts
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT DELETE ON call_referrals, call_referral_gaps, call_leases, console_presence
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT SELECT, INSERT ON call_takeovers TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT SELECT ON audit_log, operators, line_settings TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT SELECT, INSERT, UPDATE ON directory_rotation TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA ecoute TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        REVOKE ALL ON FUNCTION supervise(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT, BOOLEAN) FROM PUBLIC;
        REVOKE ALL ON FUNCTION set_line_setting(TEXT, TEXT, TIMESTAMPTZ, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION supervise(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT, BOOLEAN) TO ecoute_supervisor;
        GRANT EXECUTE ON FUNCTION set_line_setting(TEXT, TEXT, TIMESTAMPTZ, TEXT) TO ecoute_supervisor;
        """),
        // The psychologist's word that an alert was raised by mistake, and why; the raise stays.
        ("p2-alert-raised-by-mistake", """
        ALTER TABLE alerts ADD COLUMN mistake_reason TEXT;
        ALTER TABLE alerts ADD COLUMN mistake_marked_at TIMESTAMPTZ;
        """),
        // A console whose call was taken over keeps its unsaved version in the call's audit log: only
        // for a call its role can see (its own), written by the engine's clock and session_user.
        ("p3-keep-unsaved-version", """
        CREATE FUNCTION keep_unsaved_version(p_call TEXT, p_summary TEXT, p_reason TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM calls WHERE id = p_call AND (operator = session_user
                           OR pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER'))) THEN
                RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501';
            END IF;
            INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason)
                VALUES (p_call, now(), session_user, 'unsavedVersion', NULL, p_summary, coalesce(p_reason, ''));
        END $f$;
        REVOKE ALL ON FUNCTION keep_unsaved_version(TEXT, TEXT, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION keep_unsaved_version(TEXT, TEXT, TEXT) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
    ]

    /// Tables whose rows are per-call or per-operator: each must have row-level security on
    /// (`ecoute check` says so when one has not).
    static let protectedTables = ["calls", "call_referrals", "call_referral_gaps", "call_leases", "call_takeovers", "audit_log",
                                  "shifts", "alerts", "console_presence"]

    /// Creates or brings up to date the schema, roles and policies. Idempotent: a migration
    /// already applied is skipped; each runs in its own transaction with its version row.
    static func migrate(_ session: PostgresSession) throws -> [String] {
        try session.script(roles)
        try session.transaction { s in
            try s.execute("CREATE SCHEMA IF NOT EXISTS ecoute AUTHORIZATION ecoute_admin")
            try s.execute("SET LOCAL ROLE ecoute_admin")
            try s.execute("""
                CREATE TABLE IF NOT EXISTS ecoute.schema_migrations (
                    name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_by TEXT NOT NULL DEFAULT session_user)
                """)
            // Every console checks the schema is its version's before working.
            try s.execute("GRANT USAGE ON SCHEMA ecoute TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer")
            try s.execute("GRANT SELECT ON ecoute.schema_migrations TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer")
        }
        var applied: [String] = []
        for migration in migrations {
            let done = try session.transaction { s -> Bool in
                try s.execute("LOCK TABLE ecoute.schema_migrations IN EXCLUSIVE MODE")
                if try !s.rows("SELECT 1 FROM ecoute.schema_migrations WHERE name = $1", [.of(migration.name)]).isEmpty { return true }
                try s.execute("SET LOCAL ROLE ecoute_admin")
                try s.execute("SET LOCAL search_path TO ecoute, pg_temp")
                try s.script(migration.sql)
                try s.execute("INSERT INTO ecoute.schema_migrations (name) VALUES ($1)", [.of(migration.name)])
                return false
            }
            if !done { applied.append(migration.name) }
        }
        return applied
    }

    /// Whether every migration this version knows is applied (false: `ecoute admin init` is due).
    static func pending(_ session: PostgresSession) throws -> [String] {
        let exists = try session.rows("SELECT to_regclass('ecoute.schema_migrations') IS NOT NULL AS present")
        guard try exists.first?.bool("present") == true else { return migrations.map(\.name) }
        let done = Set(try session.rows("SELECT name FROM ecoute.schema_migrations").map { try $0.text("name") })
        return migrations.map(\.name).filter { !done.contains($0) }
    }
}
