import EcouteCore
import Foundation

/// Which lines each supervisor's role supervises on the platform database (`supervisor_lines`),
/// managed by its administrator (`ecoute admin lines`): through `ecoute.assign_line` and
/// `ecoute.unassign_line`, which no application role may run. A supervisor with no assignment sees
/// every line (docs/operations.md).
public enum PostgresLineAssignments {
    public struct Assignment: Equatable, Sendable {
        public var supervisor: String
        public var line: String
        public var assignedBy: String
        public var assignedAt: Date
    }

    public static func assign(_ supervisor: String, to line: String, _ url: PostgresURL) throws {
        let session = try PostgresSession(url)
        _ = try session.transaction { s in try s.execute("SELECT ecoute.assign_line($1, $2)", [.of(supervisor), .of(line)]) }
    }

    /// Whether there was such an assignment.
    public static func unassign(_ supervisor: String, from line: String, _ url: PostgresURL) throws -> Bool {
        let session = try PostgresSession(url)
        return try session.transaction { s in
            try s.rows("SELECT ecoute.unassign_line($1, $2) AS removed", [.of(supervisor), .of(line)]).first?.int("removed") ?? 0
        } > 0
    }

    public static func list(_ url: PostgresURL) throws -> [Assignment] {
        let session = try PostgresSession(url)
        return try session.rows("SELECT * FROM ecoute.supervisor_lines ORDER BY supervisor, line").map {
            Assignment(supervisor: try $0.text("supervisor"), line: try $0.text("line"), assignedBy: try $0.text("assigned_by"),
                       assignedAt: try $0.date("assigned_at"))
        }
    }
}
