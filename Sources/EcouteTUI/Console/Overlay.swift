import EcouteCore
import Foundation

/// A short line shown above the key bar until the next key.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var style: TextStyle
}

/// Something drawn over the current screen that takes the keys first.
public enum Overlay: Equatable, Sendable {
    case help
    case confirmQuit
    /// The call's notes being edited, with the cursor.
    case notes(TextField)
    case picker(Picker)
    /// A few words asked for (a reason), being typed.
    case textPrompt(TextPrompt)
    /// F10 with notes that look identifying: edit them, or save anyway (asked once per call).
    case confirmIdentifying([IdentifyingText])
    /// The risk assessment (RUD, C-SSRS): `u`.
    case assessment(AssessmentPanel)
    /// A supervisor callback being asked for (`c`).
    case callback(CallbackForm)
    /// The caller's code being typed or asked for (`k`).
    case callerCode(CallerCodeForm)
    /// A caller's earlier calls, found by their code.
    case callerHistory(CallerHistoryPanel)
    /// The call's follow-up being chosen (`g`).
    case followUp(FollowUpForm)
    /// The end-of-shift handoff note (`q`).
    case handoff(HandoffForm)

    /// Whether it is the notes editor.
    public var isNotes: Bool { if case .notes = self { return true } else { return false } }
}

/// A short text the console asks for, and what it is for.
public struct TextPrompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        /// The words of an « other » reason for a required referral kind not given.
        case gapNote(ReferralKind)
        /// Why a protocol step was not done.
        case skippedStep(EmergencyStep)
        /// A follow-up call agreed with the caller: when, by whom.
        case followUp
        /// Why the emergency protocol (and its alert) was opened by mistake.
        case raisedByMistake
        /// Why the risk assessment could not be made (« non évaluable »).
        case notAssessable
    }

    public var purpose: Purpose
    public var field: TextField
    public var text: String { field.text }

    public init(_ purpose: Purpose, text: String = "") {
        self.purpose = purpose
        field = TextField(text, maximumLength: Self.maximumLength)
    }

    /// Longest text accepted.
    public static let maximumLength = 120
}
