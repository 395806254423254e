import EcouteCore
import GRDB

/// One source's entries replaced inside a directory copy, as the register imports do it: each
/// entry kept is written once (a second line with the same id counts as a duplicate), then the
/// source's active entries no line named are retired — unless that retires more of the source
/// than `ShrinkGuard` allows, which refuses the whole import.
struct SourceReplacement {
    let db: Database
    let source: String
    /// The source's active entries before the import.
    let current: Int
    private let upsert: Statement
    private let seen: Statement

    init(_ db: Database, source: String) throws {
        self.db = db
        self.source = source
        current = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries WHERE source = ? AND active = 1", arguments: [source]) ?? 0
        try db.execute(sql: "CREATE TEMP TABLE source_seen (source_id TEXT PRIMARY KEY) WITHOUT ROWID")
        upsert = try db.cachedStatement(sql: EntryRow.insertSQL)
        seen = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.source_seen (source_id) VALUES (?)")
    }

    /// Writes `entry`; false when an earlier line already gave its id (nothing written).
    func keep(_ entry: DirectoryEntry) throws -> Bool {
        try seen.execute(arguments: [entry.sourceID])
        guard db.changesCount == 1 else { return false }
        try upsert.execute(arguments: EntryRow.arguments(entry))
        return true
    }

    /// Retires the source's active entries no line named; returns how many. Throws `refuse` of
    /// the shrink guard's reason when that is too many: the copy is then dropped whole.
    func retireUnseen(allowShrink: Bool, refuse: (String) -> any Error) throws -> Int {
        try db.execute(sql: """
            UPDATE directory_entries SET active = 0
            WHERE source = ? AND active = 1 AND source_id NOT IN (SELECT source_id FROM temp.source_seen)
            """, arguments: [source])
        let retired = db.changesCount
        if let refusal = ShrinkGuard.refusal(source: source, current: current, retiring: retired, allowShrink: allowShrink) {
            throw refuse(refusal)
        }
        try db.execute(sql: "DROP TABLE temp.source_seen")
        return retired
    }
}
