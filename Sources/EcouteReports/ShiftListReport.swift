import EcouteCore
import Foundation

/// `ecoute report shifts`: the shifts the viewer may see, newest first, one line each, with the
/// whole id that `ecoute report --shift` takes, the operator, when it started and ended (with
/// the UTC offset), its saved calls and their total duration.
public enum ShiftListReport {
    public static func text(_ shifts: [Shift], timeZone: TimeZone, strings s: Strings) -> String {
        let time = { (d: Date) in Formatting.isoTimestamp(d, timeZone: timeZone) }
        let rows = shifts.map { shift in
            [shift.id, shift.operatorName, time(shift.startedAt),
             shift.endedAt.map(time) ?? shift.interruptedAt.map { s.format("report.shiftInterrupted", time($0)) } ?? s["review.shiftOpen"],
             "\(shift.callCount)",
             Formatting.duration(shift.totalDuration)]
        }
        let header = [s["review.column.id"], s["review.column.operator"], s["review.column.start"], s["review.column.end"],
                      s["review.column.calls"], s["review.column.total"]]
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        guard !shifts.isEmpty else { return s["review.noShift"] + "\n" }
        return all.map { row in
            row.enumerated().map { $0.offset == row.count - 1 ? $0.element : DisplayWidth.padded($0.element, widths[$0.offset]) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
