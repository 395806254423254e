import EcouteCore

/// A console's presence on the platform database, written only through the engine
/// (`p11-presence-through-the-engine`): `ecoute.report_presence` takes the operator from
/// `session_user` and the heartbeat from the server's clock, accepts only the activities and
/// levels a console reports, a shift and a call of the operator's own (a call not written yet
/// passes: a console reports its pick-up before the call's first write), and never another
/// operator's console. A role keeps reading its own row and deleting it (leaving); it no longer
/// inserts or updates it by hand, so a console cannot be shown alive by a heartbeat set ahead,
/// nor free while in a call, from psql.
enum PostgresPresenceSchema {
    static let activities = ConsoleActivity.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    static let migrations: [(name: String, sql: String)] = [
        ("p11-presence-through-the-engine", """
        CREATE FUNCTION report_presence(p_console TEXT, p_host TEXT, p_pid INTEGER, p_operator TEXT, p_shift TEXT, p_activity TEXT,
                                        p_call TEXT, p_call_started_at TIMESTAMPTZ, p_level INTEGER, p_heartbeat TIMESTAMPTZ, p_line TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_operator TEXT := acting_operator(p_operator);
            v_at TIMESTAMPTZ := act_time(p_heartbeat);
        BEGIN
            IF p_activity IS NULL OR p_activity NOT IN (\(activities)) THEN
                RAISE EXCEPTION '% is not an activity a console reports', p_activity USING ERRCODE = '22023';
            END IF;
            IF p_level IS NOT NULL AND p_level NOT BETWEEN 0 AND 5 THEN
                RAISE EXCEPTION 'level % is not a level 0 to 5', p_level USING ERRCODE = '22023';
            END IF;
            IF p_shift IS NOT NULL AND NOT EXISTS (SELECT 1 FROM shifts WHERE id = p_shift AND operator = v_operator) THEN
                RAISE EXCEPTION 'shift % is not yours', p_shift USING ERRCODE = '42501';
            END IF;
            IF p_call IS NOT NULL AND EXISTS (SELECT 1 FROM calls WHERE id = p_call AND operator <> v_operator) THEN
                RAISE EXCEPTION 'call % is not yours', p_call USING ERRCODE = '42501';
            END IF;
            IF EXISTS (SELECT 1 FROM console_presence WHERE console = p_console AND operator <> v_operator) THEN
                RAISE EXCEPTION 'console % is another operator''s', p_console USING ERRCODE = '42501';
            END IF;
            INSERT INTO console_presence (console, host, pid, operator, shift_id, activity, call_id, call_started_at, level, heartbeat_at, line)
            VALUES (p_console, p_host, p_pid, v_operator, p_shift, p_activity, p_call, least(p_call_started_at, v_at), p_level, v_at,
                    coalesce(p_line, 'sante'))
            ON CONFLICT (console) DO UPDATE SET host = excluded.host, pid = excluded.pid, shift_id = excluded.shift_id,
                activity = excluded.activity, call_id = excluded.call_id, call_started_at = excluded.call_started_at,
                level = excluded.level, heartbeat_at = excluded.heartbeat_at, line = excluded.line;
        END $f$;
        REVOKE INSERT, UPDATE ON console_presence FROM ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        REVOKE ALL ON FUNCTION report_presence(TEXT, TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, INTEGER, TIMESTAMPTZ, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION report_presence(TEXT, TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT, TIMESTAMPTZ, INTEGER, TIMESTAMPTZ, TEXT)
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
    ]
}
