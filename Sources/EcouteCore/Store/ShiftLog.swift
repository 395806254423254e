import Foundation

/// Shifts: one per console run, opened when the console starts and closed when it stops.
public protocol ShiftLog: Sendable {
    /// Opens a shift and returns its id.
    func startShift(operatorName: String, at: Date) throws -> String
    func endShift(_ id: String, at: Date) throws
    /// Shifts the viewer may see, newest first, with their calls and total call time.
    func shifts(visibleTo viewer: Viewer) throws -> [Shift]
}
