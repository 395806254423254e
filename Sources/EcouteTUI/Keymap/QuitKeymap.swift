/// What a key does about leaving the console: Ctrl-C from any screen, and the question it asks
/// during a call (« Quitter pendant un appel ? »), where any key but those of `leave` stays.
public enum QuitAction: Equatable, Sendable {
    /// Ctrl-C: quits, asking first while a call is in progress; answers the question with « stay ».
    case interrupt
    /// The question's « o »: quits, the call kept for the next start.
    case leave
}

/// The quit keys (their dispatch, and what the tests press).
public enum QuitKeymap {
    typealias B = KeyBinding<QuitAction>

    /// Read before any screen's own keys.
    public static let anywhere = Keymap<QuitAction>([B([.control("c")], "^C", "quit.key.interrupt", .interrupt)])
    /// The question asked during a call.
    public static let question = Keymap<QuitAction>([
        B([.character("o"), .character("O"), .character("y"), .character("Y")], "o", "quit.key.leave", .leave),
    ])
}
