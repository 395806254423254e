import EcouteCore
import Foundation

/// `q` at the end of a shift: the handoff note. What is in progress is counted by the store (shown
/// as it arrives) with the colleagues on shift; each unfinished call is handed over explicitly —
/// to a colleague on shift (Tab cycles through them) or to the supervisors, the default — and
/// the psychologist adds a few words (the identifying-text guard checks them). Enter hands the
/// calls over, writes the note and ends the shift; Esc goes back to the console.
public struct HandoffForm: Equatable, Sendable {
    public var facts: ShiftHandoff?
    /// Who may be handed a call: the operators on shift now, but this one.
    public var colleagues: [String] = []
    /// The operator's calls another of their consoles is answering now (they stay there).
    public var answeredElsewhere: [CallHolder] = []
    /// The unfinished call the handover keys act on (index in `facts.callsInProgress`).
    public var selectedCall = 0
    /// Each call's colleague (absent: left to the supervisors).
    public var recipients: [String: String] = [:]
    /// Calls already handed over by an earlier Enter (a later failure left the form open).
    public var handedOver: Set<String> = []
    public var text = TextField("", maximumLength: ShiftHandoff.maximumText)
    /// Why the last Enter was refused, or why the note could not be written.
    public var refusal: String?
    /// The note could not be written: Enter now ends the shift without it.
    public var writeFailed = false

    public init() {}

    /// The handovers Enter asks for: every call in progress not handed over yet.
    public var handovers: [CallHandover] {
        (facts?.callsInProgress ?? []).filter { !handedOver.contains($0) }.map { CallHandover(callID: $0, to: recipients[$0]) }
    }
}

/// What a key does in the handoff form; the rest goes to the note's text field.
public enum HandoffAction: Equatable, Sendable {
    /// Moves between the unfinished calls.
    case select(ListCursor.Move)
    /// The selected call's next recipient: the supervisors, then each colleague on shift.
    case nextRecipient
    case write, back
}

/// The handoff form's keys (its dispatch and the keys it shows).
public enum HandoffKeymap {
    typealias B = KeyBinding<HandoffAction>
    // ↑↓ only: Home and End stay the note's.
    static let select = B(each: [(.up, .select(.by(-1))), (.down, .select(.by(1)))], "↑↓", "handoff.key.select")
    static let recipient = B([.tab], "Tab", "handoff.key.recipient", .nextRecipient)
    static let write = B([.enter], "Entrée", "handoff.key.write", .write)
    static let back = B([.escape], "Esc", "handoff.key.back", .back)

    /// Every key of the form (its dispatch).
    public static let keymap = Keymap<HandoffAction>([select, recipient, write, back])

    /// The keys that do something in the form as it stands (its key line): the call keys only
    /// with calls to hand over; Enter says what it does now.
    public static func shown(_ form: HandoffForm) -> Keymap<HandoffAction> {
        if form.writeFailed { return Keymap([B([.enter], "Entrée", "handoff.key.endWithoutNote", .write), back]) }
        guard !form.handovers.isEmpty else { return Keymap([B([.enter], "Entrée", "handoff.key.endWithNote", .write), back]) }
        return Keymap([select, recipient, write, back])
    }
}
