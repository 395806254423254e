import Foundation

/// What a terminal reports to the program.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Text pasted in one piece (bracketed paste): never taken as commands.
    case paste(String)
}

/// The screen and keyboard the runtime talks to: the ncurses `Terminal`, or a `ScriptedTerminal`
/// in tests.
public protocol TerminalDevice: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Copies a frame to the screen.
    func draw(_ grid: Grid)
    /// Waits up to `timeoutMs` for one input (0: only what has already arrived); nil when none.
    func read(timeoutMs: Int32) -> TerminalInput?
    /// The signal that asked the program to stop (SIGTERM, SIGHUP, SIGINT, SIGQUIT), if any.
    var pendingSignal: Int32? { get }
    /// Rings the terminal bell.
    func bell()
}
