/// The lines after `p7-call-line`, at the end of the platform database's migrations:
/// - `p9-lines-sealed-line`: a saved call's digest (its seal) covers its line and the caller's
///   category there (`call_lines`); a call with no row — the health line, every call from before
///   lines — keeps the digest it had. The calls off the health line whose seal still matched the
///   digest without the line are sealed again in the same transaction; one that no longer matched
///   stays as it was, for `ecoute check` to name. The line itself is not correctable (docs/lines.md):
///   `write_call_line` refuses a saved call, `supervise` and `supervise_part` have no such field,
///   and no application role writes `call_lines`.
enum PostgresLineReach {
    static let migrations: [(name: String, sql: String)] = [
        ("p9-lines-sealed-line", """
        -- The digest without the line stays, under another name, until the calls it still matches are sealed again.
        ALTER FUNCTION call_digest(TEXT) RENAME TO call_digest_without_line;
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
                        WHERE g.call_id = p_call),
                (SELECT 'assessment' || ROW(a.risk_factors, a.urgence, a.dangerosite, a.means, a.means_at_hand, a.cssrs,
                            a.not_assessable_reason, a.suggested_level, a.suggestion_reasons, a.suggested_follow_up)::text
                        FROM call_assessments a WHERE a.call_id = p_call),
                (SELECT 'motifs' || string_agg(m.motif, ',' ORDER BY m.position) FROM call_motifs m WHERE m.call_id = p_call),
                (SELECT 'line' || ROW(l.line, l.line_category)::text FROM call_lines l WHERE l.call_id = p_call)),
                'UTF8')), 'hex')
        $f$;
        REVOKE ALL ON FUNCTION call_digest(TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION call_digest(TEXT) TO ecoute_supervisor;
        UPDATE call_seals s SET digest = call_digest(s.call_id), sealed_at = clock_timestamp(), sealed_by = session_user
            WHERE EXISTS (SELECT 1 FROM call_lines l WHERE l.call_id = s.call_id)
              AND EXISTS (SELECT 1 FROM calls c WHERE c.id = s.call_id AND c.phase IN ('saved', 'closed'))
              AND s.digest = call_digest_without_line(s.call_id);
        DROP FUNCTION call_digest_without_line(TEXT);
        """),
    ]
}
