import Foundation

/// The note a psychologist leaves at the end of a shift for the next one: what is in progress
/// (counted by the store, so it is never forgotten) and a few words of their own (through the
/// identifying-text guard). The unfinished calls it lists are handed over explicitly, each to a
/// colleague on shift or to the supervisors (`CallHandover`, `ShiftHandoffs.handOver`).
public struct ShiftHandoff: Equatable, Sendable {
    public var id: String
    public var shiftID: String?
    public var operatorName: String
    public var writtenAt: Date
    /// The operator's calls not saved nor closed, handed over (ids).
    public var callsInProgress: [String]
    /// Who each call in progress was handed to, by call id; a call absent went to the supervisors.
    public var handedTo: [String: String]
    /// Their follow-ups open and due within a day, or overdue.
    public var followUpsDue: Int
    /// Their callback requests still waiting or taken.
    public var callbacksOpen: Int
    /// Their alerts nobody took yet.
    public var alertsOpen: Int
    /// Free text, short, nothing identifying.
    public var text: String
    /// The line the console answered when the note was written (`CallLine.id`); on the platform
    /// database a supervisor reads the notes of the lines it supervises.
    public var line: String

    public init(id: String, shiftID: String?, operatorName: String, writtenAt: Date, callsInProgress: [String] = [], followUpsDue: Int = 0,
                callbacksOpen: Int = 0, alertsOpen: Int = 0, text: String = "", handedTo: [String: String] = [:],
                line: String = CallLine.healthID) {
        self.line = line
        self.id = id
        self.shiftID = shiftID
        self.operatorName = operatorName
        self.writtenAt = writtenAt
        self.callsInProgress = callsInProgress
        self.followUpsDue = followUpsDue
        self.callbacksOpen = callbacksOpen
        self.alertsOpen = alertsOpen
        self.text = text
        self.handedTo = handedTo
    }

    /// The longest free text kept.
    public static let maximumText = 400

    /// `handedTo` as stored: one « call id, tab, colleague » per line, by call id.
    public var storedHandedTo: String {
        handedTo.sorted { $0.key < $1.key }.map { $0.key + "\t" + $0.value }.joined(separator: "\n")
    }

    /// `handedTo` read back from its stored form (a line without a tab is skipped).
    public static func handedTo(fromStored text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
    /// Handoffs shown to the next shift: those written within this time.
    public static let shownFor: TimeInterval = 12 * 3600
    /// How long a handoff note is kept when the line set nothing (`ecoute purge` removes older ones).
    public static let defaultRetentionDays = 30
    /// The longest retention a line may set.
    public static let maximumRetentionDays = 365
}

/// One unfinished call handed over at the end of a shift: to a colleague on shift, or (nil) to
/// the supervisors. Recorded in the audit log as field `CallHandover.auditField`, from the
/// operator who had it to the colleague (empty: the supervisors).
public struct CallHandover: Equatable, Sendable {
    public var callID: String
    /// The colleague who receives it; nil: left to the supervisors.
    public var to: String?

    public init(callID: String, to: String?) {
        self.callID = callID
        self.to = to
    }

    /// The audit log's field for a handover.
    public static let auditField = "handover"
}

/// A handover as the audit log keeps it: when, by whom, to whom (nil: the supervisors).
public struct RecordedHandover: Equatable, Sendable {
    public var callID: String
    public var at: Date
    public var by: String
    public var to: String?

    /// The handover an audit entry records, nil for any other entry.
    public init?(_ entry: AuditEntry) {
        guard entry.field == CallHandover.auditField else { return nil }
        callID = entry.callID
        at = entry.at
        by = entry.by
        to = (entry.newValue ?? "").isEmpty ? nil : entry.newValue
    }
}

/// The line's retention of handoff notes and the words the stores share for handovers.
public enum ShiftHandoffRetention {
    /// The `line_settings` key (days).
    public static let settingKey = "handoff_retention_days"
    /// The audit entry's reason for a handover.
    public static let handoverReason = "end-of-shift handoff"

    /// Refuses a retention out of range.
    public static func check(_ days: Int) throws {
        guard (1...ShiftHandoff.maximumRetentionDays).contains(days) else {
            throw CorrectionRefused("handoff notes are kept from 1 to \(ShiftHandoff.maximumRetentionDays) days, not \(days)")
        }
    }

    /// What `ecoute check` says of notes kept past the retention.
    public static func problem(_ count: Int) -> StoreProblem {
        StoreProblem(.retention, "\(count) handoff note(s) kept past the line's retention — run ecoute purge")
    }
}
