/// A key press, as the backend decodes it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case function(Int)
    case control(Character)   // Ctrl-C is .control("c")
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
}
