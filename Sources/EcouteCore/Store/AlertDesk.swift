import Foundation

/// Alerts between consoles, and who is on shift doing what. A backend notifies the other
/// processes of every change through its `ChangeFeed`.
public protocol AlertDesk: Sendable {
    /// Raises an alert for a call; while one is open (untaken, not marked raised by mistake) for
    /// the call, that one is returned.
    @discardableResult
    func raise(_ alert: Alert) throws -> Alert
    /// The same, for an alert that may arrive late: one sent again after its first try did not
    /// reach the store (`lateBy` set) is recorded at its arrival — `arrival()` read once the store
    /// has taken the write (after any lock it waited for), its lateness reckoned from its first
    /// raise (`raisedAt - lateBy`). A store whose engine keeps its own time (PostgreSQL) uses that.
    @discardableResult
    func raise(_ alert: Alert, arrival: () -> Date) throws -> Alert
    /// « Je prends »: the alert is the taker's; throws `AlertAlreadyTaken` when someone was first.
    func take(_ alertID: String, by supervisor: String, at: Date) throws -> Alert
    /// Alerts not taken yet, oldest first.
    func openAlerts() throws -> [Alert]
    /// Alerts raised since a time (taken or not), oldest first.
    func alerts(since: Date) throws -> [Alert]
    /// The alerts of one call, oldest first.
    func alerts(ofCall callID: String) throws -> [Alert]
    /// The psychologist says the call's alerts were raised by mistake (F9 pressed by accident),
    /// and why: each alert of the call not yet so marked keeps its raise and gains the marking (a
    /// supervisor still acknowledges it). Returns the alerts marked.
    @discardableResult
    func markRaisedByMistake(callID: String, reason: String, at: Date) throws -> [Alert]

    /// A console says what it is doing (upserted by console id).
    func report(_ presence: ConsolePresence) throws
    /// The console stopped (quit): it leaves the board.
    func leave(_ consoleID: String) throws
    /// Every console that reported, alive or not (the reader decides).
    func presences() throws -> [ConsolePresence]
}

extension AlertDesk {
    /// A store that keeps its own time (or a double) records the alert as it comes.
    @discardableResult
    public func raise(_ alert: Alert, arrival: () -> Date) throws -> Alert { try raise(alert) }
}
