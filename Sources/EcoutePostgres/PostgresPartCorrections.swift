/// A supervisor's correction of a saved call's risk assessment or motifs on the platform database
/// (migration `p9-lines-corrected-assessments-and-motifs`, appended after the lines' own). As
/// every correction: only through a `SECURITY DEFINER` function a supervisor's role may run
/// (`ecoute.supervise_part`), which checks the call is saved and of the supervisor's lines, that
/// the part still reads as the supervisor saw it, reads the old and the new value itself from the
/// rows (`assessment_text`, `motifs_text`: the same words as `AssessmentText` and
/// `CallMotif.text`), writes the change and its audit entry in one transaction, and seals the call
/// again. The recorded suggestion of an assessment is kept: it is what the console suggested during
/// the call. A call classified 4 or 5 keeps an answered assessment, as its save required.
enum PostgresPartCorrections {
    static let migrations: [(name: String, sql: String)] = [
        ("p9-lines-corrected-assessments-and-motifs", """
        -- A call's assessment and motifs as the audit log keeps them (AssessmentText, CallMotif.text).
        CREATE FUNCTION assessment_text(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT coalesce((SELECT concat_ws(' ',
                    CASE WHEN a.risk_factors <> '' THEN 'factors=' || a.risk_factors END,
                    'urgence=' || a.urgence, 'dangerosite=' || a.dangerosite, 'means=' || a.means,
                    CASE WHEN a.means_at_hand THEN 'at_hand=yes' END,
                    CASE WHEN a.cssrs <> '' THEN 'cssrs=' || replace(replace(a.cssrs, '=', ':'), ' ', ',') END,
                    'not_assessable=' || a.not_assessable_reason)
                FROM call_assessments a WHERE a.call_id = p_call), '')
        $f$;
        CREATE FUNCTION motifs_text(p_call TEXT) RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT coalesce((SELECT string_agg(m.motif, ',' ORDER BY m.position) FROM call_motifs m WHERE m.call_id = p_call), '')
        $f$;

        -- p_field 'assessment': p_value is the new assessment as write_call_assessment takes it (JSON
        -- null: none); 'motifs': a JSON array of motif ids, main first. p_expected: the part's text
        -- as the supervisor read it.
        CREATE FUNCTION supervise_part(p_call TEXT, p_field TEXT, p_expected TEXT, p_value JSONB, p_reason TEXT, p_at TIMESTAMPTZ,
                                       p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_by TEXT := acting_supervisor(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
            v_call calls;
            v_old_row call_assessments;
            v_a call_assessments;
            v_old TEXT;
            v_new TEXT;
        BEGIN
            IF coalesce(btrim(p_reason), '') = '' THEN RAISE EXCEPTION 'a change needs a reason' USING ERRCODE = '22023'; END IF;
            SELECT * INTO v_call FROM calls WHERE id = p_call FOR UPDATE;
            IF NOT FOUND THEN RAISE EXCEPTION 'no call %', p_call USING ERRCODE = '22023'; END IF;
            IF v_call.phase <> 'saved' THEN RAISE EXCEPTION 'call % is not saved yet', p_call USING ERRCODE = '22023'; END IF;
            -- This function runs as the engine and sees every call: the supervisor's lines are checked here.
            IF NOT engine_administrator() AND v_call.operator IS DISTINCT FROM session_user
               AND NOT supervises_line(session_user, line_of_call(p_call)) THEN
                RAISE EXCEPTION '% does not supervise line %', session_user, line_of_call(p_call) USING ERRCODE = '42501';
            END IF;
            IF p_field NOT IN ('assessment', 'motifs') THEN
                RAISE EXCEPTION 'field % is not changed by supervisors here', p_field USING ERRCODE = '22023';
            END IF;
            v_old := CASE p_field WHEN 'assessment' THEN assessment_text(p_call) ELSE motifs_text(p_call) END;
            IF v_old IS DISTINCT FROM p_expected THEN
                RAISE EXCEPTION 'call % changed meanwhile (%): read it again', p_call, p_field USING ERRCODE = '40001';
            END IF;
            IF p_field = 'assessment' THEN
                SELECT * INTO v_old_row FROM call_assessments WHERE call_id = p_call;
                DELETE FROM call_assessments WHERE call_id = p_call;
                IF p_value IS NOT NULL AND jsonb_typeof(p_value) = 'object' THEN
                    v_a := jsonb_populate_record(NULL::call_assessments, p_value);
                    -- What the console suggested during the call stays what it suggested.
                    INSERT INTO call_assessments (call_id, risk_factors, urgence, dangerosite, means, means_at_hand, cssrs,
                                                  not_assessable_reason, suggested_level, suggestion_reasons, suggested_follow_up)
                    VALUES (p_call, coalesce(v_a.risk_factors, ''), v_a.urgence, v_a.dangerosite, v_a.means, coalesce(v_a.means_at_hand, false),
                            coalesce(v_a.cssrs, ''), v_a.not_assessable_reason, v_old_row.suggested_level, v_old_row.suggestion_reasons,
                            coalesce(v_old_row.suggested_follow_up, false));
                END IF;
                IF v_call.level >= 4 AND NOT EXISTS (
                        SELECT 1 FROM call_assessments a WHERE a.call_id = p_call
                          AND ((a.urgence IS NOT NULL AND a.dangerosite IS NOT NULL) OR coalesce(btrim(a.not_assessable_reason), '') <> '')) THEN
                    RAISE EXCEPTION 'call % is at level %: it keeps an answered risk assessment (urgence and dangerosite, or not_assessable and why)',
                        p_call, v_call.level USING ERRCODE = '22023';
                END IF;
                v_new := assessment_text(p_call);
            ELSE
                IF p_value IS NULL OR jsonb_typeof(p_value) <> 'array' THEN
                    RAISE EXCEPTION 'motifs are a list' USING ERRCODE = '22023';
                END IF;
                IF (SELECT count(*) <> count(DISTINCT m) FROM jsonb_array_elements_text(p_value) m) THEN
                    RAISE EXCEPTION 'a motif is listed twice' USING ERRCODE = '22023';
                END IF;
                DELETE FROM call_motifs WHERE call_id = p_call;
                INSERT INTO call_motifs (call_id, position, motif)
                    SELECT p_call, m.position - 1, m.motif FROM jsonb_array_elements_text(p_value) WITH ORDINALITY AS m(motif, position);
                v_new := motifs_text(p_call);
            END IF;
            IF v_new = v_old THEN RAISE EXCEPTION '% is already %', p_field, v_old USING ERRCODE = '22023'; END IF;
            INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason)
                VALUES (p_call, v_at, v_by, p_field, v_old, v_new, p_reason);
            PERFORM seal_call(p_call);
            PERFORM pg_notify('ecoute_changes', 'calls');
        END $f$;
        REVOKE ALL ON FUNCTION assessment_text(TEXT), motifs_text(TEXT),
            supervise_part(TEXT, TEXT, TEXT, JSONB, TEXT, TIMESTAMPTZ, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION supervise_part(TEXT, TEXT, TEXT, JSONB, TEXT, TIMESTAMPTZ, TEXT) TO ecoute_supervisor;
        """),
    ]
}
