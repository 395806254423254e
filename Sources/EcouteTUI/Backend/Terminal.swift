import CNcurses
import Foundation

/// The thin ncurses backend: copies a `Grid` to the terminal and turns key presses into `Key`s.
/// Everything else lives in the pure model and views.
public final class Terminal: TerminalDevice {

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    private var running = false

    /// Sets the locale (falling back to C.UTF-8), installs the signal handlers, starts curses.
    public init() throws {
        _ = ecoute_setup_locale()
        ecoute_install_signal_handlers()
        guard ecoute_start() == 0 else {
            throw StartError(description: "cannot start the terminal interface (is this a terminal? TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
        }
        running = true
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
        return s == 0 ? nil : s
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

    /// Waits up to `timeoutMs` for a key; nil on timeout or interruption by a signal.
    public func read(timeoutMs: Int32) -> TerminalInput? {
        var code: UInt32 = 0
        let result = ecoute_get_key(timeoutMs, &code)
        if result == KEY_CODE_YES {
            let c = Int32(code)
            if c == ecoute_key_resize() {
                return .resize(width: size.width, height: size.height)
            }
            return Self.functionKey(c).map(TerminalInput.key)
        }
        guard result == OK else { return nil }
        return Self.character(code).map(TerminalInput.key)
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
        default: return nil
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
