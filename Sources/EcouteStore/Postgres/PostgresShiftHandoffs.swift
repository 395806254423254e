import EcouteCore
import Foundation
import PostgresNIO

/// Shift handoffs on the platform database (`p7-shift-handoffs`): every operator reads them; a
/// role inserts only its own (row-level security), at the server's time; nobody changes one.
struct PostgresShiftHandoffs: ShiftHandoffs {
    let session: PostgresSession

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
                INSERT INTO shift_handoffs (id, shift_id, operator, written_at, calls_in_progress, follow_ups_due, callbacks_open, alerts_open, text)
                VALUES ($1, $2, $3, now(), $4, $5, $6, $7, $8)
                """, [.of(handoff.id), .of(handoff.shiftID), .of(handoff.operatorName), .of(handoff.callsInProgress.joined(separator: ",")),
                      .of(handoff.followUpsDue), .of(handoff.callbacksOpen), .of(handoff.alertsOpen), .of(handoff.text)])
        } catch let error as PostgresSession.ServerError where error.sqlState == "42501" {
            throw AccessDenied(error.message)
        }
    }

    func recent(since: Date) throws -> [ShiftHandoff] {
        try session.rows("SELECT * FROM shift_handoffs WHERE written_at >= $1 ORDER BY written_at DESC, id DESC", [.of(since)]).map {
            try ShiftHandoff(id: $0.text("id"), shiftID: $0.optionalText("shift_id"), operatorName: $0.text("operator"), writtenAt: $0.date("written_at"),
                             callsInProgress: $0.text("calls_in_progress").split(separator: ",").map(String.init),
                             followUpsDue: $0.int("follow_ups_due"), callbacksOpen: $0.int("callbacks_open"), alertsOpen: $0.int("alerts_open"),
                             text: $0.text("text"))
        }
    }
}
