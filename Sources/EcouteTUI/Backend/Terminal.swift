import CNcurses
import Foundation

/// The thin ncurses backend: copies a `Grid` to the terminal and turns key presses into `Key`s.
/// Everything else lives in the pure model and views.
public final class Terminal: TerminalDevice {

    /// Why the console cannot run on this terminal; found before the screen is touched.
    public enum Unusable: Error, Equatable {
        case noTerm
        case unknownTerm(String)
        case cannotMoveCursor(String)
        case startFailed(String)
        /// Standard input or output is not a terminal (a pipe, a file, /dev/null).
        case notATerminal
    }

    private var running = false
    /// Inputs read ahead while looking for a bracketed paste, handed out first.
    private var readAhead: [TerminalInput] = []
    /// The terminal went away (its SSH session or tmux server is gone) without the hang-up
    /// signal reaching us — the program is not in the terminal's session, or a tracer ate it.
    private var hungUp = false

    /// Checks the terminal, sets the locale (falling back to C.UTF-8), installs the signal
    /// handlers, starts curses.
    public init() throws {
        try Self.checkUsable()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        _ = ecoute_setup_locale()
        ecoute_install_signal_handlers()
        guard ecoute_start() == 0 else { throw Unusable.startFailed(term) }
        running = true
    }

    /// Throws when the console cannot run on this terminal; touches nothing on screen, so a
    /// command can ask before it opens the store or starts a shift.
    public static func checkUsable() throws {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        switch ecoute_check_terminal() {
        case 0: return
        case 1: throw Unusable.noTerm
        case 2: throw Unusable.unknownTerm(term)
        case 3: throw Unusable.cannotMoveCursor(term)
        default: throw Unusable.notATerminal
        }
    }

    deinit { stop() }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        if running {
            running = false
            ecoute_stop()
        }
    }

    public var size: (width: Int, height: Int) { (Int(ecoute_cols()), Int(ecoute_lines())) }

    /// The signal that asked the program to stop (SIGTERM, SIGHUP, SIGINT, SIGQUIT), if any.
    public var pendingSignal: Int32? {
        let s = ecoute_pending_signal()
        if s != 0 { return s }
        // Treated as the hang-up it is: otherwise every read fails at once and the console spins,
        // its heartbeat keeping a call nobody can see held from the other consoles.
        return hungUp ? SIGHUP : nil
    }

    public func bell() { ecoute_bell() }

    public func draw(_ grid: Grid) {
        ecoute_erase()
        for row in 0..<grid.height {
            var column = 0
            while column < grid.width {
                let style = grid.cell(row: row, column: column).style
                var run: [wchar_t] = []
                let start = column
                while column < grid.width, grid.cell(row: row, column: column).style == style {
                    // A wide character's right half is drawn by the character itself.
                    let cell = grid.cell(row: row, column: column)
                    if !cell.isContinuation {
                        for scalar in cell.character.unicodeScalars {
                            run.append(wchar_t(bitPattern: scalar.value))
                        }
                    }
                    column += 1
                }
                // The bottom-right cell would scroll some terminals: leave it blank.
                if row == grid.height - 1 && column == grid.width && !run.isEmpty { run.removeLast() }
                run.withUnsafeBufferPointer { buffer in
                    ecoute_put(Int32(row), Int32(start), buffer.baseAddress, Int32(buffer.count), style.rawValue)
                }
            }
        }
        ecoute_refresh()
    }

    /// Waits up to `timeoutMs` for a key; nil on timeout or interruption by a signal. A bracketed
    /// paste (ESC [200~ … ESC [201~) comes back whole, as one `.paste`.
    public func read(timeoutMs: Int32) -> TerminalInput? {
        if !readAhead.isEmpty { return readAhead.removeFirst() }
        guard let input = readOne(timeoutMs: timeoutMs) else { return nil }
        guard input == .key(.escape) else { return input }
        // What follows an Escape at once, in the same write, is part of one key: a sequence curses
        // did not decode (the terminal's description lacks it), a paste, Alt with a letter.
        guard let next = readOne(timeoutMs: 5) else { return input }
        guard case .key(.character(let first)) = next else {
            readAhead.append(next)
            return input
        }
        guard first == "[" || first == "O" else {
            if let alt = Self.escapeSequence(String(first)) { return .key(alt) }
            readAhead.append(next)
            return input
        }
        var sequence = String(first)
        while sequence.count < 8, let more = readOne(timeoutMs: 5) {
            guard case .key(.character(let c)) = more else { readAhead.append(more); break }
            sequence.append(c)
            if first == "O" || Self.endsSequence(c) { break }
        }
        if sequence == "[200~" { return readPaste() }
        // An unknown sequence is dropped, never typed into a note as « [1;9D ».
        return Self.escapeSequence(sequence).map(TerminalInput.key) ?? read(timeoutMs: 0)
    }

    /// Whether a character ends a control sequence (ESC [ parameters, then a final byte @–~).
    static func endsSequence(_ c: Character) -> Bool {
        guard let v = c.asciiValue else { return true }
        return v >= 0x40 && v <= 0x7E
    }

    /// The key of what followed an Escape: a control sequence (xterm, rxvt, the Linux console) or
    /// Alt with a letter of the text fields' keys; nil for anything else.
    static func escapeSequence(_ s: String) -> Key? {
        switch s {
        case "b", "f", "d": return .alt(s.first!)
        case "[A", "OA": return .up
        case "[B", "OB": return .down
        case "[C", "OC": return .right
        case "[D", "OD": return .left
        case "[H", "OH", "[1~", "[7~": return .home
        case "[F", "OF", "[4~", "[8~": return .end
        case "[3~": return .delete
        case "[5~": return .pageUp
        case "[6~": return .pageDown
        case "[Z": return .backTab
        case "[1;5D", "[5D", "Od": return .controlLeft
        case "[1;5C", "[5C", "Oc": return .controlRight
        case "[1;3D", "[3D": return .altLeft
        case "[1;3C", "[3C": return .altRight
        default: return nil
        }
    }

    /// Curses' codes for the modified arrows, from the terminal's description (-1: it has none).
    static let modifiedArrows: [(Int32, Key)] = [("kLFT5", Key.controlLeft), ("kRIT5", .controlRight), ("kLFT3", .altLeft), ("kRIT3", .altRight)]
        .map { (ecoute_key_code($0.0), $0.1) }

    /// The pasted text, up to ESC [201~ (or until the terminal goes quiet for a second).
    private func readPaste() -> TerminalInput {
        var text: [Character] = []
        let end: [Character] = ["\u{1B}", "[", "2", "0", "1", "~"]
        while let next = readOne(timeoutMs: 1000) {
            switch next {
            case .key(.escape): text.append("\u{1B}")
            case .key(.character(let c)): text.append(c)
            case .key(.enter): text.append("\n")
            case .key(.tab): text.append("\t")
            default: continue
            }
            if text.count >= end.count, Array(text.suffix(end.count)) == end {
                text.removeLast(end.count)
                break
            }
        }
        return .paste(String(text))
    }

    private func readOne(timeoutMs: Int32) -> TerminalInput? {
        var code: UInt32 = 0
        let result = ecoute_get_key(timeoutMs, &code)
        if result == KEY_CODE_YES {
            let c = Int32(code)
            if c == ecoute_key_resize() {
                return .resize(width: size.width, height: size.height)
            }
            return Self.functionKey(c).map(TerminalInput.key)
        }
        guard result == OK else {
            if Self.inputClosed() { hungUp = true }
            return nil
        }
        return Self.character(code).map(TerminalInput.key)
    }

    /// Whether standard input is a terminal that has hung up (or is no longer open).
    static func inputClosed() -> Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return errno != EINTR }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    static func functionKey(_ c: Int32) -> Key? {
        for n in 1...12 where c == ecoute_key_f(Int32(n)) { return .function(n) }
        switch c {
        case ecoute_key_up(): return .up
        case ecoute_key_down(): return .down
        case ecoute_key_left(): return .left
        case ecoute_key_right(): return .right
        case ecoute_key_home(): return .home
        case ecoute_key_end(): return .end
        case ecoute_key_npage(): return .pageDown
        case ecoute_key_ppage(): return .pageUp
        case ecoute_key_backspace(): return .backspace
        case ecoute_key_dc(): return .delete
        case ecoute_key_enter(): return .enter
        case ecoute_key_btab(): return .backTab
        default: return modifiedArrows.first { $0.0 == c && c > 0 }?.1
        }
    }

    /// Decodes a character key, control characters included (raw mode: Ctrl-C arrives as 3).
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(UnicodeScalar(code + 96)!))
        case 0..<32: return nil
        default: return UnicodeScalar(code).map { .character(Character($0)) }
        }
    }
}
