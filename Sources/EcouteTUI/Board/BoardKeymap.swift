/// What a key does on `ecoute board`.
public enum BoardAction: Equatable, Sendable {
    /// Moves the selection.
    case select(ListCursor.Move)
    case take, close, reassign, help, quit
    /// On a callback request: « rappelé », « injoignable » (one more try), « abandonné », its number.
    case calledBack, unreachable, abandonCallback, showNumber
}

/// What a key does in the board's form (a reason being typed): the rest goes to the text field.
/// `nextOnShift`: while naming who a call goes to, the next operator on shift.
public enum BoardFormAction: Equatable, Sendable { case submit, cancel, nextOnShift }

/// The board's keymaps: its dispatch, key bar and help.
public enum BoardKeymap {
    public static let keymap = Keymap<BoardAction>([
        ListCursor.binding(BoardAction.select, description: "board.key.select"),
        KeyBinding([.enter, .character("t"), .character("p")], "Entrée", "board.key.take", .take),
        KeyBinding([.character("c")], "c", "board.key.close", .close),
        KeyBinding([.character("a")], "a", "board.key.reassign", .reassign),
        KeyBinding([.character("r")], "r", "board.key.calledBack", .calledBack, bar: false),
        KeyBinding([.character("i")], "i", "board.key.unreachable", .unreachable, bar: false),
        KeyBinding([.character("x")], "x", "board.key.abandonCallback", .abandonCallback, bar: false),
        KeyBinding([.character("n")], "n", "board.key.showNumber", .showNumber, bar: false),
        KeyBinding([.function(1), .character("?")], "F1", "key.help", .help),
        KeyBinding([.character("q")], "q", "board.key.quit", .quit),
    ])

    public static let form = Keymap<BoardFormAction>([
        KeyBinding([.enter], "Entrée", "board.key.submit", .submit),
        KeyBinding([.tab], "Tab", "board.key.nextOnShift", .nextOnShift),
        KeyBinding([.escape], "Esc", "board.key.cancel", .cancel),
    ])
}
