import Foundation

/// A terminal for tests: inputs are queued by the test, frames are kept. Driving the runtime
/// through it exercises the same loop as the real terminal, minus ncurses.
public final class ScriptedTerminal: TerminalDevice {
    public var size: (width: Int, height: Int)
    public private(set) var frames: [Grid] = []
    public private(set) var bells = 0
    public var pendingSignal: Int32?
    private var inputs: [TerminalInput] = []

    public init(width: Int = 80, height: Int = 24) {
        size = (width, height)
    }

    public func queue(_ input: TerminalInput) { inputs.append(input) }
    public func queue(keys: [Key]) { inputs += keys.map(TerminalInput.key) }
    public var hasInput: Bool { !inputs.isEmpty }

    public func draw(_ grid: Grid) { frames.append(grid) }
    public func read(timeoutMs: Int32) -> TerminalInput? { inputs.isEmpty ? nil : inputs.removeFirst() }
    public func bell() { bells += 1 }

    public var lastFrame: Grid? { frames.last }
}
