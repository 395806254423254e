import EcouteCore
import Foundation
import GRDB

/// Puts a backup in place of a database file: the backup is checked first, copied beside the
/// target (0600) and renamed over it, so the target is either the old file or the whole backup.
public enum SQLiteRestore {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func restore(from source: String, to target: String) throws {
        guard FileManager.default.fileExists(atPath: source) else { throw Failure(description: "\(source): no such file") }
        var config = Configuration()
        config.readonly = true
        let problems: [StoreProblem]
        do {
            let backup = try DatabaseQueue(path: source, configuration: config)
            problems = try SQLiteMaintenance.check(backup)
            try backup.close()
        } catch {
            throw Failure(description: "\(source): not a readable ecoute backup (\(error))")
        }
        if let problem = problems.first(where: { $0.kind != .schema }) {
            throw Failure(description: "\(source): the backup fails its check: \(problem)")
        }
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).restore.tmp").path
        unlink(temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: try Data(contentsOf: URL(fileURLWithPath: source)),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "\(target): cannot write beside it")
        }
        // The old file's journal must not be replayed into the restored one.
        unlink(target + "-wal")
        unlink(target + "-shm")
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw Failure(description: "\(target): cannot put the backup in place (\(String(cString: strerror(errno))))")
        }
    }
}
