/// The selection in a list, for every list of every screen (pickers, referrals, directory
/// results, review lists): one place where moving by a key and clamping to the list are decided.
public enum ListCursor {
    /// How far Page Up / Page Down move.
    public static let page = 10

    /// An index kept inside a list of `count` items (0 for an empty list).
    public static func clamp(_ index: Int, count: Int) -> Int { min(max(0, count - 1), max(0, index)) }

    /// The index after moving by `delta`, inside the list.
    public static func move(_ index: Int, by delta: Int, count: Int) -> Int { clamp(index + delta, count: count) }

    /// The last item's index (0 for an empty list).
    public static func last(count: Int) -> Int { max(0, count - 1) }

    /// A move of a list's selection, as a keymap binds it.
    public enum Move: Equatable, Sendable {
        case by(Int), first, last
    }

    /// The index after a move.
    public static func moved(_ index: Int, _ move: Move, count: Int) -> Int {
        switch move {
        case .by(let delta): return self.move(index, by: delta, count: count)
        case .first: return 0
        case .last: return last(count: count)
        }
    }

    /// The list keys of a screen's keymap (↑ ↓ Page Up Page Down Home End), under one label.
    public static func binding<Action>(_ action: (Move) -> Action, description: String) -> KeyBinding<Action> {
        KeyBinding(each: [(.up, action(.by(-1))), (.down, action(.by(1))), (.pageUp, action(.by(-page))), (.pageDown, action(.by(page))),
                          (.home, action(.first)), (.end, action(.last))], "↑↓", description)
    }

    /// The index after a navigation key (↑ ↓ Page Up Page Down Home End); nil for any other key.
    public static func moved(_ index: Int, by key: Key, count: Int) -> Int? {
        switch key {
        case .up: return move(index, by: -1, count: count)
        case .down: return move(index, by: 1, count: count)
        case .pageUp: return move(index, by: -page, count: count)
        case .pageDown: return move(index, by: page, count: count)
        case .home: return 0
        case .end: return last(count: count)
        default: return nil
        }
    }

    /// The first item to show in a window of `rows` rows so that the selection is visible.
    public static func firstVisible(selected: Int, rows: Int, count: Int) -> Int {
        guard rows > 0 else { return 0 }
        return max(0, min(selected - rows + 1, count - rows))
    }

    /// The first item of the page of `rows` items that holds the selection (lists that turn by pages).
    public static func pageStart(selected: Int, rows: Int) -> Int { rows > 0 ? (selected / rows) * rows : 0 }
}
