/// Tells a screen that another process changed the shared data (a call saved, an alert raised),
/// so it can reload. SQLite polls `PRAGMA data_version`; a server engine can use its own
/// notifications behind the same protocol.
public protocol ChangeFeed: AnyObject {
    /// Whether anything was committed by another connection since the last call.
    func poll() throws -> Bool
}
