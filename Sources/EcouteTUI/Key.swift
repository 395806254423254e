/// A key press, as the backend decodes it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case function(Int)
    case control(Character)   // Ctrl-C is .control("c")
    /// Alt (Meta) with a letter, sent as Escape then the letter: Alt-B is .alt("b").
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl-← / Ctrl-→ and Alt-← / Alt-→ (terminals differ on which one they let through).
    case controlLeft, controlRight, altLeft, altRight
}
