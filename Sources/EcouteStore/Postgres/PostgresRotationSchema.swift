import EcouteCore

/// The directory's rotation on the platform database, written without contention
/// (`p10-rotation-given-appended`): a save appends one row per entry it gave to
/// `directory_rotation_given` instead of updating that entry's count in `directory_rotation`
/// in place. An in-place count is one row that every save giving the entry must lock until its
/// commit: under many consoles giving the same entries (the same département, the same
/// least-recently-given pick), saves queued behind each other's commit. An entry's count is
/// `directory_rotation`'s (what older versions counted, and `admin migrate-from-sqlite`
/// copies) plus its given rows; `PostgresRotationFeed` reads both.
enum PostgresRotationSchema {
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

        CREATE OR REPLACE FUNCTION write_call(p_call calls, p_referrals JSONB, p_gaps JSONB, p_drop_lease BOOLEAN, p_given JSONB)
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
                -- Appended, never updated in place: saves giving the same entry never wait on each other.
                INSERT INTO directory_rotation_given (source, source_id, given_at)
                    SELECT g.source, g.source_id, coalesce(v_new.saved_at, v_new.updated_at)
                    FROM jsonb_to_recordset(coalesce(p_given, '[]'::jsonb)) AS g(source TEXT, source_id TEXT);
                PERFORM seal_call(v_new.id);
            END IF;
        END $f$;
        """),
    ]
}
