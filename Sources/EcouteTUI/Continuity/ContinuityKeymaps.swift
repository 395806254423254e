import EcouteCore

/// What a key does in the callback request form (`c`).
public enum CallbackFormAction: Equatable, Sendable {
    /// Enter: on to the next step, or send the request from the last.
    case next
    /// Back to the previous step.
    case back
    case urgency(CallbackUrgency)
    /// The next or previous urgency.
    case moveUrgency(Int)
    /// Esc: nothing is written, the number is forgotten.
    case cancel
}

/// The callback form's keys at each step (its dispatch and its key line). A key none binds is
/// typed into the step's field (the motif, the number).
public enum CallbackKeymap {
    typealias B = KeyBinding<CallbackFormAction>
    static let cancel = B([.escape], "Esc", "callback.key.cancel", .cancel)

    public static func keymap(_ form: CallbackForm) -> Keymap<CallbackFormAction> {
        switch form.step {
        case .motif:
            return Keymap([B([.enter], "Entrée", "callback.key.toUrgency", .next), cancel])
        case .urgency:
            let digits = CallbackUrgency.allCases.enumerated().map { (Key.character(Character("\($0.offset + 1)")), CallbackFormAction.urgency($0.element)) }
            let arrows: [(Key, CallbackFormAction)] = [(.left, .moveUrgency(-1)), (.up, .moveUrgency(-1)), (.right, .moveUrgency(1)),
                                                      (.down, .moveUrgency(1)), (.tab, .moveUrgency(1))]
            let label = (1...CallbackUrgency.allCases.count).map(String.init).joined(separator: " ") + " ←→"
            return Keymap([
                B(each: digits + arrows, label, "callback.key.urgency"),
                B([.enter], "Entrée", "callback.key.toNumber", .next),
                B([.backspace], "⌫", "callback.key.toMotif", .back),
                cancel,
            ])
        case .number:
            var bindings = [B([.enter], "Entrée", "callback.key.send", .next), B([.escape], "Esc", "callback.key.cancelNumber", .cancel)]
            // Backspace erases the number; on an empty number it goes back to the urgency.
            if form.number.text.isEmpty { bindings.append(B([.backspace], "⌫", "callback.key.backToUrgency", .back, bar: false)) }
            return Keymap(bindings)
        }
    }
}

/// What a key does in the follow-up form (`g`).
public enum FollowUpAction: Equatable, Sendable {
    case kind(FollowUpKind)
    /// A later or earlier due date among those offered.
    case moveDays(Int)
    case write
    case cancel
}

/// The follow-up form's keys.
public enum FollowUpKeymap {
    typealias B = KeyBinding<FollowUpAction>

    public static let keymap = Keymap<FollowUpAction>([
        B(each: [(.character("1"), .kind(.supervisorCallback)), (.character("2"), .kind(.callerCallsBack))], "1 2", "followUp.key.kind"),
        B(each: [(.left, .moveDays(-1)), (.down, .moveDays(-1)), (.right, .moveDays(1)), (.up, .moveDays(1)), (.tab, .moveDays(1))],
          "←→", "followUp.key.days"),
        B([.enter], "Entrée", "followUp.key.write", .write),
        B([.escape], "Esc", "followUp.key.cancel", .cancel),
    ])
}

/// What a key does in the caller code's form (`k`) and in a caller's earlier calls.
public enum CallerCodeAction: Equatable, Sendable {
    /// Enter: look the typed code up, or give a new one on an empty field.
    case submit
    case cancel
    /// The next or previous earlier call.
    case scroll(Int)
    case close
}

/// The caller code's keys: the form's (a key none binds is typed into the code), and the earlier
/// calls' (a key none binds closes them).
public enum CallerCodeKeymap {
    typealias B = KeyBinding<CallerCodeAction>

    public static let form = Keymap<CallerCodeAction>([
        B([.enter], "Entrée", "callerCode.key.submit", .submit),
        B([.escape], "Esc", "callerCode.key.cancel", .cancel),
    ])

    public static let history = Keymap<CallerCodeAction>([
        B(each: [(.up, .scroll(-1)), (.pageUp, .scroll(-1)), (.down, .scroll(1)), (.pageDown, .scroll(1))], "↑↓", "callerCode.key.scroll"),
        B([.escape], "Esc", "callerCode.key.close", .close),
    ])
}
