import Foundation

/// What keeps the platform database honest, as the migrations left it: each function's
/// definition (a SHA-256 of `pg_get_functiondef`), each relation's owner and grants, row security
/// (on, forced), each column grant, policy and trigger (with its enabled state), the schema's
/// owner and grants. Kept in `ecoute.security_manifest`; `ecoute check` compares the engine with
/// it and names every item missing, added or changed.
///
/// A migration records only what it changed (the items before and after it, compared in its own
/// transaction); the migration that creates the manifest records everything. So re-running
/// `ecoute admin init` never blesses a change made by hand since.
enum PostgresSecurityManifest {
    struct Item: Hashable, Sendable {
        var kind: String
        var name: String
    }

    /// The engine's current state, item by item, in readable form (a function by its hash).
    static let currentSQL = """
        WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = 'ecoute')
        SELECT 'schema' AS kind, n.nspname::text AS name,
               'owner ' || pg_get_userbyid(n.nspowner) || ', grants ' ||
               coalesce((SELECT string_agg(x::text, ' ' ORDER BY x::text) FROM unnest(n.nspacl) x), 'default') AS fingerprint
        FROM pg_namespace n WHERE n.oid = (SELECT oid FROM ns)
        UNION ALL
        SELECT 'relation', c.relname::text,
               'owner ' || pg_get_userbyid(c.relowner) || ', grants ' ||
               coalesce((SELECT string_agg(x::text, ' ' ORDER BY x::text) FROM unnest(c.relacl) x), 'default')
        FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        UNION ALL
        SELECT 'row security', c.relname::text,
               CASE WHEN c.relrowsecurity THEN 'on' ELSE 'off' END || CASE WHEN c.relforcerowsecurity THEN ', forced' ELSE ', not forced' END
        FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('r', 'p')
        UNION ALL
        SELECT 'column grants', c.relname || '.' || a.attname,
               (SELECT string_agg(x::text, ' ' ORDER BY x::text) FROM unnest(a.attacl) x)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = (SELECT oid FROM ns) AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
        UNION ALL
        SELECT 'policy', c.relname || '.' || p.polname,
               CASE p.polcmd WHEN '*' THEN 'ALL' WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' ELSE 'DELETE' END
               || CASE WHEN p.polpermissive THEN ' permissive' ELSE ' restrictive' END
               || ' to ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END, ',' ORDER BY 1)
                             FROM unnest(p.polroles) r)
               || ' using ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-')
               || ' check ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = (SELECT oid FROM ns)
        UNION ALL
        SELECT 'trigger', c.relname || '.' || t.tgname,
               CASE t.tgenabled WHEN 'O' THEN 'enabled' WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'enabled on replicas only'
                    ELSE 'enabled always' END
               || ', definition ' || encode(sha256(convert_to(pg_get_triggerdef(t.oid), 'UTF8')), 'hex')
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = (SELECT oid FROM ns) AND NOT t.tgisinternal
        UNION ALL
        SELECT 'function', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
               'definition ' || encode(sha256(convert_to(pg_get_functiondef(p.oid), 'UTF8')), 'hex')
        FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM ns) AND p.prokind IN ('f', 'p')
        UNION ALL
        SELECT 'function grants', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
               'owner ' || pg_get_userbyid(p.proowner) || ', grants ' ||
               coalesce((SELECT string_agg(x::text, ' ' ORDER BY x::text) FROM unnest(p.proacl) x), 'default (everyone may run it)')
        FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM ns) AND p.prokind IN ('f', 'p')
        """

    static func current(_ s: PostgresSession) throws -> [Item: String] {
        var items: [Item: String] = [:]
        for row in try s.rows(currentSQL) {
            items[Item(kind: try row.text("kind"), name: try row.text("name"))] = try row.optionalText("fingerprint") ?? ""
        }
        return items
    }

    static func exists(_ s: PostgresSession) throws -> Bool {
        try s.rows("SELECT to_regclass('ecoute.security_manifest') IS NOT NULL AS present")[0].bool("present")
    }

    static func recorded(_ s: PostgresSession) throws -> [Item: String] {
        var items: [Item: String] = [:]
        for row in try s.rows("SELECT kind, name, fingerprint FROM ecoute.security_manifest") {
            items[Item(kind: try row.text("kind"), name: try row.text("name"))] = try row.text("fingerprint")
        }
        return items
    }

    /// Records, inside a migration's transaction, what it changed (`before`: the state before it,
    /// nil when the manifest did not exist yet: everything is recorded).
    static func record(migration: String, before: [Item: String]?, _ s: PostgresSession) throws {
        guard try exists(s) else { return }
        let after = try current(s)
        for (item, fingerprint) in after where before?[item] != fingerprint {
            try s.execute("""
                INSERT INTO ecoute.security_manifest (kind, name, fingerprint, migration) VALUES ($1, $2, $3, $4)
                ON CONFLICT (kind, name) DO UPDATE SET fingerprint = excluded.fingerprint, migration = excluded.migration,
                    recorded_at = clock_timestamp(), recorded_by = session_user
                """, [.of(item.kind), .of(item.name), .of(fingerprint), .of(migration)])
        }
        for item in (before ?? [:]).keys where after[item] == nil {
            try s.execute("DELETE FROM ecoute.security_manifest WHERE kind = $1 AND name = $2", [.of(item.kind), .of(item.name)])
        }
    }

    /// Every difference between the engine and the manifest, in words.
    static func differences(_ s: PostgresSession) throws -> [String] {
        let recorded = try recorded(s), now = try current(s)
        var differences: [String] = []
        for item in Set(recorded.keys).union(now.keys).sorted(by: { ($0.kind, $0.name) < ($1.kind, $1.name) }) {
            switch (recorded[item], now[item]) {
            case let (was?, nil):
                differences.append("\(item.kind) \(item.name) is missing (the migrations left: \(was)) — restore it, and find who removed it")
            case let (nil, found?):
                differences.append("\(item.kind) \(item.name) is not one of ecoute's (\(found)): added outside a migration — remove it, and find who added it")
            case let (was?, found?) where was != found:
                differences.append(item.kind == "function"
                             ? "function \(item.name) was redefined since its migration — restore it (pg_get_functiondef differs), and find who changed it"
                             : "\(item.kind) \(item.name) changed since its migration: was \(was), now \(found) — restore it, and find who changed it")
            default:
                break
            }
        }
        return differences
    }
}
