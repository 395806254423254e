import EcouteCore
import Foundation
import PostgresNIO

/// Shift handoffs on the platform database (`p7-shift-handoffs`): every operator reads them; a
/// role inserts only its own (row-level security), at the server's time; nobody changes one.
/// `p8-handover-and-handoff-retention`: a call in progress is handed over only through
/// `ecoute.hand_over_call` (the caller's own unfinished call, to a colleague the engine finds on
/// shift by its clock, or to the supervisors; lease ended and audit entry in the same
/// transaction); who is on shift is read through `ecoute.colleagues_on_shift` (names only, the
/// shifts themselves stay under row-level security); notes past the line's retention
/// (`handoff_retention_days`, 1–365, else 30, set by `ecoute.set_handoff_retention`) are removed
/// only by `ecoute.purge_shift_handoffs`, a supervisor's, by the server's clock.
/// `p9-handover-not-under-a-live-console`: a call another console holds and beats for (the
/// operator's other workstation) is not handed over (SQLSTATE 55006, `CallHeldElsewhere`).
struct PostgresShiftHandoffs: ShiftHandoffs {
    let session: PostgresSession

    /// How an operator hands their own unfinished call over, as `p8-handover-and-handoff-retention`
    /// defines it.
    static let handOverCall = """
        CREATE FUNCTION hand_over_call(p_call TEXT, p_to TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        DECLARE
            v_call calls;
            v_by TEXT := acting_operator(p_by);
            v_at TIMESTAMPTZ := act_time(p_at);
        BEGIN
            SELECT * INTO v_call FROM calls WHERE id = p_call FOR UPDATE;
            IF NOT FOUND THEN RAISE EXCEPTION 'no call %', p_call USING ERRCODE = '22023'; END IF;
            IF v_call.operator <> v_by THEN
                RAISE EXCEPTION '% cannot hand over %''s call', v_by, v_call.operator USING ERRCODE = '42501';
            END IF;
            IF v_call.phase IN ('saved', 'closed') THEN
                RAISE EXCEPTION 'call % is not unfinished (%)', p_call, v_call.phase USING ERRCODE = '22023';
            END IF;
            IF p_to IS NOT NULL THEN
                IF p_to = v_by OR NOT operator_on_shift(p_to) THEN
                    RAISE EXCEPTION '% is not on shift: hand the call to a colleague on shift, or to the supervisors', p_to
                        USING ERRCODE = '22023';
                END IF;
                UPDATE calls SET operator = p_to, updated_at = v_at WHERE id = p_call;
            END IF;
            DELETE FROM call_leases WHERE call_id = p_call;
            INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason)
                VALUES (p_call, v_at, v_by, 'handover', v_by, coalesce(p_to, ''), 'end-of-shift handoff');
        END $f$;
        """

    /// The same, as `p9-handover-not-under-a-live-console` restates it: with the handing console,
    /// refusing a call another console holds and beats for (object_in_use).
    static let handOverCallFromConsole = [
        ("CREATE FUNCTION hand_over_call(p_call TEXT, p_to TEXT, p_at TIMESTAMPTZ, p_by TEXT)",
         "CREATE FUNCTION hand_over_call(p_call TEXT, p_to TEXT, p_at TIMESTAMPTZ, p_by TEXT, p_console TEXT)"),
        ("v_at TIMESTAMPTZ := act_time(p_at);", "v_at TIMESTAMPTZ := act_time(p_at);\nv_holder call_leases;"),
        ("IF p_to IS NOT NULL THEN", """
        SELECT * INTO v_holder FROM call_leases l WHERE l.call_id = p_call AND l.console IS DISTINCT FROM p_console
            AND now() - l.heartbeat_at < interval '20 seconds';
        IF FOUND THEN
            RAISE EXCEPTION 'call % is held by the console of % on % (pid %), alive', p_call, v_holder.operator, v_holder.host, v_holder.pid
                USING ERRCODE = '55006';
        END IF;
        IF p_to IS NOT NULL THEN
        """),
    ].reduce(handOverCall) { sql, change in SQLScript.replacing(change.0, with: change.1, in: sql) }

    static let migrations: [(name: String, sql: String)] = [
        ("p7-shift-handoffs", """
        CREATE TABLE shift_handoffs (
            id TEXT PRIMARY KEY,
            shift_id TEXT,
            operator TEXT NOT NULL,
            written_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            calls_in_progress TEXT NOT NULL DEFAULT '',
            follow_ups_due INTEGER NOT NULL DEFAULT 0,
            callbacks_open INTEGER NOT NULL DEFAULT 0,
            alerts_open INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 400)
        );
        CREATE INDEX shift_handoffs_by_time ON shift_handoffs (written_at, id);
        CREATE TRIGGER shift_handoffs_changed AFTER INSERT OR UPDATE OR DELETE ON shift_handoffs
            FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
        ALTER TABLE shift_handoffs ENABLE ROW LEVEL SECURITY;
        ALTER TABLE shift_handoffs FORCE ROW LEVEL SECURITY;
        CREATE POLICY engine_functions ON shift_handoffs FOR ALL TO ecoute_admin USING (true) WITH CHECK (true);
        CREATE POLICY everyone_reads ON shift_handoffs FOR SELECT TO ecoute_psychologist, ecoute_trainer, ecoute_supervisor USING (true);
        CREATE POLICY own_handoff ON shift_handoffs FOR INSERT TO ecoute_psychologist, ecoute_trainer, ecoute_supervisor
            WITH CHECK (operator = current_user AND written_at > now() - interval '1 minute' AND written_at <= now() + interval '1 minute');
        REVOKE ALL ON shift_handoffs FROM PUBLIC;
        GRANT SELECT, INSERT ON shift_handoffs TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
        ("p8-handover-and-handoff-retention", """
        -- Who each call in progress was handed to (ShiftHandoff.handedTo: « call id, tab, name » lines).
        ALTER TABLE shift_handoffs ADD COLUMN handed_to TEXT NOT NULL DEFAULT '';
        -- On shift now: an open shift whose last sign of life (its console's heartbeat, else its calls'
        -- last change, else its start) is younger than a console's silence limit (Shift.judged).
        CREATE FUNCTION operator_on_shift(p_operator TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT EXISTS (SELECT 1 FROM shifts s WHERE s.operator = p_operator AND s.ended_at IS NULL
                AND now() - greatest(s.started_at, coalesce(
                    (SELECT max(p.heartbeat_at) FROM console_presence p WHERE p.shift_id = s.id),
                    (SELECT max(sc.updated_at) FROM calls sc WHERE sc.shift_id = s.id), s.started_at)) < interval '20 seconds')
        $f$;
        -- Who may be handed a call: the operators on shift, by name, nothing else of their shifts.
        CREATE FUNCTION colleagues_on_shift() RETURNS SETOF TEXT LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT DISTINCT s.operator FROM shifts s WHERE s.ended_at IS NULL AND operator_on_shift(s.operator) ORDER BY 1
        $f$;
        -- An operator hands their own unfinished call over at the end of a shift: to a colleague on
        -- shift (the call becomes theirs; their console offers it) or, p_to NULL, to the supervisors
        -- (the call stays theirs for the board to close or reassign). The lease ends and the audit
        -- log says who handed what to whom, at the server's time, in the same transaction.
        \(handOverCall)

        -- How long handoff notes are kept: the line's setting (days, 1 to 365), else 30 days.
        CREATE FUNCTION handoff_retention() RETURNS INTERVAL LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
            SELECT make_interval(days => coalesce((SELECT value::integer FROM line_settings WHERE key = 'handoff_retention_days'), 30))
        $f$;
        -- Removes (or, p_dry_run, lists) the notes older than the retention, by the server's clock.
        CREATE FUNCTION purge_shift_handoffs(p_dry_run BOOLEAN) RETURNS SETOF TEXT LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            PERFORM acting_supervisor(NULL);
            IF p_dry_run THEN
                RETURN QUERY SELECT id FROM shift_handoffs WHERE written_at < now() - handoff_retention() ORDER BY written_at, id;
            ELSE
                RETURN QUERY DELETE FROM shift_handoffs WHERE written_at < now() - handoff_retention() RETURNING id;
            END IF;
        END $f$;
        -- A supervisor sets it (its own function: the line's other settings keep theirs).
        CREATE FUNCTION set_handoff_retention(p_days INTEGER, p_at TIMESTAMPTZ, p_by TEXT) RETURNS VOID LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
        BEGIN
            IF p_days IS NULL OR p_days NOT BETWEEN 1 AND 365 THEN
                RAISE EXCEPTION 'handoff notes are kept from 1 to 365 days, not %', p_days USING ERRCODE = '22023';
            END IF;
            INSERT INTO line_settings (key, value, set_by, set_at)
                VALUES ('handoff_retention_days', p_days::text, acting_supervisor(p_by), act_time(p_at))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at;
        END $f$;
        REVOKE ALL ON FUNCTION operator_on_shift(TEXT), colleagues_on_shift(), hand_over_call(TEXT, TEXT, TIMESTAMPTZ, TEXT),
            handoff_retention(), purge_shift_handoffs(BOOLEAN), set_handoff_retention(INTEGER, TIMESTAMPTZ, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION colleagues_on_shift(), hand_over_call(TEXT, TEXT, TIMESTAMPTZ, TEXT)
            TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        GRANT EXECUTE ON FUNCTION purge_shift_handoffs(BOOLEAN), set_handoff_retention(INTEGER, TIMESTAMPTZ, TEXT) TO ecoute_supervisor;
        """),
        ("p9-handover-not-under-a-live-console", """
        -- A call another console holds, alive within a console's silence limit (the operator's
        -- other workstation, answering it), is not handed over: object_in_use. p_console is the
        -- handing console (its own lease does not count); NULL, as an older console calls it, counts
        -- every live lease.
        \(handOverCallFromConsole)
        CREATE OR REPLACE FUNCTION hand_over_call(p_call TEXT, p_to TEXT, p_at TIMESTAMPTZ, p_by TEXT)
        RETURNS VOID LANGUAGE sql SECURITY DEFINER SET search_path = ecoute, pg_temp AS $f$
            SELECT hand_over_call(p_call, p_to, p_at, p_by, NULL)
        $f$;
        REVOKE ALL ON FUNCTION hand_over_call(TEXT, TEXT, TIMESTAMPTZ, TEXT, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION hand_over_call(TEXT, TEXT, TIMESTAMPTZ, TEXT, TEXT) TO ecoute_psychologist, ecoute_supervisor, ecoute_trainer;
        """),
    ]

    func facts(id: String, shiftID: String?, of operatorName: String, now: Date) throws -> ShiftHandoff {
        let viewer = Viewer(name: operatorName, role: .psychologist)
        let followUps = try PostgresFollowUps(session: session).due(before: now + 86400, visibleTo: viewer, now: now).count
        let unfinished = CallPhase.unfinished.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let calls = try session.rows("SELECT id FROM calls WHERE operator = $1 AND phase IN (\(unfinished)) ORDER BY picked_up_at, id",
                                     [.of(operatorName)]).map { try $0.text("id") }
        let callbacks = try session.rows("SELECT count(*)::integer AS n FROM callback_requests WHERE requested_by = $1 AND status IN ('waiting', 'taken')",
                                         [.of(operatorName)]).first?.int("n") ?? 0
        let alerts = try session.rows("SELECT count(*)::integer AS n FROM alerts WHERE operator = $1 AND taken_at IS NULL",
                                      [.of(operatorName)]).first?.int("n") ?? 0
        return ShiftHandoff(id: id, shiftID: shiftID, operatorName: operatorName, writtenAt: now, callsInProgress: calls,
                            followUpsDue: followUps, callbacksOpen: callbacks, alertsOpen: alerts)
    }

    func write(_ handoff: ShiftHandoff, by viewer: Viewer) throws {
        guard handoff.operatorName == viewer.name else { throw AccessDenied("\(viewer.name) cannot write \(handoff.operatorName)'s handoff") }
        guard handoff.text.count <= ShiftHandoff.maximumText else {
            throw FollowUpRefused("a handoff note is \(ShiftHandoff.maximumText) characters at most, not \(handoff.text.count)")
        }
        do {
            _ = try session.execute("""
                INSERT INTO shift_handoffs (id, shift_id, operator, written_at, calls_in_progress, follow_ups_due, callbacks_open, alerts_open, text,
                    handed_to, line)
                VALUES ($1, $2, $3, now(), $4, $5, $6, $7, $8, $9, $10)
                """, [.of(handoff.id), .of(handoff.shiftID), .of(handoff.operatorName), .of(handoff.callsInProgress.joined(separator: ",")),
                      .of(handoff.followUpsDue), .of(handoff.callbacksOpen), .of(handoff.alertsOpen), .of(handoff.text),
                      .of(handoff.storedHandedTo), .of(handoff.line)])
        } catch let error as PostgresSession.ServerError where error.sqlState == "42501" {
            throw AccessDenied(error.message)
        }
    }

    func recent(since: Date) throws -> [ShiftHandoff] {
        try session.rows("SELECT * FROM shift_handoffs WHERE written_at >= $1 ORDER BY written_at DESC, id DESC", [.of(since)]).map {
            try ShiftHandoff(id: $0.text("id"), shiftID: $0.optionalText("shift_id"), operatorName: $0.text("operator"), writtenAt: $0.date("written_at"),
                             callsInProgress: $0.text("calls_in_progress").split(separator: ",").map(String.init),
                             followUpsDue: $0.int("follow_ups_due"), callbacksOpen: $0.int("callbacks_open"), alertsOpen: $0.int("alerts_open"),
                             text: $0.text("text"), handedTo: ShiftHandoff.handedTo(fromStored: $0.text("handed_to")), line: $0.text("line"))
        }
    }

    func colleaguesOnShift(besides operatorName: String, now: Date) throws -> [String] {
        try session.rows("SELECT name FROM ecoute.colleagues_on_shift() AS name WHERE name <> $1 ORDER BY name", [.of(operatorName)])
            .map { try $0.text("name") }
    }

    func handOver(_ callID: String, to colleague: String?, by viewer: Viewer, from console: ConsoleIdentity, at: Date) throws {
        do {
            _ = try EngineRefusal.mapped(HandoverRefused.init) {
                try session.execute("SELECT ecoute.hand_over_call($1, $2, $3, $4, $5)",
                                    [.of(callID), .of(colleague), .of(at), .of(viewer.name), .of(console.id)])
            }
        } catch let error as PostgresSession.ServerError where error.sqlState == "55006" {
            // object_in_use: another console of the operator holds the call and is alive.
            throw CallHeldElsewhere(callID: callID, holder: try PostgresLeaseRows.holder(of: callID, session))
        }
    }


    func retentionDays() throws -> Int {
        try session.rows("SELECT value FROM line_settings WHERE key = $1", [.of(ShiftHandoffRetention.settingKey)]).first
            .flatMap { Int(try $0.text("value")) } ?? ShiftHandoff.defaultRetentionDays
    }

    func setRetention(days: Int, by viewer: Viewer, at: Date) throws {
        guard viewer.role == .supervisor else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot set how long handoff notes are kept: supervisors only")
        }
        try ShiftHandoffRetention.check(days)
        _ = try EngineRefusal.mapped(CorrectionRefused.init) {
            try session.execute("SELECT ecoute.set_handoff_retention($1::integer, $2, $3)", [.of(days), .of(at), .of(viewer.name)])
        }
    }

    func purge(by viewer: Viewer, now: Date, dryRun: Bool) throws -> [String] {
        guard viewer.role == .supervisor else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot remove handoff notes: supervisors only")
        }
        return try EngineRefusal.mapped(CorrectionRefused.init) {
            try session.rows("SELECT id FROM ecoute.purge_shift_handoffs($1) AS id", [.of(dryRun)]).map { try $0.text("id") }
        }
    }
}
