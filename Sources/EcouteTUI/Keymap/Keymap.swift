import EcouteCore

/// Keys shown under one label in the key bar and the help, each bound to its action: most
/// bindings give every key the same action (F1 and ? for help); a few give each key its own
/// (0–5 classify at their level, ↑↓ move by one).
public struct KeyBinding<Action: Equatable & Sendable>: Sendable {
    /// The keys, each with what it does, in the order the help lists them.
    public var entries: [Entry]
    /// How the keys are written on screen ("F5", "p", "0-5", "Entrée").
    public var label: String
    /// String-table key of the description; the key bar shows `description + ".short"`.
    public var description: String
    /// Shown in the bottom bar (the rest only in help).
    public var inBar: Bool

    public struct Entry: Sendable {
        public var key: Key
        public var action: Action
    }

    /// Every key bound to the same action.
    public init(_ keys: [Key], _ label: String, _ description: String, _ action: Action, bar: Bool = true) {
        entries = keys.map { Entry(key: $0, action: action) }
        self.label = label
        self.description = description
        inBar = bar
    }

    /// Each key bound to its own action.
    public init(each pairs: [(Key, Action)], _ label: String, _ description: String, bar: Bool = true) {
        entries = pairs.map { Entry(key: $0.0, action: $0.1) }
        self.label = label
        self.description = description
        inBar = bar
    }

    public var keys: [Key] { entries.map(\.key) }
    public var actions: [Action] { entries.map(\.action) }
    /// The first key's action (the one a binding with a single action has).
    public var action: Action { entries[0].action }

    /// The same binding, listed in help only.
    public var hiddenFromBar: KeyBinding { var b = self; b.inBar = false; return b }
}

/// One screen's keys: the one table that decides what a key does there, what the key bar shows
/// and what the help lists (lazygit's per-context key config). The first binding of a key wins.
public struct Keymap<Action: Equatable & Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The action of a key on this screen, if it has one.
    public func action(for key: Key) -> Action? {
        for binding in bindings {
            if let entry = binding.entries.first(where: { $0.key == key }) { return entry.action }
        }
        return nil
    }

    /// The first key that does this action (what a test presses for it).
    public func key(for action: Action) -> Key? {
        for binding in bindings {
            if let entry = binding.entries.first(where: { $0.action == action }) { return entry.key }
        }
        return nil
    }

    /// The binding that holds this action.
    public func binding(for action: Action) -> KeyBinding<Action>? { bindings.first { $0.actions.contains(action) } }

    /// The bindings the key bar shows, in order.
    public var bar: [KeyBinding<Action>] { bindings.filter(\.inBar) }

    /// Two tables as one; the first one's bindings win where both bind a key.
    public static func + (first: Keymap, second: Keymap) -> Keymap { Keymap(first.bindings + second.bindings) }

    /// The help's lines: the keys as written on screen (with their other keys), and what they do.
    public func helpLines(_ strings: Strings) -> [(keys: String, text: String)] {
        bindings.map { binding in
            let label = KeyLabel.display(binding.label, strings)
            let others = KeyLabel.alternates(binding, strings)
            return (others.isEmpty ? label : label + " " + others, strings[binding.description])
        }
    }
}

/// How keys are written on screen.
public enum KeyLabel {
    /// A binding's label in the UI language ("Entrée" / "Enter", "Esc": « Échap » / "Esc", "PgUp": « PgPréc » / "PgUp", "Espace" / "Space").
    public static func display(_ label: String, _ strings: Strings) -> String {
        switch label {
        case "Entrée": return strings["key.enterLabel"]
        case "Esc": return strings["key.escapeLabel"]
        case "PgUp": return strings["key.pageUpLabel"]
        case "PgDn": return strings["key.pageDownLabel"]
        case "Espace": return strings["key.spaceLabel"]
        case "Début/Fin": return strings["key.homeEndLabel"]
        case "⌫ Suppr": return strings["key.deleteLabel"]
        default: return label
        }
    }

    /// The other keys of a binding whose keys all do one thing, for the help (« F9 ! », « F10 ^S »,
    /// « Entrée Échap u »); a letter's other case is not listed again.
    static func alternates<Action>(_ binding: KeyBinding<Action>, _ strings: Strings) -> String {
        guard binding.entries.allSatisfy({ $0.action == binding.action }) else { return "" }
        var seen: Set<String> = [binding.label.lowercased()]
        return binding.keys.dropFirst().compactMap { key -> String? in
            guard let text = name(key).map({ display($0, strings) }), seen.insert(text.lowercased()).inserted else { return nil }
            return text
        }.joined(separator: " ")
    }

    /// A key written briefly, language-neutral.
    static func name(_ key: Key) -> String? {
        switch key {
        case .character(let c): return String(c)
        case .enter: return "↵"
        case .escape: return "Esc"
        case .control(let c): return "^" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .right: return "→"
        default: return nil
        }
    }
}
