import EcouteCore

/// The keys of every text field (readline's editing keys): what a key does to the text. A key
/// no screen binds and this keymap does not either is typed if it is a character.
public enum TextFieldKeymap {
    typealias B = KeyBinding<TextFieldEdit>

    public static let keymap = Keymap<TextFieldEdit>([
        B(each: [(.left, .left), (.right, .right)], "←→", "text.key.move"),
        B(each: [(.home, .home), (.control("a"), .home), (.end, .end), (.control("e"), .end)], "Début/Fin", "text.key.homeEnd"),
        B(each: [(.controlLeft, .wordLeft), (.altLeft, .wordLeft), (.alt("b"), .wordLeft),
                 (.controlRight, .wordRight), (.altRight, .wordRight), (.alt("f"), .wordRight)], "^←→", "text.key.word"),
        B(each: [(.backspace, .deleteBackward), (.delete, .deleteForward)], "⌫ Suppr", "text.key.delete"),
        B([.control("w")], "^W", "text.key.deleteWord", .deleteWordBackward),
        B([.alt("d")], "Alt-D", "text.key.deleteWordForward", .deleteWordForward),
        B([.control("u")], "^U", "text.key.deleteToStart", .deleteToStart),
        B([.control("k")], "^K", "text.key.deleteToEnd", .deleteToEnd),
    ])

    /// What a key does to a text field: an edit of the keymap, or the character typed; nil for
    /// any other key.
    public static func edit(for key: Key) -> TextFieldEdit? {
        if let edit = keymap.action(for: key) { return edit }
        if case .character(let c) = key { return .insert(String(c)) }
        return nil
    }

    /// The editing keys in one line, for a help screen (« ←→ curseur · … »).
    public static func summary(_ strings: Strings) -> String {
        strings["text.key.title"] + " " + keymap.bindings.map { KeyLabel.display($0.label, strings) + " " + strings[$0.description + ".short"] }
            .joined(separator: " · ")
    }
}

extension TextField {
    /// Applies what the key does to the field; nil when the key is not an editing key.
    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome? {
        guard let edit = TextFieldKeymap.edit(for: key) else { return nil }
        return apply(edit)
    }
}
