import EcouteCore
import EcouteTestSupport
import EcouteTUI
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A terminal for end-to-end tests: the real `ecoute` binary running in a private tmux server,
/// driven with send-keys and read with capture-pane.
final class TmuxSession {
    let socket = "ecoute-e2e-\(UUID().uuidString.prefix(8))"
    let name = "e2e"

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `command` (a shell command line) in an 80×24 pane.
    init(_ command: String, width: Int = 80, height: Int = 24) throws {
        try Self.run(["tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit { _ = try? Self.run(["tmux", "-L", socket, "kill-server"]) }

    /// Sends keys as tmux names them ("F2", "Enter", "C-c") or literal text.
    func send(_ keys: String...) throws {
        for key in keys { try Self.run(["tmux", "-L", socket, "send-keys", "-t", name, key]) }
    }

    /// Presses the key the console's keymap binds to `action` in `phase`, as a psychologist reads
    /// it on the key bar.
    func press(_ action: EcouteTUI.Action, in phase: SessionPhase) throws {
        guard let key = ConsoleKeymap.forPhase(phase).key(for: action) else {
            throw Timeout(description: "the console's keymap binds no key to \(action) in \(phase)")
        }
        try send(Self.tmuxName(key))
    }

    /// Presses the key `keymap` binds to `action` (an overlay's, the board's, the review's…).
    func press<Action>(_ action: Action, in keymap: Keymap<Action>) throws {
        guard let key = keymap.key(for: action) else { throw Timeout(description: "the keymap binds no key to \(action)") }
        try send(Self.tmuxName(key))
    }

    /// tmux's name of a key (`send-keys`).
    static func tmuxName(_ key: Key) -> String {
        switch key {
        case .character(let c): return String(c)
        case .function(let n): return "F\(n)"
        case .control(let c): return "C-\(c)"
        case .alt(let c): return "M-\(c)"
        case .enter: return "Enter"
        case .escape: return "Escape"
        case .tab: return "Tab"
        case .backTab: return "BTab"
        case .backspace: return "BSpace"
        case .delete: return "DC"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PPage"
        case .pageDown: return "NPage"
        case .controlLeft: return "C-Left"
        case .controlRight: return "C-Right"
        case .altLeft: return "M-Left"
        case .altRight: return "M-Right"
        }
    }

    func type(_ text: String) throws {
        try Self.run(["tmux", "-L", socket, "send-keys", "-t", name, "-l", text])
    }

    /// Pastes text as a terminal does when the program asked for bracketed paste.
    func paste(_ text: String) throws {
        try Self.run(["tmux", "-L", socket, "set-buffer", "--", text])
        try Self.run(["tmux", "-L", socket, "paste-buffer", "-p", "-t", name])
    }

    /// The process running in the pane under its shell (the console), if any.
    func programPID() throws -> Int32? {
        let shell = try Self.run(["tmux", "-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? Self.run(["pgrep", "-P", shell])) ?? ""
        return children.split(separator: "\n").compactMap { Int32($0) }.first
    }

    /// The screen with its attributes as escape sequences (colours, reverse, bold).
    func screenWithAttributes() throws -> String {
        try Self.run(["tmux", "-L", socket, "capture-pane", "-e", "-p", "-t", name])
    }

    /// The screen as text; lines the terminal wrapped (a shell's long message) are joined, so a
    /// marker such as EXIT=137 is found wherever the wrap fell.
    func screen() throws -> String {
        try Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-J", "-t", name])
    }

    /// Waits until the screen shows `text` (polling; the limit only guards against a hang).
    @discardableResult
    func waitFor(_ text: String, limit: TimeInterval = 20) throws -> String {
        try Self.refuseEmpty([text])
        return try poll(limit: limit, read: screen, until: { $0.contains(text) }, never: "\"\(text)\"")
    }

    /// Waits until the screen shows `text` and none of `pending` (a list still being looked up).
    @discardableResult
    func waitFor(_ text: String, notWhile pending: String, limit: TimeInterval = 20) throws -> String {
        try Self.refuseEmpty([text, pending])
        return try poll(limit: limit, read: screen, until: { $0.contains(text) && !$0.contains(pending) },
                        never: "\"\(text)\" without \"\(pending)\"")
    }

    /// The screen as running text: line ends and the sides of boxes read as one space, as do runs
    /// of spaces, so a sentence the console wrapped over two rows is found whole.
    func flowingScreen() throws -> String {
        try screen().replacing(/[\s│]+/, with: " ")
    }

    /// Waits until the screen, read as running text (`flowingScreen`), shows `text`.
    @discardableResult
    func waitFor(flowing text: String, limit: TimeInterval = 20) throws -> String {
        try Self.refuseEmpty([text])
        return try poll(limit: limit, read: flowingScreen, until: { $0.contains(text) }, never: "\"\(text)\" as running text")
    }

    /// Waits until the screen shows every one of `texts`: a screen is drawn row by row, so one
    /// text there does not say that the rows after it are drawn yet.
    @discardableResult
    func waitFor(allOf texts: [String], limit: TimeInterval = 20) throws -> String {
        try Self.refuseEmpty(texts)
        return try poll(limit: limit, read: screen, until: { last in texts.allSatisfy(last.contains) },
                        never: texts.map { "\"\($0)\"" }.joined(separator: " and "))
    }

    /// Waits until the screen shows any of `texts`.
    @discardableResult
    func waitFor(_ label: String, orAnyOf texts: [String], limit: TimeInterval = 20) throws -> String {
        try Self.refuseEmpty(texts)
        return try poll(limit: limit, read: screen, until: { last in texts.contains(where: last.contains) }, never: label)
    }

    /// Reads the screen every 50 ms until `done` holds of it, for `limit` at most; past that,
    /// the error says what it `never` showed, with the last screen.
    private func poll(limit: TimeInterval, read: () throws -> String, until done: (String) -> Bool, never: String) throws -> String {
        let deadline = Date().addingTimeInterval(limit)
        var last = ""
        while Date() < deadline {
            last = try read()
            if done(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Timeout(description: "screen never showed \(never); last screen:\n\(last)" + crashLines())
    }

    /// What a crashed program said of why, from the pane's history (its backtrace scrolls the
    /// reason off the screen): the lines naming the crash or a fatal error, if any.
    private func crashLines() -> String {
        let history = (try? Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-J", "-S", "-2000", "-t", name])) ?? ""
        let reasons = history.split(separator: "\n").filter { $0.contains("crashed") || $0.contains("Fatal error") || $0.contains("Crash") }
        return reasons.isEmpty ? "" : "\nwhy the program stopped:\n" + reasons.prefix(10).joined(separator: "\n")
    }

    /// An empty text (a key's string cut before a placeholder it starts with) is on every screen:
    /// a wait for it would prove nothing.
    static func refuseEmpty(_ texts: [String]) throws {
        if texts.contains("") { throw Timeout(description: "asked to wait for an empty text, which every screen shows") }
    }

    /// Runs a command and returns its output (see `TestProcess`).
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        try TestProcess.run(arguments)
    }
}

/// The level-5 alert end to end, on either engine: F9 during a call on `console`, the alert
/// ringing at the top of `board` within 2 s, taken there with Enter, and the console told who
/// took it within 2 s. `raised` runs once the console says the alert went out.
func raiseAndTakeAlert(console: TmuxSession, board: TmuxSession, psychologist: String, supervisor: String,
                       raised: () throws -> Void = {}) throws {
    try console.press(.openEmergency, in: .inCall)
    try console.waitFor(TestResources.french.prefix("alert.pending"))
    try raised()
    let alerted = try board.waitFor("! ", limit: 2)
    #expect(alerted.contains(TestResources.french.format("board.alerts", "1")))
    // The console's own state follows at its presence write, which may come a turn after the
    // alert; a write that waited behind a busy writer is the next heartbeat's to do (every
    // `AppModel.heartbeatInterval`), so the board may show it one interval later on a busy host.
    try board.waitFor(TestResources.french["board.activity.emergency"], limit: 2 + AppModel.heartbeatInterval)
    try board.press(.take, in: BoardKeymap.keymap)
    try board.waitFor(TestResources.french.prefix("board.took", psychologist))
    try console.waitFor(TestResources.french.prefix("alert.taken", supervisor), limit: 2)
}
