/// A table of sums over the calls — how many, and their seconds, per key (a day, a shift) — that
/// SQLite keeps equal to the calls by triggers, so no writer (console, supervisor's correction,
/// restore, migration) can forget it. Read where summing the calls themselves would read every
/// call of a busy line (the line's average, the review's shift list).
struct CallSumsTable: Sendable {
    /// The table, and the name its triggers start with.
    var table: String
    /// The key column, and the SQL expression of a call row's key (`NEW`, `OLD` or `calls`).
    var keyColumn: String
    var key: @Sendable (String) -> String
    /// When a call row counts in the sums.
    var counts: @Sendable (String) -> String
    /// The columns of `calls` a change of which may move a call between keys or change its seconds.
    var watched: String
    /// A counted call row's seconds.
    var seconds: @Sendable (String) -> String

    /// The table created, filled from the calls already there, and its four triggers.
    var creation: String {
        """
        CREATE TABLE \(table) (
            \(keyColumn) TEXT PRIMARY KEY NOT NULL,
            calls INTEGER NOT NULL,
            seconds REAL NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO \(table) (\(keyColumn), calls, seconds)
            SELECT \(key("calls")), COUNT(*), SUM(\(seconds("calls")))
            FROM calls WHERE \(counts("calls")) GROUP BY \(key("calls"));
        \(trigger("after_insert", on: "INSERT", row: "NEW", sign: "+"))
        \(trigger("after_update_old", on: "UPDATE OF \(watched)", row: "OLD", sign: "-"))
        \(trigger("after_update_new", on: "UPDATE OF \(watched)", row: "NEW", sign: "+"))
        \(trigger("after_delete", on: "DELETE", row: "OLD", sign: "-"))
        """
    }

    /// Adds (`+`) or takes away (`-`) one call row from its key's sums.
    private func trigger(_ suffix: String, on event: String, row: String, sign: String) -> String {
        """
        CREATE TRIGGER \(table)_\(suffix) AFTER \(event) ON calls
        WHEN \(counts(row)) BEGIN
            INSERT INTO \(table) (\(keyColumn), calls, seconds)
                VALUES (\(key(row)), \(sign)1, \(sign)\(seconds(row)))
                ON CONFLICT (\(keyColumn)) DO UPDATE SET calls = calls + excluded.calls, seconds = seconds + excluded.seconds;
        END;
        """
    }

    /// A call's duration in seconds, as the line's average has always computed it.
    static func duration(_ row: String) -> String {
        "(julianday(\(row).ended_at) - julianday(\(row).picked_up_at)) * 86400.0"
    }

    /// Saved calls per UTC calendar day of the pick-up (v14): the line's average.
    static let savedCallDays = CallSumsTable(
        table: "saved_call_days", keyColumn: "day", key: { "date(\($0).picked_up_at)" },
        counts: { "\($0).phase = 'saved' AND \($0).ended_at IS NOT NULL" },
        watched: "phase, picked_up_at, ended_at", seconds: { duration($0) })

    /// A call's duration in whole seconds, by the rule of every report and screen
    /// (`WholeSeconds`): to the millisecond, then to the nearest second, halves away from zero.
    static func wholeSeconds(_ row: String) -> String {
        "ROUND(ROUND(\(duration(row)) * 1000.0) / 1000.0)"
    }

    /// Saved calls per shift and their whole seconds (v18-saved-shift-totals): the review's
    /// shift list, counted as every report counts.
    static let savedShiftTotals = CallSumsTable(
        table: "shift_totals", keyColumn: "shift_id", key: { "\($0).shift_id" },
        counts: { "\($0).shift_id IS NOT NULL AND \($0).phase = 'saved'" },
        watched: "shift_id, phase, picked_up_at, ended_at", seconds: { "COALESCE(\(wholeSeconds($0)), 0)" })

    /// The triggers of a table of sums, to drop it.
    var triggers: [String] { ["after_insert", "after_update_old", "after_update_new", "after_delete"].map { "\(table)_\($0)" } }

    /// v15's shift totals, as that migration made them: every call of a shift, finished or not,
    /// a call not yet ended adding no seconds. Replaced by `savedShiftTotals`.
    static let shiftTotals = CallSumsTable(
        table: "shift_totals", keyColumn: "shift_id", key: { "\($0).shift_id" },
        counts: { "\($0).shift_id IS NOT NULL" },
        watched: "shift_id, picked_up_at, ended_at", seconds: { "COALESCE(\(duration($0)), 0)" })
}
