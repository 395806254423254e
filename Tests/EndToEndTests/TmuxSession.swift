import Foundation
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
        let deadline = Date().addingTimeInterval(limit)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Timeout(description: "screen never showed \"\(text)\"; last screen:\n\(last)")
    }

    /// Waits until the screen shows any of `texts`.
    @discardableResult
    func waitFor(_ label: String, orAnyOf texts: [String], limit: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(limit)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if texts.contains(where: last.contains) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Timeout(description: "screen never showed \(label); last screen:\n\(last)")
    }

    /// Runs a command and returns its output. Uses posix_spawn and waitpid rather than
    /// Foundation's Process, whose exit detection hangs when the child forks a daemon that keeps
    /// inherited descriptors (as `tmux new-session` does); output goes through a file likewise.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-e2e-out-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        // A clean signal mask and default handlers, whatever the test runner's thread has.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard spawned == 0 else { throw Timeout(description: "cannot run \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        guard exited && ((status >> 8) & 0xff) == 0 else {
            throw Timeout(description: "\(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}
