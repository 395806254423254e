import Foundation

/// The note a psychologist leaves at the end of a shift for the next one: what is in progress
/// (counted by the store, so it is never forgotten) and a few words of their own (through the
/// identifying-text guard). The unfinished calls it lists are handed over explicitly: the board
/// offers them among the calls to close or reassign.
public struct ShiftHandoff: Equatable, Sendable {
    public var id: String
    public var shiftID: String?
    public var operatorName: String
    public var writtenAt: Date
    /// The operator's calls not saved nor closed, handed over (ids).
    public var callsInProgress: [String]
    /// Their follow-ups open and due within a day, or overdue.
    public var followUpsDue: Int
    /// Their callback requests still waiting or taken.
    public var callbacksOpen: Int
    /// Their alerts nobody took yet.
    public var alertsOpen: Int
    /// Free text, short, nothing identifying.
    public var text: String

    public init(id: String, shiftID: String?, operatorName: String, writtenAt: Date, callsInProgress: [String] = [], followUpsDue: Int = 0,
                callbacksOpen: Int = 0, alertsOpen: Int = 0, text: String = "") {
        self.id = id
        self.shiftID = shiftID
        self.operatorName = operatorName
        self.writtenAt = writtenAt
        self.callsInProgress = callsInProgress
        self.followUpsDue = followUpsDue
        self.callbacksOpen = callbacksOpen
        self.alertsOpen = alertsOpen
        self.text = text
    }

    /// The longest free text kept.
    public static let maximumText = 400
    /// Handoffs shown to the next shift: those written within this time.
    public static let shownFor: TimeInterval = 12 * 3600
}
