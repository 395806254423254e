import EcouteCore
import EcouteTUI
import EcouteTestSupport
import Foundation
import GRDB

/// A console run against its own temporary database.
final class ConsoleRun {
    let folder: URL
    let database: String
    /// Variables set for the console (`NAME='value' …`).
    var environment = ""
    var tmux: TmuxSession?

    /// Who the tests run as: the console records calls under this login (from the OS).
    static let me: String = {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid-\(geteuid())" }
        return String(cString: name)
    }()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["ECOUTE_BIN"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/ecoute").path
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("ecoute.sqlite").path
        environment = "XDG_STATE_HOME='\(folder.path)/state'"
    }

    /// A console on another database (a platform database's URL), its local files in its folder.
    init(database: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.database = database
        environment = "XDG_DATA_HOME='\(folder.path)' XDG_STATE_HOME='\(folder.path)/state'"
    }

    deinit {
        tmux = nil
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts the console; the pane keeps the exit status visible after it ends.
    func start(_ extra: String = "") throws {
        tmux = nil
        tmux = try another(extra)
    }

    /// One more console on the same database, in a terminal of its own.
    func another(_ extra: String = "") throws -> TmuxSession {
        let command = "LANG=C.UTF-8 \(environment) '\(Self.binary)' --db '\(database)' --create \(extra); echo EXIT=$?; sleep 600"
        let session = try TmuxSession(command)
        // The key bar's help key: on every console screen, in every language and on every line
        // (the header's left corner names the line).
        try session.waitFor(" F1 ")
        return session
    }

    var t: TmuxSession { tmux! }

    /// A fresh console with a call just picked up.
    static func inCall() throws -> ConsoleRun {
        let run = try ConsoleRun()
        try run.start()
        try run.t.press(.pickUp, in: .idle)
        try run.t.waitFor(TestResources.french.prefix("call.title"))
        return run
    }

    /// The console's process id, found by its unique database path.
    func pid() throws -> Int32 {
        let out = try TmuxSession.run(["pgrep", "-f", "--", "--db \(database)"])
        guard let pid = out.split(separator: "\n").compactMap({ Int32($0) }).first else {
            throw TmuxSession.Timeout(description: "no ecoute process for \(database)")
        }
        return pid
    }

    func kill(_ signal: Int32) throws {
        let pid = try pid()
        Foundation.kill(pid, signal)
    }

    /// Calls as saved, straight from SQLite.
    func calls() throws -> [Row] {
        let queue = try DatabaseQueue(path: database)
        return try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM calls ORDER BY picked_up_at") }
    }

    func referrals(of callID: String) throws -> [Row] {
        let queue = try DatabaseQueue(path: database)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM call_referrals WHERE call_id = ? ORDER BY position", arguments: [callID])
        }
    }
}
