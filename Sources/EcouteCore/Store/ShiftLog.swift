import Foundation

/// Shifts: one per console run, opened when the console starts and closed when it stops.
public protocol ShiftLog: Sendable {
    /// Opens the shift `id` (a new one from `Shift.newID()`) on the line the console answers at its
    /// start (`CallLine.id`; on the platform database a supervisor sees the shifts of its lines).
    func startShift(_ id: String, operatorName: String, line: String, at: Date) throws
    func endShift(_ id: String, at: Date) throws
    /// Shifts the viewer may see, newest first, with their saved calls and total call time; a
    /// shift whose console has been silent past `CallHolder.silenceLimit` at `now` is interrupted
    /// at its last sign of life (`Shift.judged`).
    func shifts(visibleTo viewer: Viewer, now: Date) throws -> [Shift]
}

extension Shift {
    /// A new shift's id, known before its row is written (a console draws its first frame first).
    public static func newID() -> String { UUID().uuidString.lowercased() }
}

extension ShiftLog {
    /// The shifts as they stand now.
    public func shifts(visibleTo viewer: Viewer) throws -> [Shift] { try shifts(visibleTo: viewer, now: Date()) }

    /// Opens a shift under a new id and returns it.
    public func startShift(operatorName: String, line: String = CallLine.healthID, at: Date) throws -> String {
        let id = Shift.newID()
        try startShift(id, operatorName: operatorName, line: line, at: at)
        return id
    }

    /// Opens the shift `id` on the health professionals' line.
    public func startShift(_ id: String, operatorName: String, at: Date) throws {
        try startShift(id, operatorName: operatorName, line: CallLine.healthID, at: at)
    }
}
