/// What a key does on `ecoute board`.
public enum BoardAction: Equatable, Sendable {
    /// Moves the selection.
    case select(ListCursor.Move)
    case take, close, reassign, help, quit
}

/// What a key does in the board's form (a reason being typed): the rest goes to the text field.
public enum BoardFormAction: Equatable, Sendable { case submit, cancel }

/// The board's keymaps: its dispatch, key bar and help.
public enum BoardKeymap {
    public static let keymap = Keymap<BoardAction>([
        ListCursor.binding(BoardAction.select, description: "board.key.select"),
        KeyBinding([.enter, .character("t"), .character("p")], "Entrée", "board.key.take", .take),
        KeyBinding([.character("c")], "c", "board.key.close", .close),
        KeyBinding([.character("a")], "a", "board.key.reassign", .reassign),
        KeyBinding([.function(1), .character("?")], "F1", "key.help", .help),
        KeyBinding([.character("q")], "q", "board.key.quit", .quit),
    ])

    public static let form = Keymap<BoardFormAction>([
        KeyBinding([.enter], "Entrée", "board.key.submit", .submit),
        KeyBinding([.escape], "Esc", "board.key.cancel", .cancel),
    ])
}
