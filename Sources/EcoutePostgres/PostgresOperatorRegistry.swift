import EcouteCore
import Foundation

/// Operators on the platform database are PostgreSQL roles: an operator logs in as their own
/// role, and their role in ecoute is their membership of `ecoute_psychologist`,
/// `ecoute_supervisor` or `ecoute_trainer` — decided by the engine, never by a table a user
/// could write. The `operators` table keeps only what roles do not hold (a supervisor's phone).
struct PostgresOperatorRegistry: OperatorRegistry {
    let session: PostgresSession

    /// Creates the login role if missing, makes it a member of exactly one group and lets it
    /// connect to this database (and no other through ecoute). Needs a
    /// connection allowed to manage roles (`ecoute admin`, as the database administrator).
    func saveOperator(_ record: OperatorRecord, now: Date) throws {
        let group = PostgresSchema.groupRoles.first { $0.operatorRole == record.role.rawValue }!.role
        try session.transaction { s in
            // What creating a role and recording it needs, checked first: the engine's own refusal
            // would only say "permission denied".
            let me = try s.rows("""
                SELECT session_user::text AS name, r.rolsuper AS super, r.rolcreaterole AS createrole,
                       has_table_privilege('ecoute.operators', 'INSERT') AS records
                FROM pg_roles r WHERE r.rolname = session_user
                """)[0]
            if try !me.bool("super"), try !me.bool("createrole") || !me.bool("records") {
                throw PlatformAdministratorRequired(operatorName: record.name, connectedAs: try me.text("name"),
                                                    lacksCreateRole: try !me.bool("createrole"), lacksAdmin: try !me.bool("records"))
            }
            if try s.rows("SELECT 1 FROM pg_roles WHERE rolname = $1", [.of(record.name)]).isEmpty {
                try s.execute(try statement("CREATE ROLE %I LOGIN", record.name, s))
            }
            for (other, _) in PostgresSchema.groupRoles where other != group {
                try s.execute(try statement("REVOKE \(other) FROM %I", record.name, s))
            }
            try s.execute(try statement("GRANT \(group) TO %I", record.name, s))
            // This database's operators alone may connect to it (`PostgresDatabaseAccess`).
            try s.execute(try s.rows("SELECT format($1, current_database(), $2) AS sql",
                                     [.of(PostgresDatabaseAccess.grantTemplate), .of(record.name)])[0].text("sql"))
            try s.execute("""
                INSERT INTO operators (name, role, system_user, phone, created_at) VALUES ($1, $2, $1, $3, $4)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, phone = excluded.phone
                """, [.of(record.name), .of(record.role), .of(record.phone), .of(now)])
        }
    }

    /// A statement naming a role, quoted by the server (`format('%I')`).
    private func statement(_ template: String, _ name: String, _ s: PostgresSession) throws -> String {
        try s.rows("SELECT format($1, $2) AS sql", [.of(template), .of(name)])[0].text("sql")
    }

    /// The operators of this database (roles are shared by every database of a cluster), each
    /// with the role its membership gives it now.
    func operators() throws -> [OperatorRecord] {
        try session.rows("""
            SELECT o.name, o.phone,
                   coalesce(pg_has_role(r.oid, 'ecoute_supervisor', 'MEMBER'), false) AS supervisor,
                   coalesce(pg_has_role(r.oid, 'ecoute_trainer', 'MEMBER'), false) AS trainer,
                   coalesce(pg_has_role(r.oid, 'ecoute_psychologist', 'MEMBER'), false) AS psychologist
            FROM operators o LEFT JOIN pg_roles r ON r.rolname = o.name
            ORDER BY o.name
            """).compactMap { row in
            let supervisor = try row.bool("supervisor"), trainer = try row.bool("trainer"), psychologist = try row.bool("psychologist")
            guard supervisor || trainer || psychologist else { return nil }   // role dropped or taken out of ecoute's groups
            let name = try row.text("name")
            return OperatorRecord(name: name, role: supervisor ? .supervisor : trainer ? .trainer : .psychologist, systemUser: name,
                                  phone: try row.optionalText("phone"))
        }
    }

    func hasSupervisor() throws -> Bool {
        try operators().contains { $0.role == .supervisor }
    }

    /// Whoever this connection is logged in as (`session_user`: the engine authenticated it),
    /// whatever name the caller passes. A database superuser acts as a supervisor.
    func viewer(systemUser: String) throws -> Viewer {
        let row = try session.rows("""
            SELECT session_user::text AS name,
                   pg_has_role(session_user, 'ecoute_supervisor', 'MEMBER') AS supervisor,
                   pg_has_role(session_user, 'ecoute_trainer', 'MEMBER') AS trainer
            """)[0]
        let supervisor = try row.bool("supervisor"), trainer = try row.bool("trainer")
        let role: OperatorRole = supervisor ? .supervisor : trainer ? .trainer : .psychologist
        return Viewer(name: try row.text("name"), role: role)
    }
}

/// `operator add` on the platform database by a role that may not create roles or record
/// operators: what it lacks, for the command to say which GRANT or which connection is needed.
public struct PlatformAdministratorRequired: Error, CustomStringConvertible {
    public var operatorName: String
    public var connectedAs: String
    /// The role lacks CREATEROLE (it cannot create login roles nor grant ecoute's groups).
    public var lacksCreateRole: Bool
    /// The role is not a member of ecoute_admin (it cannot write `ecoute.operators`).
    public var lacksAdmin: Bool

    /// The statements a superuser runs to make the connected role an administrator of ecoute.
    public var grants: [String] {
        (lacksCreateRole ? ["ALTER ROLE \(connectedAs) CREATEROLE;"] : []) + (lacksAdmin ? ["GRANT ecoute_admin TO \(connectedAs);"] : [])
    }

    public var description: String {
        "\(connectedAs) may not create the role of \(operatorName): connect as the database administrator, or run \(grants.joined(separator: " "))"
    }
}
