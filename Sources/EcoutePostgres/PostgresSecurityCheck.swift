import EcouteCore
import EcouteSQLite
import Foundation

/// What `ecoute check` verifies on the platform database beyond the schema version: the whole
/// security set as the migrations left it, who may act as whom, and the record's tamper evidence.
///
/// - row-level security on and forced on every per-call table;
/// - the security manifest (`PostgresSecurityManifest`): exact policies per table, owners, table,
///   column and function grants, triggers present and enabled, function definitions unchanged;
/// - the role graph: ecoute's group roles are members of nothing and have no login; an
///   operator of this database belongs to exactly one group, has no members (nobody can
///   `SET ROLE` to them), no superuser, BYPASSRLS or CREATEROLE; ecoute_admin is no operator's;
///   no database or role setting turns triggers off (`session_replication_role`);
/// - the audit chain complete (every entry hashed and linked, the head at its last entry), and
///   every saved or closed call equal to its seal (a change made while triggers were off shows).
enum PostgresSecurityCheck {
    static func problems(_ s: PostgresSession) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let reader = try s.rows("SELECT session_user::text AS name, has_table_privilege('ecoute.security_manifest', 'SELECT') AS may")[0]
        guard try reader.bool("may") else {
            return [StoreProblem(.auditProtection,
                                 "\(try reader.text("name")) cannot read ecoute's security set: run ecoute check as a supervisor or as the database administrator")]
        }
        let security = Dictionary(uniqueKeysWithValues: try s.rows("""
            SELECT c.relname AS name, c.relrowsecurity AS secured, c.relforcerowsecurity AS forced
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ecoute' AND c.relkind = 'r'
            """).map { (try $0.text("name"), (try $0.bool("secured"), try $0.bool("forced"))) })
        for table in PostgresSchema.protectedTables {
            if security[table]?.0 != true {
                problems.append(StoreProblem(.auditProtection,
                                             "row-level security is off on \(table): every role can read every row — run ecoute admin init, and find who turned it off"))
            } else if security[table]?.1 != true {
                problems.append(StoreProblem(.auditProtection,
                                             "row-level security is not forced on \(table): its owner's connections skip the policies — ALTER TABLE ecoute.\(table) FORCE ROW LEVEL SECURITY, and find who changed it"))
            }
        }
        problems += try PostgresSecurityManifest.differences(s).map { StoreProblem(.auditProtection, $0) }
        problems += try roleGraph(s)
        problems += try auditChain(s)
        problems += try unknownValues(s)
        return problems
    }

    /// Stored values this version does not know (written by hand, or by a newer version): reports
    /// read them as unknown rather than failing; counted here, column by column.
    static func unknownValues(_ s: PostgresSession) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        for (table, column, values) in StoredVocabulary.columns {
            let row = try s.rows("""
                SELECT count(*)::bigint AS n, string_agg(DISTINCT \(column)::text, ', ') AS seen
                FROM ecoute.\(table) WHERE \(column) IS NOT NULL AND NOT (\(column)::text = ANY($1::text[]))
                """, [.of(PostgresArray.text(values))])[0]
            let count = try row.int("n")
            guard count > 0 else { continue }
            problems.append(StoredVocabulary.problem(table: table, column: column, count: count, seen: try row.optionalText("seen") ?? ""))
        }
        return problems
    }

    static func roleGraph(_ s: PostgresSession) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let groups = PostgresSchema.groupRoles.map(\.role)
        let ecoute = groups + ["ecoute_admin"]
        // ecoute's own roles: members of nothing, no login, nothing that skips the policies.
        for row in try s.rows("""
            SELECT r.rolname AS name, r.rolcanlogin AS login, r.rolsuper OR r.rolbypassrls AS bypass,
                   (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                    WHERE m.member = r.oid) AS member_of
            FROM pg_roles r WHERE r.rolname = ANY($1::text[])
            """, [.of(PostgresArray.text(ecoute))]) {
            let name = try row.text("name")
            if try row.bool("login") { problems.append(StoreProblem(.auditProtection, "\(name) can log in: nobody should — ALTER ROLE \(name) NOLOGIN")) }
            if try row.bool("bypass") {
                problems.append(StoreProblem(.auditProtection, "\(name) bypasses row-level security — ALTER ROLE \(name) NOSUPERUSER NOBYPASSRLS"))
            }
            if let memberOf = try row.optionalText("member_of") {
                problems.append(StoreProblem(.auditProtection,
                                             "\(name) is a member of \(memberOf): each of its members gets those rights — REVOKE \(memberOf) FROM \(name)"))
            }
        }
        // The operators of this database.
        for row in try s.rows("""
            SELECT r.rolname AS name, r.rolsuper OR r.rolbypassrls AS bypass, r.rolcreaterole AS createrole,
                   (SELECT count(*) FROM pg_roles g
                    WHERE g.rolname = ANY($1::text[]) AND pg_has_role(r.oid, g.oid, 'MEMBER'))::bigint AS groups,
                   (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                    WHERE m.member = r.oid AND g.rolname = 'ecoute_admin') AS admin,
                   (SELECT string_agg(x.rolname, ', ' ORDER BY x.rolname) FROM pg_auth_members m JOIN pg_roles x ON x.oid = m.member
                    WHERE m.roleid = r.oid) AS members
            FROM ecoute.operators o JOIN pg_roles r ON r.rolname = o.name ORDER BY r.rolname
            """, [.of(PostgresArray.text(groups))]) {
            let name = try row.text("name")
            if try row.int("groups") > 1 {
                problems.append(StoreProblem(.auditProtection,
                                             "\(name) is a member of several of ecoute's groups: set one with ecoute operator add (it revokes the others)"))
            }
            if try row.bool("bypass") {
                problems.append(StoreProblem(.auditProtection, "operator \(name) bypasses row-level security — ALTER ROLE \(name) NOSUPERUSER NOBYPASSRLS"))
            }
            if try row.bool("createrole") {
                problems.append(StoreProblem(.auditProtection, "operator \(name) may create and grant roles — ALTER ROLE \(name) NOCREATEROLE"))
            }
            if try row.optionalText("admin") != nil {
                problems.append(StoreProblem(.auditProtection, "operator \(name) is a member of ecoute_admin, the owner of everything — REVOKE ecoute_admin FROM \(name)"))
            }
            if let members = try row.optionalText("members") {
                problems.append(StoreProblem(.auditProtection,
                                             "\(members) can act as operator \(name) (a member of their role: SET ROLE) — REVOKE \(name) FROM \(members)"))
            }
        }
        // Who may connect: this database's operators and administrators, not the cluster's every role
        // (`PostgresDatabaseAccess`); then a login role in one of the cluster's groups that may connect
        // here is one of this database's operators, or was given its group by hand.
        if try s.rows("SELECT has_database_privilege('public', current_database(), 'CONNECT') AS open")[0].bool("open") {
            let database = try s.rows("SELECT current_database()::text AS name")[0].text("name")
            problems.append(StoreProblem(.auditProtection,
                                         "every role of the cluster may connect to \(database) (CONNECT granted to PUBLIC), so a role given one of ecoute's groups elsewhere acts here — REVOKE CONNECT ON DATABASE \(database) FROM PUBLIC, or run ecoute admin init as its owner"))
        } else {
            for row in try s.rows("""
                SELECT r.rolname AS name,
                       (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_roles g
                        WHERE g.rolname = ANY($1::text[]) AND pg_has_role(r.oid, g.oid, 'MEMBER')) AS groups
                FROM pg_roles r
                WHERE r.rolcanlogin AND NOT r.rolsuper AND NOT r.rolname = ANY($2::text[])
                  AND EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = ANY($1::text[]) AND pg_has_role(r.oid, g.oid, 'MEMBER'))
                  AND has_database_privilege(r.oid, current_database(), 'CONNECT')
                  AND NOT EXISTS (SELECT 1 FROM ecoute.operators o WHERE o.name = r.rolname)
                ORDER BY r.rolname
                """, [.of(PostgresArray.text(groups)), .of(PostgresArray.text(ecoute))]) {
                let name = try row.text("name"), memberOf = try row.text("groups")
                problems.append(StoreProblem(.auditProtection,
                                             "\(name) is in \(memberOf) and may connect to this database but is not one of its operators — register it with ecoute operator add, or REVOKE \(memberOf) FROM \(name)"))
            }
        }
        // A database or role setting that turns triggers off for every session.
        for row in try s.rows("""
            SELECT coalesce(d.datname, 'every database') AS db, coalesce(r.rolname, 'every role') AS role, x AS setting
            FROM pg_db_role_setting st LEFT JOIN pg_database d ON d.oid = st.setdatabase LEFT JOIN pg_roles r ON r.oid = st.setrole,
                 unnest(st.setconfig) x
            WHERE x ILIKE 'session_replication_role=%' AND x NOT ILIKE 'session_replication_role=origin'
              AND (st.setdatabase = 0 OR d.datname = current_database())
            """) {
            problems.append(StoreProblem(.auditProtection,
                                         "\(try row.text("setting")) is set for \(try row.text("role")) on \(try row.text("db")): triggers do not fire — RESET it"))
        }
        return problems
    }

    static func auditChain(_ s: PostgresSession) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let genesis = String(repeating: "0", count: 64)
        struct Entry { var id: Int; var previous: String?; var hash: String?; var recomputed: String }
        let entries = try s.rows("SELECT a.id, a.previous_hash, a.hash, ecoute.audit_entry_hash(a) AS recomputed FROM ecoute.audit_log a ORDER BY a.id")
            .map { Entry(id: try $0.int("id"), previous: try $0.optionalText("previous_hash"), hash: try $0.optionalText("hash"),
                         recomputed: try $0.text("recomputed")) }
        var next: [String: [Int]] = [:]
        var byHash: [String: Entry] = [:]
        for e in entries {
            guard let hash = e.hash, let previous = e.previous else {
                problems.append(StoreProblem(.auditChain,
                                             "audit entry \(e.id) has no hash: written while the engine's triggers were off — compare with a backup"))
                continue
            }
            if hash != e.recomputed {
                problems.append(StoreProblem(.auditChain, "audit entry \(e.id) was changed after it was written — compare with a backup"))
            }
            next[previous, default: []].append(e.id)
            byHash[hash] = e
        }
        for (previous, ids) in next where previous != genesis && byHash[previous] == nil {
            problems.append(StoreProblem(.auditChain,
                                         "audit entry \(ids.map(String.init).joined(separator: ", ")) follows an entry that is gone: an entry was removed — compare with a backup"))
        }
        for ids in next.values where ids.count > 1 {
            problems.append(StoreProblem(.auditChain,
                                         "audit entries \(ids.map(String.init).joined(separator: ", ")) claim the same predecessor: one was inserted by hand — compare with a backup"))
        }
        // The head names the last entry written: gone, the last entry was removed.
        let head = try s.rows("SELECT hash FROM ecoute.audit_chain_head").first.map { try $0.text("hash") } ?? genesis
        if head != genesis ? byHash[head] == nil : !byHash.isEmpty {
            problems.append(StoreProblem(.auditChain, "the audit log's last entry is gone (the chain's head is not there) — compare with a backup"))
        } else if next[head] != nil {
            problems.append(StoreProblem(.auditChain, "audit entries were added after the chain's head by hand — compare with a backup"))
        }
        for row in try s.rows("""
            SELECT c.id, s.digest IS NULL AS unsealed, s.digest IS DISTINCT FROM ecoute.call_digest(c.id) AS changed
            FROM ecoute.calls c LEFT JOIN ecoute.call_seals s ON s.call_id = c.id
            WHERE c.phase IN ('saved', 'closed') ORDER BY c.id
            """) {
            let id = try row.text("id")
            if try row.bool("unsealed") {
                problems.append(StoreProblem(.auditChain, "saved call \(id) has no seal: written outside the engine's functions — compare with a backup"))
            } else if try row.bool("changed") {
                problems.append(StoreProblem(.auditChain, "saved call \(id) was changed without an audit entry — compare with a backup"))
            }
        }
        return problems
    }
}
