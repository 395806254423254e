/// What a key does on `ecoute review`.
public enum ReviewAction: Equatable, Sendable {
    /// Moves the selection of the list on screen.
    case select(ListCursor.Move)
    /// Opens what is selected: a shift's summary, a call's detail.
    case open
    case activity, riskyCalls, allCalls, correct, back, help, quit
}

/// What a key does in the correction form; the rest goes to the value's or the reason's field.
public enum CorrectionAction: Equatable, Sendable { case previousField, nextField, submit, cancel }

/// The review's keymaps, one per screen: its dispatch, key bar and help.
public enum ReviewKeymap {
    typealias B = KeyBinding<ReviewAction>

    static let select = ListCursor.binding(ReviewAction.select, description: "review.key.select")
    static let back = B([.escape], "Esc", "review.key.back", .back)
    static let help = B([.function(1), .character("?")], "F1", "key.help", .help)
    static let quit = B([.character("q")], "q", "review.key.quit", .quit)

    public static func keymap(_ screen: ReviewScreen, canCorrect: Bool) -> Keymap<ReviewAction> {
        switch screen {
        case .shifts:
            return Keymap([select, B([.enter], "Entrée", "review.key.summary", .open), B([.character("a")], "a", "review.key.activity", .activity),
                           help, quit])
        case .activity:
            return Keymap([back, help, quit])
        case .summary:
            return Keymap([B([.character("r")], "r", "review.key.risky", .riskyCalls), B([.character("l"), .enter], "l", "review.key.calls", .allCalls),
                           back, help, quit])
        case .calls:
            return Keymap([select, B([.enter], "Entrée", "review.key.detail", .open), back, help, quit])
        case .call:
            // A psychologist's c says the review is read-only for them: in the help, not the bar.
            let correct = B([.character("c")], "c", "review.key.correct", .correct, bar: canCorrect)
            return Keymap([correct, back, help, quit])
        }
    }

    public static func current(_ m: ReviewModel) -> Keymap<ReviewAction> { keymap(m.screen, canCorrect: m.viewer.canCorrect) }

    /// The correction form's keys at each step: the field is chosen with ↑↓, then typed.
    public static func correction(_ step: CorrectionForm.Step) -> Keymap<CorrectionAction> {
        let fields = KeyBinding<CorrectionAction>(each: [(.up, .previousField), (.down, .nextField)], "↑↓", "review.key.field")
        return Keymap((step == .field ? [fields] : []) + [
            KeyBinding([.enter], "Entrée", "review.key.next", .submit),
            KeyBinding([.escape], "Esc", "review.key.cancel", .cancel),
        ])
    }
}
