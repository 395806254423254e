import EcouteCore
import EcouteSQLite
import Foundation
import GRDB

/// Backups and checks of the platform database: `pg_dump` for a consistent copy while consoles
/// keep working, and a check that what keeps the data honest is still in place — the schema
/// version, the whole security set as the migrations left it, the role graph, the audit chain and
/// the saved calls' seals (`PostgresSecurityCheck`), the audit log's triggers and grants — plus
/// the local directory file.
struct PostgresMaintenance: StoreMaintenance {
    let session: PostgresSession
    let directory: DirectoryFile?

    struct BackupFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// `pg_dump --format=custom` into a file created 0600, renamed into place once complete.
    func backup(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        unlink(temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupFailure(description: "\(path): cannot create the backup file")
        }
        defer { unlink(temporary) }
        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: PostgresTools.path("pg_dump"))
        // A backup never carries a callback number: the table's definition, none of its rows.
        var arguments = ["--format=custom", "--file=\(temporary)", "--dbname=\(session.url.database)", "--username=\(session.url.user)",
                         "--exclude-table-data=ecoute.callback_numbers"]
        var environment = ProcessInfo.processInfo.environment
        switch session.url.endpoint {
        case .socket(let socket):
            let folder = (socket as NSString).deletingLastPathComponent
            let port = socket.split(separator: ".").last.map(String.init) ?? "5432"
            arguments += ["--host=\(folder)", "--port=\(port)"]
        case .tcp(let host, let port):
            arguments += ["--host=\(host)", "--port=\(port)"]
            if let password = session.url.password { environment["PGPASSWORD"] = password }
            environment["PGSSLMODE"] = session.url.tls == .require ? "verify-full" : session.url.tls.rawValue
        }
        dump.arguments = arguments
        dump.environment = environment
        let errors = Pipe()
        dump.standardError = errors
        try dump.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        dump.waitUntilExit()
        guard dump.terminationStatus == 0 else {
            throw BackupFailure(description: "\(path): pg_dump failed: \(said.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard rename(temporary, path) == 0 else {
            throw BackupFailure(description: "\(path): cannot put the backup in place (\(String(cString: strerror(errno))))")
        }
    }

    func migrationsUnknownToThisVersion() throws -> [String] {
        try PostgresSchema.unknown(session)
    }

    func check() throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let pending = try PostgresSchema.pending(session)
        if !pending.isEmpty {
            problems.append(StoreProblem(.schema, "migrations not applied (\(pending.joined(separator: ", "))) — run ecoute admin init"))
            return problems
        }
        problems += try PostgresSecurityCheck.problems(session)
        let left = try PostgresCallbackQueue(session: session).numbersPastLimit(now: Date())
        if left > 0 {
            problems.append(StoreProblem(.callbackNumbers, "\(left) callback number(s) kept past the line's limit — run ecoute purge"))
        }
        // Counted by the purge's own dry run (the server's clock, the line's retention); a role that
        // may not purge is not told.
        if let old = try? session.rows("SELECT count(*)::bigint AS n FROM ecoute.purge_shift_handoffs(true)").first?.int("n"), old > 0 {
            problems.append(ShiftHandoffRetention.problem(old))
        }
        let triggers = Set(try session.rows("""
            SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'ecoute' AND NOT t.tgisinternal AND t.tgenabled <> 'D'
            """).map { try $0.text("name") })
        for missing in ["audit_log_is_append_only", "audit_log_is_never_truncated", "saved_calls_are_kept"] where !triggers.contains(missing) {
            problems.append(StoreProblem(.auditProtection,
                                         "trigger \(missing) is missing or disabled: saved calls or the audit log can be rewritten — restore it (ecoute admin init on a new database) and find who removed it"))
        }
        for row in try session.rows("""
            SELECT grantee, privilege_type FROM information_schema.role_table_grants
            WHERE table_schema = 'ecoute' AND table_name = 'audit_log' AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'INSERT')
              AND grantee <> 'ecoute_admin'
            """) {
            problems.append(StoreProblem(.auditProtection,
                                         "\(try row.text("grantee")) may \(try row.text("privilege_type")) the audit log — revoke it"))
        }
        if let directory, directory.exists {
            let verdict = (try? directory.read { db in try String.fetchAll(db, sql: "PRAGMA main.quick_check") }) ?? ["unreadable"]
            if verdict != ["ok"] {
                problems += verdict.prefix(20).map {
                    StoreProblem(.integrity, "\(directory.path): \($0) — import the directory again (ecoute directory import)")
                }
            }
        }
        return problems
    }
}

/// PostgreSQL's programs (pg_dump, initdb…): on the PATH, else in Debian's versioned folder.
public enum PostgresTools {
    public static func path(_ tool: String) -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + tool) { return folder + "/" + tool }
        return tool
    }
}
