import EcouteCore
import Foundation

/// The screens of `ecoute review`, from the list of shifts down to one call.
public enum ReviewScreen: Equatable, Sendable {
    case shifts
    /// The line's activity month by month over the last twelve months.
    case activity
    case summary
    /// The shift's calls; `riskyOnly` keeps the level 4–5 ones.
    case calls(riskyOnly: Bool)
    case call(id: String)
}

/// A supervisor's correction being entered: the field, then the new value, then the reason.
public struct CorrectionForm: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case field, value, reason }
    public var callID: String
    public var step: Step = .field
    public var field: CorrectableField = .level
    public var valueField = TextField()
    /// The value shown is the old one, pre-filled: the first character typed replaces it.
    public var valueIsPrefilled = false
    public var reasonField = TextField()
    public var value: String { valueField.text }
    public var reason: String { reasonField.text }
}

/// Everything `ecoute review` shows, in one value.
public struct ReviewModel: Sendable {
    public let viewer: Viewer
    public let strings: Strings
    public var timeZone: TimeZone
    public var width: Int
    public var height: Int
    public var screen: ReviewScreen = .shifts
    /// The lines the platform answers (their words in a call's detail).
    public var lines: [CallLine] = [CallLine.health]
    /// Where Escape goes back to, newest last.
    public var history: [ReviewScreen] = []
    public var shifts: [Shift] = []
    public var selectedShift = 0
    /// The calls of the selected shift, once loaded.
    public var calls: [CallDraft] = []
    public var selectedCall = 0
    public var audit: [AuditEntry] = []
    /// The open call's takeovers, oldest first.
    public var takeovers: [CallTakeover] = []
    /// The open call's links by caller code.
    public var linkedCalls: [LinkedCall] = []
    /// The open call's follow-up and its outcome.
    public var followUpStatus: FollowUpStatus?
    /// The activity screen's figures, once loaded.
    public var activity: ActivityFigures?
    /// Who holds the shift's unfinished calls (a call absent is held by nobody).
    public var holders: [String: CallHolder] = [:]
    public var correction: CorrectionForm?
    public var showHelp = false
    public var message: StatusMessage?
    public var shouldQuit = false

    public init(viewer: Viewer, strings: Strings, timeZone: TimeZone, width: Int = 80, height: Int = 24) {
        self.viewer = viewer
        self.strings = strings
        self.timeZone = timeZone
        self.width = width
        self.height = height
    }

    public var shift: Shift? { shifts.indices.contains(selectedShift) ? shifts[selectedShift] : nil }

    /// The calls listed on the calls screen.
    public var listedCalls: [CallDraft] {
        guard case .calls(let riskyOnly) = screen, riskyOnly else { return calls }
        return calls.filter { ($0.level?.rawValue ?? 0) >= ClassificationLevel.suicidalIdeation.rawValue }
    }

    public var openCall: CallDraft? {
        guard case .call(let id) = screen else { return nil }
        return calls.first { $0.id == id }
    }

    public var summary: ShiftSummary { ShiftSummary.compute(calls, timeZone: timeZone) }
}

public enum ReviewEvent: Equatable, Sendable {
    case key(Key)
    /// Text pasted in one piece (bracketed paste): it goes into the correction's field.
    case paste(String)
    case resize(width: Int, height: Int)
    case shifts([Shift])
    case calls(shiftID: String, [CallDraft])
    case audit(callID: String, [AuditEntry])
    case takeovers(callID: String, [CallTakeover])
    /// The other calls with the same caller code (`CallerCodes.linkedCalls`).
    case linkedCalls(callID: String, [LinkedCall])
    /// The call's follow-up with its outcome (`FollowUps.followUp`).
    case followUpStatus(callID: String, FollowUpStatus?)
    case holders([String: CallHolder])
    case activity(ActivityFigures)
    case corrected(callID: String, error: String?)
    /// The database refused a read.
    case failed(String)
    /// Another process changed the data (a call saved, a correction): reload what is shown.
    case externalChange
}

public enum ReviewEffect: Equatable, Sendable {
    case loadShifts
    case loadCalls(shiftID: String)
    case loadAudit(callID: String)
    /// The activity of the twelve months up to now, month by month.
    case loadActivity
    case correct(callID: String, field: CorrectableField, value: String, reason: String)
    case quit
}
