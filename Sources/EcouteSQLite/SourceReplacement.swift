import EcouteCore
import GRDB

/// One source's entries replaced inside a directory copy, as the register imports do it: each
/// entry kept is written with this import's stamp, once (a second line with the same id finds
/// the row already stamped, changes nothing, and counts as a duplicate); then the source's active
/// entries not stamped by this import are retired — unless that retires more of the source than
/// `ShrinkGuard` allows, which refuses the whole import.
struct SourceReplacement {
    let db: Database
    let source: String
    /// The source's active entries before the import.
    let current: Int
    /// This import's stamp: 63 random bits, so no earlier import's rows carry it (each import
    /// leaves one stamp behind; two alike is a chance of one in 2⁶³ per earlier import).
    let stamp: Int64
    private let upsert: EntryUpsert

    init(_ db: Database, source: String) throws {
        self.db = db
        self.source = source
        current = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries WHERE source = ? AND active = 1", arguments: [source]) ?? 0
        stamp = Int64.random(in: 1...Int64.max)
        upsert = try EntryUpsert(db, sql: EntryRow.upsertSQL(stamped: true), stamp: stamp)
    }

    /// Writes `entry` (with its sort key, when already folded); false when an earlier line
    /// already gave its id (nothing written).
    func keep(_ entry: DirectoryEntry, sortKey: String? = nil) throws -> Bool {
        try upsert.write(entry, sortKey: sortKey)
    }

    /// Retires the source's active entries no line named; returns how many. Throws `refuse` of
    /// the shrink guard's reason when that is too many: the copy is then dropped whole.
    func retireUnseen(allowShrink: Bool, refuse: (String) -> any Error) throws -> Int {
        try db.execute(sql: """
            UPDATE directory_entries SET active = 0
            WHERE source = ? AND active = 1 AND import_stamp IS NOT ?
            """, arguments: [source, stamp])
        let retired = db.changesCount
        if let refusal = ShrinkGuard.refusal(source: source, current: current, retiring: retired, allowShrink: allowShrink) {
            throw refuse(refusal)
        }
        return retired
    }
}
