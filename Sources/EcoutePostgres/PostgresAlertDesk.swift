import EcouteCore
import EcouteSQLite
import Foundation
import PostgresNIO

/// Alerts and presence on the platform database. Every change wakes the boards through
/// `NOTIFY ecoute_changes` (a trigger); taking an alert is a conditional update, so two
/// supervisors cannot both take it. Alerts are written only through the engine's functions; a
/// psychologist's role sees and raises only its own. Presence is the console's own row (its
/// role's policy: `operator = current_user`); a supervisor sees the consoles of its lines
/// (`p9-lines-presence-shifts-continuity`).
struct PostgresAlertDesk: AlertDesk {
    let session: PostgresSession

    /// Through `ecoute.raise_alert`: the call's operator raises it, at the server's time; a call
    /// with an alert still open gets that one back. The time sent is when the psychologist raised
    /// it, from which the engine tells an alert that came late.
    func raise(_ alert: Alert) throws -> Alert {
        let raisedAtConsole = alert.raisedAt.addingTimeInterval(-(alert.lateBy ?? 0))
        let rows = try session.rows("SELECT * FROM ecoute.raise_alert($1, $2, $3, $4, $5::integer, $6, $7, $8, $9, $10)",
                                    [.of(alert.id), .of(alert.callID), .of(alert.operatorName), .of(alert.departement), .of(alert.level),
                                     .of(alert.reason), .double(alert.callElapsed), .of(raisedAtConsole), .of(alert.takenBy), .of(alert.takenAt)])
        return try rows.first.map(PostgresCallRows.alert) ?? alert
    }

    /// Through `ecoute.take_alert`: a supervisor takes it as themself, at the server's time; only
    /// an alert nobody took yet.
    func take(_ alertID: String, by supervisor: String, at: Date) throws -> Alert {
        try session.transaction { s in
            let taken = try s.rows("SELECT * FROM ecoute.take_alert($1, $2, $3)", [.of(alertID), .of(supervisor), .of(at)])
            if let row = taken.first { return try PostgresCallRows.alert(row) }
            guard let row = try s.rows("SELECT * FROM alerts WHERE id = $1", [.of(alertID)]).first else { throw AlertNotFound(id: alertID) }
            throw AlertAlreadyTaken(try PostgresCallRows.alert(row))
        }
    }

    /// Through `ecoute.mark_alert_raised_by_mistake`: the call's operator sets the mark and its
    /// reason, nothing else, at the server's time.
    func markRaisedByMistake(callID: String, reason: String, at: Date) throws -> [Alert] {
        try session.rows("SELECT * FROM ecoute.mark_alert_raised_by_mistake($1, $2, $3)", [.of(callID), .of(reason), .of(at)])
            .map(PostgresCallRows.alert).sorted { ($0.raisedAt, $0.id) < ($1.raisedAt, $1.id) }
    }

    /// Every open alert, whoever raised it (`ecoute.open_alerts`: row security would hide other
    /// psychologists' alerts, which every console re-raises when nobody takes them).
    func openAlerts() throws -> [Alert] {
        try session.rows("SELECT * FROM ecoute.open_alerts()").map(PostgresCallRows.alert)
    }

    func alerts(since: Date) throws -> [Alert] {
        try session.rows("SELECT * FROM alerts WHERE raised_at >= $1 ORDER BY raised_at, id", [.of(since)]).map(PostgresCallRows.alert)
    }

    func alerts(ofCall callID: String) throws -> [Alert] {
        try session.rows("SELECT * FROM alerts WHERE call_id = $1 ORDER BY raised_at, id", [.of(callID)]).map(PostgresCallRows.alert)
    }

    func report(_ p: ConsolePresence) throws {
        // Through the engine (p11-presence-through-the-engine): operator and heartbeat are the server's.
        _ = try EngineRefusal.mapped(CorrectionRefused.init) {
            try session.execute("SELECT ecoute.report_presence($1, $2, $3::integer, $4, $5, $6, $7, $8, $9::integer, $10, $11)",
                                [.of(p.console.id), .of(p.console.host), .of(Int(p.console.pid)), .of(p.console.operatorName), .of(p.shiftID),
                                 .of(p.activity), .of(p.callID), .of(p.callStartedAt), .of(p.level), .of(p.heartbeatAt), .of(p.line)])
        }
    }

    func leave(_ consoleID: String) throws {
        try session.execute("DELETE FROM console_presence WHERE console = $1", [.of(consoleID)])
    }

    func presences() throws -> [ConsolePresence] {
        try session.rows("SELECT * FROM console_presence ORDER BY operator, console").map { row in
            try ConsolePresence(console: ConsoleIdentity(id: row.text("console"), host: row.text("host"), pid: Int32(row.int("pid")),
                                                         operatorName: row.text("operator")),
                                shiftID: row.optionalText("shift_id"), activity: row.value("activity"), callID: row.optionalText("call_id"),
                                callStartedAt: row.optionalDate("call_started_at"), level: row.optionalValue("level"),
                                heartbeatAt: row.date("heartbeat_at"), line: row.text("line"))
        }
    }
}
