import Foundation

/// Shift handoff notes (`ShiftHandoff`): counted from the store when a shift ends, written with
/// the psychologist's few words, read by the next shift's consoles and the board.
public protocol ShiftHandoffs: Sendable {
    /// What an operator leaves in progress at `now` (a handoff with no text yet, under `id`).
    func facts(id: String, shiftID: String?, of operatorName: String, now: Date) throws -> ShiftHandoff
    /// Writes a handoff (the viewer's own only).
    func write(_ handoff: ShiftHandoff, by viewer: Viewer) throws
    /// Handoffs written since a time, newest first (everyone on the line reads them).
    func recent(since: Date) throws -> [ShiftHandoff]
}
