import Foundation

/// The platform database's schema, roles and policies, as named, ordered migrations (like the
/// SQLite ones: never edit a shipped migration, add one). Applied by `ecoute admin init`, run by a
/// role that may create roles (the `postgres` superuser, or a CREATEROLE owner): everything is
/// created owned by `ecoute_admin`, a role nobody logs in as.
///
/// Access is decided by the engine, not by the program:
/// - `ecoute_psychologist` and `ecoute_trainer` members read only their own calls, shifts, alerts
///   and presence (row-level security on `operator = current_user`, forced), also from `psql`;
/// - no application role writes the record's tables: calls, referrals, reasons, leases, alerts,
///   shifts and rotation counts go through SECURITY DEFINER functions (p4) that take the operator
///   from `session_user`, the times of the engine's acts from its clock, and refuse what the
///   console refuses (a saved call rewritten, `saved` without the level-5 rules, another's call);
/// - `ecoute_supervisor` members read everything, and change a saved or unfinished call only
///   through `ecoute.supervise(…)`, which reads the old value itself and writes the audit entry
///   in the same transaction;
/// - the audit log takes no UPDATE or DELETE from any application role (and a trigger refuses
///   them from its owner too) and is hash-chained; saved calls are sealed with their digest;
/// - `ecoute.security_manifest` records what each migration left (see `PostgresSecurityManifest`),
///   for `ecoute check`.
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

    /// The one way a console writes a call, as `p4-engine-checked-writes` defines it (later
    /// migrations restate it with their change: `PostgresWriteContention`).
    static let writeCall = """
        CREATE FUNCTION write_call(p_call calls, p_referrals JSONB, p_gaps JSONB, p_drop_lease BOOLEAN, p_given JSONB)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_new calls := p_call;
            v_old calls;
            v_admin BOOLEAN := engine_administrator();
        BEGIN
            v_new.operator := acting_operator(p_call.operator);
            IF v_new.id IS NULL OR v_new.operator IS NULL THEN RAISE EXCEPTION 'a call needs its id and operator' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_old FROM calls WHERE id = v_new.id FOR UPDATE;
            IF FOUND THEN
                IF v_old.operator <> v_new.operator THEN RAISE EXCEPTION 'call % is not yours', v_new.id USING ERRCODE = '42501'; END IF;
                IF v_old.phase IN ('saved', 'closed') THEN
                    RAISE EXCEPTION 'call % is saved: only a supervisor''s correction changes it', v_new.id USING ERRCODE = '42501';
                END IF;
                v_new.shift_id := coalesce(v_old.shift_id, v_new.shift_id);
            END IF;
            IF v_new.phase NOT IN ('inCall', 'dropped', 'emergency', 'wrapUp', 'saved') THEN
                RAISE EXCEPTION 'a console does not write a call as %', v_new.phase USING ERRCODE = '42501';
            END IF;
            IF v_new.level IS NOT NULL AND v_new.level NOT BETWEEN 0 AND 5 THEN
                RAISE EXCEPTION 'level % is not a classification', v_new.level USING ERRCODE = '22023';
            END IF;
            IF NOT v_admin THEN
                v_new.updated_at := now();
                v_new.saved_at := CASE WHEN v_new.phase = 'saved' THEN now() END;
                IF greatest(v_new.picked_up_at, v_new.ended_at, v_new.emergency_opened_at, v_new.emergency_services_called_at,
                            v_new.supervisor_called_at, v_new.caller_kept_on_line_at) > now() + interval '5 minutes' THEN
                    RAISE EXCEPTION 'call % has times ahead of the server''s clock', v_new.id USING ERRCODE = '22023';
                END IF;
                IF v_new.shift_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM shifts WHERE id = v_new.shift_id AND operator = v_new.operator) THEN
                    RAISE EXCEPTION 'shift % is not yours', v_new.shift_id USING ERRCODE = '42501';
                END IF;
            END IF;
            -- The console's rules for a save (the administrator's tools copy history as it is).
            IF v_new.phase = 'saved' AND NOT v_admin THEN
                IF v_new.level IS NULL THEN RAISE EXCEPTION 'call % is saved without a classification', v_new.id USING ERRCODE = '22023'; END IF;
                IF v_new.level = 5 AND (
                        (v_new.emergency_services_called_at IS NULL AND coalesce(btrim(v_new.emergency_services_skipped), '') = '')
                     OR (v_new.supervisor_called_at IS NULL AND coalesce(btrim(v_new.supervisor_skipped), '') = '')
                     OR (v_new.caller_kept_on_line_at IS NULL AND coalesce(btrim(v_new.caller_kept_on_line_skipped), '') = '')) THEN
                    RAISE EXCEPTION 'call % is at level 5: every step of the emergency protocol is done or explained before it is saved', v_new.id
                        USING ERRCODE = '22023';
                END IF;
            END IF;
            -- Referrals and reasons hold only values the console writes (a report reads every one).
            IF EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::call_referrals, coalesce(p_referrals, '[]'::jsonb)) r
                       WHERE r.kind IS NULL OR r.kind NOT IN ('psychologist', 'gp', 'psychiatrist', 'unit', 'emergency', 'legal', 'administrative',
                                                               'replacement', 'addiction', 'association')
                          OR r.status IS NULL OR r.status NOT IN ('proposed', 'given', 'declined') OR r.origin IS NULL
                          OR r.origin NOT IN ('proposed', 'chosen') OR r.tier IS NULL OR r.tier NOT BETWEEN 0 AND 4) THEN
                RAISE EXCEPTION 'a referral of call % has a kind, status, origin or tier the console does not write', v_new.id USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::call_referral_gaps, coalesce(p_gaps, '[]'::jsonb)) g
                       WHERE g.kind IS NULL OR g.kind NOT IN ('psychologist', 'gp', 'psychiatrist', 'unit', 'emergency', 'legal', 'administrative',
                                                               'replacement', 'addiction', 'association')
                          OR g.reason IS NULL OR g.reason NOT IN ('callerDeclined', 'alreadyInCare', 'noneReachable', 'other')) THEN
                RAISE EXCEPTION 'a reason of call % is not one the console writes', v_new.id USING ERRCODE = '22023';
            END IF;
            INSERT INTO calls SELECT v_new.*
            ON CONFLICT (id) DO UPDATE SET operator = excluded.operator, phase = excluded.phase,
                phase_before_emergency = excluded.phase_before_emergency, picked_up_at = excluded.picked_up_at, ended_at = excluded.ended_at,
                end_reason = excluded.end_reason, caller_category = excluded.caller_category, profession = excluded.profession,
                status = excluded.status, sector = excluded.sector, departement = excluded.departement, repeat_caller = excluded.repeat_caller,
                level = excluded.level, addiction = excluded.addiction, hospitalisation = excluded.hospitalisation, notes = excluded.notes,
                follow_up = excluded.follow_up, emergency_opened_at = excluded.emergency_opened_at,
                emergency_services_called_at = excluded.emergency_services_called_at, supervisor_called_at = excluded.supervisor_called_at,
                caller_kept_on_line_at = excluded.caller_kept_on_line_at, emergency_services_skipped = excluded.emergency_services_skipped,
                supervisor_skipped = excluded.supervisor_skipped, caller_kept_on_line_skipped = excluded.caller_kept_on_line_skipped,
                updated_at = excluded.updated_at, saved_at = excluded.saved_at, shift_id = excluded.shift_id;
            DELETE FROM call_referrals WHERE call_id = v_new.id;
            DELETE FROM call_referral_gaps WHERE call_id = v_new.id;
            INSERT INTO call_referrals (call_id, position, kind, entry_id, name, contact, tier, status, origin)
                SELECT v_new.id, r.position, r.kind, r.entry_id, r.name, r.contact, r.tier, r.status, r.origin
                FROM jsonb_populate_recordset(NULL::call_referrals, coalesce(p_referrals, '[]'::jsonb)) r;
            INSERT INTO call_referral_gaps (call_id, kind, reason, note)
                SELECT v_new.id, g.kind, g.reason, coalesce(g.note, '')
                FROM jsonb_populate_recordset(NULL::call_referral_gaps, coalesce(p_gaps, '[]'::jsonb)) g;
            IF p_drop_lease THEN DELETE FROM call_leases WHERE call_id = v_new.id; END IF;
            IF v_new.phase = 'saved' THEN
                IF jsonb_array_length(coalesce(p_given, '[]'::jsonb)) >
                   (SELECT count(*) FROM call_referrals WHERE call_id = v_new.id AND status = 'given' AND entry_id IS NOT NULL) THEN
                    RAISE EXCEPTION 'call % gave fewer directory entries than it counts', v_new.id USING ERRCODE = '22023';
                END IF;
                INSERT INTO directory_rotation (source, source_id, last_given_at, times_given)
                    SELECT g.source, g.source_id, coalesce(v_new.saved_at, v_new.updated_at), 1
                    FROM jsonb_to_recordset(coalesce(p_given, '[]'::jsonb)) AS g(source TEXT, source_id TEXT)
                ON CONFLICT (source, source_id) DO UPDATE SET last_given_at = excluded.last_given_at,
                    times_given = directory_rotation.times_given + 1, changed_at = clock_timestamp();
                PERFORM seal_call(v_new.id);
            END IF;
        END $f$;
        """

    /// A call's digest (its row, referrals and reasons, in a fixed text form), as `p4-engine-checked-writes`
    /// defines it.
    static let callDigest = """
        CREATE FUNCTION call_digest(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' AS $f$
            SELECT encode(sha256(convert_to(concat_ws(E'\\x1e',
                (SELECT ROW(c.id, c.operator, c.phase, c.phase_before_emergency, c.picked_up_at, c.ended_at, c.end_reason,
                            c.caller_category, c.profession, c.status, c.sector, c.departement, c.repeat_caller, c.level, c.addiction,
                            c.hospitalisation, c.notes, c.follow_up, c.emergency_opened_at, c.emergency_services_called_at,
                            c.supervisor_called_at, c.caller_kept_on_line_at, c.emergency_services_skipped, c.supervisor_skipped,
                            c.caller_kept_on_line_skipped, c.updated_at, c.saved_at, c.shift_id)::text FROM calls c WHERE c.id = p_call),
                (SELECT string_agg(ROW(r.position, r.kind, r.entry_id, r.name, r.contact, r.tier, r.status, r.origin)::text, E'\\x1e'
                        ORDER BY r.position) FROM call_referrals r WHERE r.call_id = p_call),
                (SELECT string_agg(ROW(g.kind, g.reason, g.note)::text, E'\\x1e' ORDER BY g.kind) FROM call_referral_gaps g
                        WHERE g.call_id = p_call)), 'UTF8')), 'hex')
        $f$;
        """

    /// The digest with the call's assessment and motifs, as `p5-rud-sealed-parts` restates it (later
    /// migrations restate it with their change: `PostgresLineReach`).
    static let callDigestWithParts = [
        ("CREATE FUNCTION call_digest(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER",
         "CREATE OR REPLACE FUNCTION call_digest(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER"),
        ("""
         (SELECT string_agg(ROW(g.kind, g.reason, g.note)::text, E'\\x1e' ORDER BY g.kind) FROM call_referral_gaps g
                 WHERE g.call_id = p_call)), 'UTF8')), 'hex')
         """, """
         (SELECT string_agg(ROW(g.kind, g.reason, g.note)::text, E'\\x1e' ORDER BY g.kind) FROM call_referral_gaps g
                 WHERE g.call_id = p_call),
         (SELECT 'assessment' || ROW(a.risk_factors, a.urgence, a.dangerosite, a.means, a.means_at_hand, a.cssrs,
                     a.not_assessable_reason, a.suggested_level, a.suggestion_reasons, a.suggested_follow_up)::text
                 FROM call_assessments a WHERE a.call_id = p_call),
         (SELECT 'motifs' || string_agg(m.motif, ',' ORDER BY m.position) FROM call_motifs m WHERE m.call_id = p_call)),
         'UTF8')), 'hex')
         """),
    ].reduce(callDigest) { sql, change in SQLScript.replacing(change.0, with: change.1, in: sql) }

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
        // Writes only through rules the engine checks: application roles keep SELECT on the record and
        // write it through SECURITY DEFINER functions that take the operator from session_user, the
        // times of what happens in the engine from its clock, and refuse what the console refuses
        // (a saved call rewritten, `saved` without the level-5 rules, another's call, shift or alert).
        // Tamper evidence: saved calls sealed with their digest, the audit log hash-chained; row-level
        // security forced on the owner too.
        ("p4-engine-checked-writes", """
        -- Who acts: an operator of the line (a member of one of ecoute's groups) as themself, whatever
        -- name they pass; a superuser (the administrator's tools: migration, tests) as the one it names.
        CREATE FUNCTION engine_administrator() RETURNS BOOLEAN LANGUAGE sql STABLE SET search_path = ecoute, pg_temp AS $f$
            SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
        $f$;
        CREATE FUNCTION acting_operator(p_named TEXT) RETURNS TEXT LANGUAGE plpgsql STABLE SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            IF engine_administrator() THEN RETURN p_named; END IF;
            IF NOT (pg_has_role(session_user, 'ecoute_psychologist', 'MEMBER') OR pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER')
                    OR pg_has_role(session_user, 'ecoute_trainer', 'MEMBER')) THEN
                RAISE EXCEPTION '% is not an operator of the line', session_user USING ERRCODE = '42501';
            END IF;
            IF p_named IS NOT NULL AND p_named <> session_user THEN
                RAISE EXCEPTION '% cannot write as %', session_user, p_named USING ERRCODE = '42501';
            END IF;
            RETURN session_user;
        END $f$;
        -- When something happened in the engine: the server's clock; the administrator's tools keep
        -- the time they were given (a copy of history).
        CREATE FUNCTION act_time(p_given TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql STABLE SET search_path = ecoute, pg_temp AS $f$
            SELECT CASE WHEN engine_administrator() AND p_given IS NOT NULL THEN p_given ELSE now() END
        $f$;

        -- Tamper evidence: a digest of what is recorded about a call (its row, referrals and reasons, in
        -- a fixed text form), a seal per saved or closed call, and a hash chain over the audit log.
        \(callDigest)
        CREATE TABLE call_seals (
            call_id TEXT PRIMARY KEY REFERENCES calls,
            digest TEXT NOT NULL,
            sealed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
            sealed_by TEXT NOT NULL DEFAULT session_user
        );
        CREATE FUNCTION seal_call(p_call TEXT) RETURNS VOID LANGUAGE sql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
            INSERT INTO call_seals (call_id, digest) VALUES (p_call, call_digest(p_call))
            ON CONFLICT (call_id) DO UPDATE SET digest = excluded.digest, sealed_at = clock_timestamp(), sealed_by = session_user
        $f$;
        INSERT INTO call_seals (call_id, digest) SELECT id, call_digest(id) FROM calls WHERE phase IN ('saved', 'closed');

        ALTER TABLE audit_log ADD COLUMN call_digest TEXT;
        ALTER TABLE audit_log ADD COLUMN previous_hash TEXT;
        ALTER TABLE audit_log ADD COLUMN hash TEXT;
        CREATE TABLE audit_chain_head (
            only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
            hash TEXT NOT NULL
        );
        CREATE FUNCTION audit_entry_hash(e audit_log) RETURNS TEXT LANGUAGE sql STABLE
        SET search_path = ecoute, pg_temp SET TimeZone = 'UTC' SET DateStyle = 'ISO, YMD' AS $f$
            SELECT encode(sha256(convert_to(ROW(e.previous_hash, e.id, e.call_id, e.at, e.by, e.field, e.old_value, e.new_value,
                                                e.reason, e.written_by, e.written_at, e.call_digest)::text, 'UTF8')), 'hex')
        $f$;
        -- Each entry is chained to the one written before it (the head row, locked, orders writers).
        CREATE FUNCTION chain_audit_entry() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            SELECT hash INTO NEW.previous_hash FROM audit_chain_head FOR UPDATE;
            NEW.call_digest := call_digest(NEW.call_id);
            NEW.hash := audit_entry_hash(NEW);
            UPDATE audit_chain_head SET hash = NEW.hash;
            RETURN NEW;
        END $f$;
        INSERT INTO audit_chain_head (hash) VALUES (repeat('0', 64));
        ALTER TABLE audit_log DISABLE TRIGGER audit_log_is_append_only;
        DO $d$ DECLARE e audit_log; v_previous TEXT := repeat('0', 64);
        BEGIN
            FOR e IN SELECT * FROM audit_log ORDER BY id LOOP
                e.previous_hash := v_previous;
                v_previous := audit_entry_hash(e);
                UPDATE audit_log SET previous_hash = e.previous_hash, hash = v_previous WHERE id = e.id;
            END LOOP;
            UPDATE audit_chain_head SET hash = v_previous;
        END $d$;
        ALTER TABLE audit_log ENABLE TRIGGER audit_log_is_append_only;
        CREATE TRIGGER audit_log_is_chained BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION chain_audit_entry();

        -- What hangs off a saved call is kept with it, whoever asks (the engine's functions excepted).
        CREATE FUNCTION keep_saved_call_parts() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF current_user <> 'ecoute_admin' AND EXISTS (SELECT 1 FROM calls WHERE phase IN ('saved', 'closed')
                    AND id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.call_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.call_id END)) THEN
                RAISE EXCEPTION 'the call is saved: only a supervisor''s correction changes it' USING ERRCODE = '42501';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $f$;
        CREATE TRIGGER saved_call_referrals_are_kept BEFORE INSERT OR UPDATE OR DELETE ON call_referrals
            FOR EACH ROW EXECUTE FUNCTION keep_saved_call_parts();
        CREATE TRIGGER saved_call_gaps_are_kept BEFORE INSERT OR UPDATE OR DELETE ON call_referral_gaps
            FOR EACH ROW EXECUTE FUNCTION keep_saved_call_parts();

        -- A console's call: locked for the rest of the transaction, with who holds it. Nothing when the
        -- call does not exist or is not the caller's.
        CREATE FUNCTION lock_call(p_call TEXT)
        RETURNS TABLE (phase TEXT, console TEXT, host TEXT, pid INTEGER, operator TEXT, heartbeat_at TIMESTAMPTZ, taken_over_at TIMESTAMPTZ)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        #variable_conflict use_column
        BEGIN
            PERFORM 1 FROM calls c WHERE c.id = p_call AND (c.operator = session_user OR engine_administrator()) FOR UPDATE;
            IF NOT FOUND THEN RETURN; END IF;
            RETURN QUERY SELECT c.phase, l.console, l.host, l.pid, l.operator, l.heartbeat_at,
                    (SELECT max(t.at) FROM call_takeovers t WHERE t.call_id = c.id AND t.by_console = l.console)
                FROM calls c LEFT JOIN call_leases l ON l.call_id = c.id WHERE c.id = p_call;
        END $f$;

        -- The one way a console writes a call: its own (operator = session_user), never one already
        -- saved or closed, `saved` only with the level-5 rules met, the record's times from the server.
        -- Referrals and reasons are replaced whole; `p_given`: the directory keys of the entries the
        -- call gave, counted in the rotation once, when the call is saved.
        \(writeCall)

        -- Leases: a console's hold on its own unsaved call, with the server's time. The lease's operator
        -- is session_user (the administrator's tools name it).
        CREATE FUNCTION own_unsaved_call(p_call TEXT, p_operator TEXT) RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_admin BOOLEAN := engine_administrator();
            v_operator TEXT := CASE WHEN engine_administrator() THEN p_operator ELSE acting_operator(NULL) END;
            v_phase TEXT;
        BEGIN
            SELECT phase INTO v_phase FROM calls WHERE id = p_call AND (v_admin OR operator = v_operator) FOR UPDATE;
            IF NOT FOUND THEN RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501'; END IF;
            IF v_phase IN ('saved', 'closed') THEN RAISE EXCEPTION 'call % is saved', p_call USING ERRCODE = '42501'; END IF;
            RETURN v_operator;
        END $f$;
        CREATE FUNCTION claim_call(p_call TEXT, p_console TEXT, p_host TEXT, p_pid INTEGER, p_operator TEXT, p_at TIMESTAMPTZ)
        RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_operator TEXT := own_unsaved_call(p_call, p_operator); v_count INTEGER;
        BEGIN
            INSERT INTO call_leases (call_id, console, host, pid, operator, heartbeat_at)
                VALUES (p_call, p_console, p_host, p_pid, v_operator, act_time(p_at)) ON CONFLICT (call_id) DO NOTHING;
            GET DIAGNOSTICS v_count = ROW_COUNT;
            RETURN v_count;
        END $f$;
        CREATE FUNCTION renew_lease(p_call TEXT, p_console TEXT, p_at TIMESTAMPTZ) RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_count INTEGER;
        BEGIN
            UPDATE call_leases SET heartbeat_at = act_time(p_at)
            WHERE (p_call IS NULL OR call_id = p_call) AND console = p_console AND (operator = session_user OR engine_administrator());
            GET DIAGNOSTICS v_count = ROW_COUNT;
            RETURN v_count;
        END $f$;
        -- Taking over a call from a console that is gone: the lease changes hands and the takeover is
        -- recorded with the previous holder as the engine has it.
        CREATE FUNCTION take_over_call(p_call TEXT, p_console TEXT, p_host TEXT, p_pid INTEGER, p_operator TEXT, p_at TIMESTAMPTZ)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_operator TEXT := own_unsaved_call(p_call, p_operator); v_from call_leases; v_at TIMESTAMPTZ := act_time(p_at);
        BEGIN
            SELECT * INTO v_from FROM call_leases WHERE call_id = p_call;
            INSERT INTO call_leases (call_id, console, host, pid, operator, heartbeat_at) VALUES (p_call, p_console, p_host, p_pid, v_operator, v_at)
            ON CONFLICT (call_id) DO UPDATE SET console = excluded.console, host = excluded.host, pid = excluded.pid,
                operator = excluded.operator, heartbeat_at = excluded.heartbeat_at;
            INSERT INTO call_takeovers (call_id, at, by_console, by_host, by_pid, by_operator,
                                        from_console, from_host, from_pid, from_operator, from_heartbeat_at)
                VALUES (p_call, v_at, p_console, p_host, p_pid, v_operator,
                        v_from.console, v_from.host, v_from.pid, v_from.operator, v_from.heartbeat_at);
        END $f$;

        -- Alerts: raised by the call's operator, taken by a supervisor (as themself, now), marked as
        -- raised by mistake by the call's operator (the mark and its reason only).
        \(raiseAlert)
        CREATE FUNCTION take_alert(p_id TEXT, p_by TEXT, p_at TIMESTAMPTZ) RETURNS SETOF alerts LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_by TEXT := acting_supervisor(p_by);
        BEGIN
            RETURN QUERY UPDATE alerts SET taken_by = v_by, taken_at = act_time(p_at) WHERE id = p_id AND taken_at IS NULL RETURNING *;
        END $f$;
        CREATE FUNCTION mark_alert_raised_by_mistake(p_call TEXT, p_reason TEXT, p_at TIMESTAMPTZ) RETURNS SETOF alerts LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            IF coalesce(btrim(p_reason), '') = '' THEN RAISE EXCEPTION 'a mistake is marked with its reason' USING ERRCODE = '22023'; END IF;
            IF NOT EXISTS (SELECT 1 FROM calls WHERE id = p_call AND (operator = acting_operator(NULL) OR engine_administrator())) THEN
                RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501';
            END IF;
            RETURN QUERY UPDATE alerts SET mistake_reason = p_reason, mistake_marked_at = act_time(p_at)
                WHERE call_id = p_call AND mistake_marked_at IS NULL RETURNING *;
        END $f$;

        -- Shifts: started by their operator now, ended once, now; their times never rewritten.
        CREATE FUNCTION start_shift(p_id TEXT, p_operator TEXT, p_at TIMESTAMPTZ) RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            INSERT INTO shifts (id, operator, started_at) VALUES (p_id, acting_operator(p_operator), act_time(p_at));
        END $f$;
        CREATE FUNCTION end_shift(p_id TEXT, p_at TIMESTAMPTZ) RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_count INTEGER;
        BEGIN
            UPDATE shifts SET ended_at = act_time(p_at)
            WHERE id = p_id AND (engine_administrator() OR (operator = acting_operator(NULL) AND ended_at IS NULL));
            GET DIAGNOSTICS v_count = ROW_COUNT;
            RETURN v_count;
        END $f$;

        -- A supervisor's change to a call and its audit entry, in one transaction: the values the audit
        -- shows are read from the row here, the author is session_user, the time the server's.
        -- p_expected: what the supervisor saw (the change is refused if the field holds something else).
        DROP FUNCTION supervise(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT, BOOLEAN);
        CREATE FUNCTION supervise(p_call TEXT, p_field TEXT, p_expected TEXT, p_value TEXT, p_reason TEXT, p_saved BOOLEAN,
                                  p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_supervisor(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
            v_call calls;
            v_current TEXT;
            v_old_shown TEXT;
            v_new_shown TEXT;
        BEGIN
            IF coalesce(btrim(p_reason), '') = '' THEN RAISE EXCEPTION 'a change needs a reason' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_call FROM calls WHERE id = p_call FOR UPDATE;
            IF NOT FOUND THEN RAISE EXCEPTION 'no call %', p_call USING ERRCODE = '22023'; END IF;
            IF p_saved AND v_call.phase <> 'saved' THEN RAISE EXCEPTION 'call % is not saved yet', p_call USING ERRCODE = '22023'; END IF;
            IF NOT p_saved AND v_call.phase IN ('saved', 'closed') THEN
                RAISE EXCEPTION 'call % is not unfinished (%)', p_call, v_call.phase USING ERRCODE = '22023';
            END IF;
            IF p_saved AND p_field NOT IN ('level', 'addiction', 'hospitalisation', 'notes') OR NOT p_saved AND p_field NOT IN ('phase', 'operator') THEN
                RAISE EXCEPTION 'field % is not changed by supervisors here', p_field USING ERRCODE = '22023';
            END IF;
            v_current := CASE p_field
                WHEN 'level' THEN v_call.level::text WHEN 'addiction' THEN v_call.addiction::text
                WHEN 'hospitalisation' THEN v_call.hospitalisation::text WHEN 'notes' THEN v_call.notes
                WHEN 'phase' THEN v_call.phase WHEN 'operator' THEN v_call.operator END;
            IF v_current IS DISTINCT FROM p_expected THEN
                RAISE EXCEPTION 'call % changed meanwhile (%): read it again', p_call, p_field USING ERRCODE = '40001';
            END IF;
            CASE p_field
                WHEN 'level' THEN
                    IF p_value IS NULL OR p_value !~ '^[0-5]$' THEN RAISE EXCEPTION '% is not a level', p_value USING ERRCODE = '22023'; END IF;
                    UPDATE calls SET level = p_value::integer WHERE id = p_call;
                    v_old_shown := coalesce(v_call.level::text, ''); v_new_shown := p_value;
                WHEN 'addiction', 'hospitalisation' THEN
                    IF p_value IS NULL OR p_value NOT IN ('true', 'false') THEN RAISE EXCEPTION '% is not yes or no', p_value USING ERRCODE = '22023'; END IF;
                    IF p_field = 'addiction' THEN UPDATE calls SET addiction = p_value::boolean WHERE id = p_call;
                    ELSE UPDATE calls SET hospitalisation = p_value::boolean WHERE id = p_call; END IF;
                    v_old_shown := CASE WHEN v_current::boolean THEN 'yes' ELSE 'no' END;
                    v_new_shown := CASE WHEN p_value::boolean THEN 'yes' ELSE 'no' END;
                WHEN 'notes' THEN
                    UPDATE calls SET notes = coalesce(p_value, '') WHERE id = p_call;
                    -- Emptied notes (a purge) leave their length in the log, not their words.
                    v_old_shown := CASE WHEN coalesce(p_value, '') = '' THEN length(v_call.notes) || ' characters' ELSE v_call.notes END;
                    v_new_shown := coalesce(p_value, '');
                WHEN 'phase' THEN
                    UPDATE calls SET phase = 'closed', updated_at = v_at,
                        end_reason = CASE WHEN ended_at IS NULL THEN 'interrupted' ELSE end_reason END,
                        ended_at = coalesce(ended_at, updated_at) WHERE id = p_call;
                    v_old_shown := v_call.phase; v_new_shown := 'closed';
                WHEN 'operator' THEN
                    IF p_value IS NULL OR (NOT engine_administrator() AND NOT EXISTS (SELECT 1 FROM operators WHERE name = p_value)) THEN
                        RAISE EXCEPTION '% is not an operator of the line', p_value USING ERRCODE = '22023';
                    END IF;
                    UPDATE calls SET operator = p_value, updated_at = v_at WHERE id = p_call;
                    v_old_shown := v_call.operator; v_new_shown := p_value;
            END CASE;
            IF NOT p_saved THEN DELETE FROM call_leases WHERE call_id = p_call; END IF;
            INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason)
                VALUES (p_call, v_at, v_by, p_field, v_old_shown, v_new_shown, p_reason);
            IF (SELECT phase FROM calls WHERE id = p_call) IN ('saved', 'closed') THEN PERFORM seal_call(p_call); END IF;
        END $f$;

        CREATE OR REPLACE FUNCTION set_line_setting(p_key TEXT, p_value TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_by TEXT := acting_supervisor(p_by);
        BEGIN
            IF p_key <> 'notes_retention_days' OR p_value !~ '^[1-9][0-9]{0,5}$' THEN
                RAISE EXCEPTION 'setting % = % is not one of the line''s', p_key, p_value USING ERRCODE = '22023';
            END IF;
            INSERT INTO line_settings (key, value, set_by, set_at) VALUES (p_key, p_value, v_by, act_time(p_at))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at;
        END $f$;

        -- Row-level security binds the tables' owner too; the engine's functions (owned by ecoute_admin)
        -- have their own policy, and check what they write themselves.
        ALTER TABLE calls FORCE ROW LEVEL SECURITY;
        ALTER TABLE call_referrals FORCE ROW LEVEL SECURITY;
        ALTER TABLE call_referral_gaps FORCE ROW LEVEL SECURITY;
        ALTER TABLE call_leases FORCE ROW LEVEL SECURITY;
        ALTER TABLE call_takeovers FORCE ROW LEVEL SECURITY;
        ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
        ALTER TABLE shifts FORCE ROW LEVEL SECURITY;
        ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
        ALTER TABLE console_presence FORCE ROW LEVEL SECURITY;
        ALTER TABLE call_seals ENABLE ROW LEVEL SECURITY;
        ALTER TABLE call_seals FORCE ROW LEVEL SECURITY;
        CREATE POLICY engine_functions ON calls FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON call_referrals FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON call_referral_gaps FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON call_leases FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON call_takeovers FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON audit_log FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON shifts FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON alerts FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON console_presence FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY engine_functions ON call_seals FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY supervisors_read_seals ON call_seals FOR SELECT TO ecoute_supervisor USING (true);

        -- Application roles read; they write the record only through the functions above (presence,
        -- a console's own heartbeat row, stays a plain write under its row policy).
        REVOKE INSERT, UPDATE, DELETE ON calls, call_referrals, call_referral_gaps, call_leases, shifts, alerts, directory_rotation
            FROM ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        REVOKE INSERT ON call_takeovers FROM ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT SELECT ON call_seals, audit_chain_head TO ecoute_supervisor;
        REVOKE ALL ON FUNCTION engine_administrator(), acting_operator(TEXT), act_time(TIMESTAMPTZ), call_digest(TEXT), seal_call(TEXT),
            audit_entry_hash(audit_log), chain_audit_entry(), keep_saved_call_parts(), lock_call(TEXT),
            write_call(calls, JSONB, JSONB, BOOLEAN, JSONB), own_unsaved_call(TEXT, TEXT),
            claim_call(TEXT, TEXT, TEXT, INTEGER, TEXT, TIMESTAMPTZ), renew_lease(TEXT, TEXT, TIMESTAMPTZ),
            take_over_call(TEXT, TEXT, TEXT, INTEGER, TEXT, TIMESTAMPTZ),
            raise_alert(TEXT, TEXT, TEXT, TEXT, INTEGER, TEXT, DOUBLE PRECISION, TIMESTAMPTZ, TEXT, TIMESTAMPTZ),
            take_alert(TEXT, TEXT, TIMESTAMPTZ), mark_alert_raised_by_mistake(TEXT, TEXT, TIMESTAMPTZ), start_shift(TEXT, TEXT, TIMESTAMPTZ),
            end_shift(TEXT, TIMESTAMPTZ), supervise(TEXT, TEXT, TEXT, TEXT, TEXT, BOOLEAN, TIMESTAMPTZ, TEXT),
            acting_supervisor(TEXT), refuse_change(), keep_saved_calls(), notify_change() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION engine_administrator(), acting_operator(TEXT), act_time(TIMESTAMPTZ), acting_supervisor(TEXT),
            lock_call(TEXT), write_call(calls, JSONB, JSONB, BOOLEAN, JSONB),
            claim_call(TEXT, TEXT, TEXT, INTEGER, TEXT, TIMESTAMPTZ), renew_lease(TEXT, TEXT, TIMESTAMPTZ),
            take_over_call(TEXT, TEXT, TEXT, INTEGER, TEXT, TIMESTAMPTZ),
            raise_alert(TEXT, TEXT, TEXT, TEXT, INTEGER, TEXT, DOUBLE PRECISION, TIMESTAMPTZ, TEXT, TIMESTAMPTZ),
            mark_alert_raised_by_mistake(TEXT, TEXT, TIMESTAMPTZ), start_shift(TEXT, TEXT, TIMESTAMPTZ), end_shift(TEXT, TIMESTAMPTZ),
            keep_saved_call_parts(), keep_saved_calls(), refuse_change(), notify_change()
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT EXECUTE ON FUNCTION take_alert(TEXT, TEXT, TIMESTAMPTZ), supervise(TEXT, TEXT, TEXT, TEXT, TEXT, BOOLEAN, TIMESTAMPTZ, TEXT),
            call_digest(TEXT), audit_entry_hash(audit_log) TO ecoute_supervisor;
        """),
        // What `ecoute check` compares the engine with: every function's definition (a hash of
        // pg_get_functiondef), every table's owner, grants and row security, every policy and
        // trigger, as migrations left them. Filled by `migrate` (see `PostgresSecurityManifest`).
        ("p4-security-manifest", """
        CREATE TABLE security_manifest (
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            recorded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
            recorded_by TEXT NOT NULL DEFAULT session_user,
            migration TEXT NOT NULL,
            PRIMARY KEY (kind, name)
        );
        GRANT SELECT ON security_manifest TO ecoute_supervisor;
        """),
        // Every console re-raises an alert nobody took (at 120 s), whoever raised it, though row
        // security hides other psychologists' alerts: the open alerts through a narrow function that
        // gives an alert's own fields (who raised it, where, level, when) and never the call's. An
        // alert its psychologist marked as raised by mistake is not re-raised, so it is left out
        // for others (its reason is the psychologist's words).
        ("p4-open-alerts-for-every-console", """
        CREATE FUNCTION open_alerts() RETURNS SETOF alerts LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT * FROM alerts a
            WHERE a.taken_at IS NULL
              AND (a.mistake_marked_at IS NULL OR a.operator = session_user OR pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER')
                   OR engine_administrator())
            ORDER BY a.raised_at, a.id
        $f$;
        REVOKE ALL ON FUNCTION open_alerts() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION open_alerts() TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
        // An alert that reached the engine only after the console's retries (the engine out of reach)
        // says by how long: its time is the server's at arrival, the console's own time of raising
        // is what the console sends; a difference over 15 s (more than clocks drift apart) is kept.
        ("p4-alert-late-by", """
        ALTER TABLE alerts ADD COLUMN late_seconds DOUBLE PRECISION;
        \(raiseAlertLateBy)
        """),
        // A call is saved only when every kind of referral the line's rules require for its level
        // (ReferralRules: 0 legal and administrative; 1–2 a psychologist and a GP; 3 a GP and a
        // psychiatrist; 4 those and the 3114; 5 the emergency numbers and a unit; a unit when
        // hospitalisation is needed; an addiction service when addiction is flagged) is given or
        // has its reason, and a level-4/5 call only with its risk assessment, as the console refuses
        // F10 otherwise. Checked at commit, once the call's referrals, reasons and assessment are
        // written; the administrator's tools copy history as it is.
        ("p4-saved-with-required-referrals", """
        CREATE FUNCTION required_referral_kinds(p_level INTEGER, p_hospitalisation BOOLEAN, p_addiction BOOLEAN) RETURNS TEXT[]
        LANGUAGE sql IMMUTABLE SET search_path = ecoute, pg_temp AS $f$
            SELECT r || CASE WHEN p_hospitalisation AND NOT 'unit' = ANY(r) THEN ARRAY['unit'] ELSE ARRAY[]::TEXT[] END
                      || CASE WHEN p_addiction THEN ARRAY['addiction'] ELSE ARRAY[]::TEXT[] END
            FROM (SELECT CASE p_level WHEN 0 THEN ARRAY['legal', 'administrative'] WHEN 1 THEN ARRAY['psychologist', 'gp']
                                      WHEN 2 THEN ARRAY['psychologist', 'gp'] WHEN 3 THEN ARRAY['gp', 'psychiatrist']
                                      WHEN 4 THEN ARRAY['gp', 'psychiatrist', 'emergency'] WHEN 5 THEN ARRAY['emergency', 'unit']
                                      ELSE ARRAY[]::TEXT[] END AS r) k
        $f$;
        CREATE FUNCTION check_required_referrals() RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        DECLARE v_missing TEXT;
        BEGIN
            IF NEW.phase <> 'saved' OR engine_administrator() OR (TG_OP = 'UPDATE' AND OLD.phase = 'saved') THEN RETURN NULL; END IF;
            SELECT string_agg(k, ', ' ORDER BY k) INTO v_missing
            FROM unnest(required_referral_kinds(NEW.level, NEW.hospitalisation, NEW.addiction)) k
            WHERE NOT EXISTS (SELECT 1 FROM call_referrals r WHERE r.call_id = NEW.id AND r.kind = k AND r.status = 'given')
              AND NOT EXISTS (SELECT 1 FROM call_referral_gaps g WHERE g.call_id = NEW.id AND g.kind = k);
            IF v_missing IS NOT NULL THEN
                RAISE EXCEPTION 'call % is saved without giving, or saying why not, a referral its level requires: %', NEW.id, v_missing
                    USING ERRCODE = '22023';
            END IF;
            -- Level 4 or 5: with its risk assessment (urgence and dangerosité, or « non évaluable » and
            -- why; docs/risk-assessment.md). `call_assessments` is created by p5-rud-call-assessments.
            IF NEW.level >= 4 AND NOT EXISTS (
                    SELECT 1 FROM call_assessments a WHERE a.call_id = NEW.id
                      AND ((a.urgence IS NOT NULL AND a.dangerosite IS NOT NULL) OR coalesce(btrim(a.not_assessable_reason), '') <> '')) THEN
                RAISE EXCEPTION 'call % is at level %: it is saved with its risk assessment (urgence and dangerosité, or not assessable and why)',
                    NEW.id, NEW.level USING ERRCODE = '22023';
            END IF;
            RETURN NULL;
        END $f$;
        CREATE CONSTRAINT TRIGGER calls_saved_with_required_referrals AFTER INSERT OR UPDATE ON calls
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_required_referrals();
        REVOKE ALL ON FUNCTION required_referral_kinds(INTEGER, BOOLEAN, BOOLEAN), check_required_referrals() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION required_referral_kinds(INTEGER, BOOLEAN, BOOLEAN), check_required_referrals()
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
        // The suicide-risk assessment of a call (docs/risk-assessment.md), like the call's other
        // parts: visible exactly when its call is, written only through `write_call_assessment` in
        // the transaction of the call's own write (before it: the reference to the call is checked
        // at commit), kept once the call is saved.
        ("p5-rud-call-assessments", """
        CREATE TABLE call_assessments (
            call_id TEXT PRIMARY KEY REFERENCES calls ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            risk_factors TEXT NOT NULL DEFAULT ''
                CHECK (string_to_array(risk_factors, ',') <@ ARRAY['psychiatricDisorder', 'previousAttempt', 'communicatedIntent',
                    'impulsivity', 'earlyLoss', 'isolation', 'jobOrMoneyTrouble', 'negativeLifeEvents', 'sex', 'age', 'vulnerablePeriod']),
            urgence TEXT CHECK (urgence IN ('low', 'medium', 'high')),
            dangerosite TEXT CHECK (dangerosite IN ('low', 'medium', 'high')),
            means TEXT CHECK (means IN ('medication', 'firearm', 'hanging', 'height', 'vehicleOrTrain', 'other')),
            means_at_hand BOOLEAN NOT NULL DEFAULT false,
            cssrs TEXT NOT NULL DEFAULT ''
                CHECK (string_to_array(cssrs, ' ') <@ ARRAY['q1=yes', 'q1=no', 'q2=yes', 'q2=no', 'q3=yes', 'q3=no', 'q4=yes', 'q4=no',
                    'q5=yes', 'q5=no', 'q6=yes', 'q6=no', 'q6recent=yes', 'q6recent=no']),
            not_assessable_reason TEXT,
            suggested_level INTEGER CHECK (suggested_level BETWEEN 0 AND 5),
            suggestion_reasons TEXT,
            suggested_follow_up BOOLEAN NOT NULL DEFAULT false
        );
        ALTER TABLE call_assessments ENABLE ROW LEVEL SECURITY;
        ALTER TABLE call_assessments FORCE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_assessments FOR SELECT USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        CREATE POLICY engine_functions ON call_assessments FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        GRANT SELECT ON call_assessments TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        CREATE TRIGGER saved_call_assessments_are_kept BEFORE INSERT OR UPDATE OR DELETE ON call_assessments
            FOR EACH ROW EXECUTE FUNCTION keep_saved_call_parts();

        -- A console's assessment of its own unsaved call, replaced whole (NULL: none).
        CREATE FUNCTION write_call_assessment(p_call TEXT, p_operator TEXT, p_assessment JSONB)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_operator TEXT := acting_operator(p_operator);
            v_old calls;
            v_a call_assessments;
        BEGIN
            IF p_call IS NULL THEN RAISE EXCEPTION 'an assessment needs its call' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_old FROM calls WHERE id = p_call FOR UPDATE;
            IF FOUND THEN
                IF v_old.operator <> v_operator THEN RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501'; END IF;
                IF v_old.phase IN ('saved', 'closed') AND NOT engine_administrator() THEN
                    RAISE EXCEPTION 'call % is saved: only a supervisor''s correction changes it', p_call USING ERRCODE = '42501';
                END IF;
            END IF;
            DELETE FROM call_assessments WHERE call_id = p_call;
            IF p_assessment IS NULL OR jsonb_typeof(p_assessment) <> 'object' THEN RETURN; END IF;
            v_a := jsonb_populate_record(NULL::call_assessments, p_assessment);
            INSERT INTO call_assessments (call_id, risk_factors, urgence, dangerosite, means, means_at_hand, cssrs, not_assessable_reason,
                                          suggested_level, suggestion_reasons, suggested_follow_up)
            VALUES (p_call, coalesce(v_a.risk_factors, ''), v_a.urgence, v_a.dangerosite, v_a.means, coalesce(v_a.means_at_hand, false),
                    coalesce(v_a.cssrs, ''), v_a.not_assessable_reason, v_a.suggested_level, v_a.suggestion_reasons,
                    coalesce(v_a.suggested_follow_up, false));
        END $f$;
        REVOKE ALL ON FUNCTION write_call_assessment(TEXT, TEXT, JSONB) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION write_call_assessment(TEXT, TEXT, JSONB) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
        // Why the caller calls: up to three motifs, main first, like the call's other parts.
        ("p5-rud-call-motifs", """
        CREATE TABLE call_motifs (
            call_id TEXT NOT NULL REFERENCES calls ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 2),
            motif TEXT NOT NULL CHECK (motif IN ('burnout', 'workload', 'harassment', 'trauma', 'patientEvent', 'errorOrComplaint', 'addiction', 'bereavement', 'legalOrAdministrative', 'studies', 'isolation', 'other')),
            PRIMARY KEY (call_id, position)
        );
        ALTER TABLE call_motifs ENABLE ROW LEVEL SECURITY;
        ALTER TABLE call_motifs FORCE ROW LEVEL SECURITY;
        CREATE POLICY with_their_call ON call_motifs FOR SELECT USING (EXISTS (SELECT 1 FROM calls c WHERE c.id = call_id));
        CREATE POLICY engine_functions ON call_motifs FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        GRANT SELECT ON call_motifs TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        CREATE TRIGGER saved_call_motifs_are_kept BEFORE INSERT OR UPDATE OR DELETE ON call_motifs
            FOR EACH ROW EXECUTE FUNCTION keep_saved_call_parts();

        -- A console's motifs of its own unsaved call, replaced whole, in the order given.
        CREATE FUNCTION write_call_motifs(p_call TEXT, p_operator TEXT, p_motifs TEXT[])
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_operator TEXT := acting_operator(p_operator);
            v_old calls;
        BEGIN
            IF p_call IS NULL THEN RAISE EXCEPTION 'motifs need their call' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_old FROM calls WHERE id = p_call FOR UPDATE;
            IF FOUND THEN
                IF v_old.operator <> v_operator THEN RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501'; END IF;
                IF v_old.phase IN ('saved', 'closed') AND NOT engine_administrator() THEN
                    RAISE EXCEPTION 'call % is saved: only a supervisor''s correction changes it', p_call USING ERRCODE = '42501';
                END IF;
            END IF;
            DELETE FROM call_motifs WHERE call_id = p_call;
            INSERT INTO call_motifs (call_id, position, motif)
                SELECT p_call, m.position - 1, m.motif FROM unnest(coalesce(p_motifs, '{}'::text[])) WITH ORDINALITY AS m(motif, position);
        END $f$;
        REVOKE ALL ON FUNCTION write_call_motifs(TEXT, TEXT, TEXT[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION write_call_motifs(TEXT, TEXT, TEXT[]) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
        // A call's digest (its seal, the audit chain) covers its assessment and motifs too. A call
        // with neither keeps the digest it had (`concat_ws` skips what is NULL), so no seal made
        // before goes stale.
        ("p5-rud-sealed-parts", """
        \(callDigestWithParts)
        """),
    ] + PostgresCallbackSchema.migrations + PostgresLineSchema.migrations + PostgresCallerCodeSchema.migrations
        + PostgresFollowUpSchema.migrations + PostgresShiftHandoffs.migrations + PostgresPartCorrections.migrations
        + PostgresLineReach.migrations + PostgresWriteContention.migrations + PostgresPresenceSchema.migrations
        + PostgresAlertAgain.migrations

    /// `raise_alert` as `p4-alert-late-by` defines it: the call's open alert, or a new one, its time
    /// the server's and its lateness kept.
    /// `raise_alert` as `p1-platform` defines it: the call's open alert, or a new one at the server's time.
    static let raiseAlert = """
    CREATE FUNCTION raise_alert(p_id TEXT, p_call TEXT, p_operator TEXT, p_departement TEXT, p_level INTEGER, p_reason TEXT,
                                p_call_elapsed DOUBLE PRECISION, p_raised_at TIMESTAMPTZ, p_taken_by TEXT, p_taken_at TIMESTAMPTZ)
    RETURNS SETOF alerts LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
    DECLARE v_operator TEXT := acting_operator(p_operator); v_admin BOOLEAN := engine_administrator();
    BEGIN
        PERFORM 1 FROM calls WHERE id = p_call AND operator = v_operator FOR UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501'; END IF;
        IF p_level NOT BETWEEN 0 AND 5 OR p_reason NOT IN ('imminentRisk', 'supervisorStep') THEN
            RAISE EXCEPTION 'an alert is level 0 to 5, for imminentRisk or supervisorStep' USING ERRCODE = '22023';
        END IF;
        IF EXISTS (SELECT 1 FROM alerts WHERE call_id = p_call AND taken_at IS NULL) THEN
            RETURN QUERY SELECT * FROM alerts WHERE call_id = p_call AND taken_at IS NULL;
            RETURN;
        END IF;
        RETURN QUERY INSERT INTO alerts (id, call_id, operator, departement, level, reason, call_elapsed, raised_at, taken_by, taken_at)
            VALUES (p_id, p_call, v_operator, p_departement, p_level, p_reason, p_call_elapsed, act_time(p_raised_at),
                    CASE WHEN v_admin THEN p_taken_by END, CASE WHEN v_admin THEN p_taken_at END)
            RETURNING *;
    END $f$;
    """

    /// `raise_alert` as `p4-alert-late-by` restates it: the lateness of an alert the console could
    /// only send once the engine was back is kept.
    static let raiseAlertLateBy = [
        ("CREATE FUNCTION raise_alert(p_id TEXT, p_call TEXT, p_operator TEXT, p_departement TEXT, p_level INTEGER, p_reason TEXT,",
         "CREATE OR REPLACE FUNCTION raise_alert(p_id TEXT, p_call TEXT, p_operator TEXT, p_departement TEXT, p_level INTEGER, p_reason TEXT,"),
        ("DECLARE v_operator TEXT := acting_operator(p_operator); v_admin BOOLEAN := engine_administrator();", """
        DECLARE v_operator TEXT := acting_operator(p_operator); v_admin BOOLEAN := engine_administrator();
                v_late DOUBLE PRECISION := extract(epoch FROM now() - p_raised_at);
        """),
        ("""
        RETURN QUERY INSERT INTO alerts (id, call_id, operator, departement, level, reason, call_elapsed, raised_at, taken_by, taken_at)
            VALUES (p_id, p_call, v_operator, p_departement, p_level, p_reason, p_call_elapsed, act_time(p_raised_at),
                    CASE WHEN v_admin THEN p_taken_by END, CASE WHEN v_admin THEN p_taken_at END)
        """, """
        RETURN QUERY INSERT INTO alerts (id, call_id, operator, departement, level, reason, call_elapsed, raised_at, taken_by, taken_at,
                                         late_seconds)
            VALUES (p_id, p_call, v_operator, p_departement, p_level, p_reason, p_call_elapsed, act_time(p_raised_at),
                    CASE WHEN v_admin THEN p_taken_by END, CASE WHEN v_admin THEN p_taken_at END,
                    CASE WHEN NOT v_admin AND v_late > 15 THEN v_late END)
        """),
    ].reduce(raiseAlert) { sql, change in SQLScript.replacing(change.0, with: change.1, in: sql) }

    /// Tables whose rows are per-call or per-operator: each must have row-level security on
    /// (`ecoute check` says so when one has not).
    static let protectedTables = ["calls", "call_referrals", "call_referral_gaps", "call_leases", "call_takeovers", "audit_log",
                                  "shifts", "alerts", "console_presence", "call_seals", "call_assessments", "call_motifs"] + PostgresCallbackSchema.protectedTables
        + PostgresLineSchema.protectedTables + PostgresCallerCodeSchema.protectedTables + PostgresFollowUpSchema.protectedTables
        + ["shift_handoffs"]

    /// Creates or brings up to date the schema, roles and policies. Idempotent: a migration
    /// already applied is skipped; each runs in its own transaction with its version row.
    /// `through`: stop after that migration (tests of an upgrade: a database as an earlier version left it).
    static func migrate(_ session: PostgresSession, through last: String? = nil) throws -> [String] {
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
                let before = try PostgresSecurityManifest.exists(s) ? try PostgresSecurityManifest.current(s) : nil
                try s.script(migration.sql)
                try PostgresSecurityManifest.record(migration: migration.name, before: before, s)
                try s.execute("INSERT INTO ecoute.schema_migrations (name) VALUES ($1)", [.of(migration.name)])
                return false
            }
            if !done { applied.append(migration.name) }
            if migration.name == last { break }
        }
        try session.script(PostgresDatabaseAccess.script)
        return applied
    }

    /// Migrations applied by a newer version, unknown to this one.
    static func unknown(_ session: PostgresSession) throws -> [String] {
        let known = Set(migrations.map(\.name))
        return try session.rows("SELECT name FROM ecoute.schema_migrations ORDER BY applied_at, name").map { try $0.text("name") }
            .filter { !known.contains($0) }
    }

    /// Whether every migration this version knows is applied (false: `ecoute admin init` is due).
    static func pending(_ session: PostgresSession) throws -> [String] {
        let exists = try session.rows("SELECT to_regclass('ecoute.schema_migrations') IS NOT NULL AS present")
        guard try exists.first?.bool("present") == true else { return migrations.map(\.name) }
        let done = Set(try session.rows("SELECT name FROM ecoute.schema_migrations").map { try $0.text("name") })
        return migrations.map(\.name).filter { !done.contains($0) }
    }
}
