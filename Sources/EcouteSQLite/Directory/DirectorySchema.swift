import EcouteCore
import Foundation
import GRDB

/// The schema of the directory's own file (`DirectoryFile`), as named, ordered migrations.
/// The file holds nothing but the directory: no calls, no rotation counts (those live with the
/// calls, in `directory_rotation`), so it can be rebuilt aside and renamed into place.
public enum DirectorySchema {
    /// Prefixes up to this length have their own full-text index: a longer typed prefix makes
    /// FTS5 build its whole posting list before intersecting it (docs/benchmarks.md).
    static let longestIndexedPrefix = 12

    /// The columns an entry is written with, in the order `EntryUpsert` binds them.
    public static let entryColumns = """
        source, source_id, kind, name, organisation, address, postcode, city, departement, region, phones, email,
        website, teleconsultation, languages, specialities, capacity, opening_hours, active, last_verified
        """

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("d1-entries") { db in
            // AUTOINCREMENT: an id is never reused, so a saved call's referral keeps naming the
            // entry it was given from; ids survive re-imports (the file is copied, then updated).
            try db.execute(sql: """
                CREATE TABLE directory_entries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    source_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    organisation TEXT NOT NULL DEFAULT '',
                    address TEXT NOT NULL DEFAULT '',
                    postcode TEXT NOT NULL DEFAULT '',
                    city TEXT NOT NULL DEFAULT '',
                    departement TEXT,
                    region TEXT,
                    phones TEXT NOT NULL DEFAULT '',
                    email TEXT NOT NULL DEFAULT '',
                    website TEXT NOT NULL DEFAULT '',
                    teleconsultation BOOLEAN NOT NULL DEFAULT 0,
                    languages TEXT NOT NULL DEFAULT 'fr',
                    specialities TEXT NOT NULL DEFAULT '',
                    capacity INTEGER,
                    opening_hours TEXT NOT NULL DEFAULT '',
                    active BOOLEAN NOT NULL DEFAULT 1,
                    last_verified TEXT,
                    -- The filters of the directory screen as tokens of the full-text index, so
                    -- FTS5 intersects them with the typed words.
                    search_tags TEXT GENERATED ALWAYS AS (
                        'xkind' || kind || ' xdep' || coalesce(departement, 'national')
                        || ' xreg' || coalesce(region, 'national')
                        || CASE WHEN teleconsultation THEN ' xtele' ELSE '' END
                        || CASE WHEN active THEN ' xactive' ELSE '' END
                    ) VIRTUAL,
                    UNIQUE (source, source_id)
                );
                CREATE INDEX directory_by_place ON directory_entries (kind, departement, active);
                CREATE INDEX directory_by_region ON directory_entries (kind, region, active);
                CREATE INDEX directory_by_teleconsultation ON directory_entries (kind, teleconsultation, active);
                CREATE INDEX directory_by_name ON directory_entries (name);
                """)
            try db.create(virtualTable: "directory_search", using: FTS5()) { t in
                t.synchronize(withTable: "directory_entries")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.prefixes = Set(1...longestIndexedPrefix)
                t.column("name")
                t.column("organisation")
                t.column("city")
                t.column("specialities")
                t.column("search_tags")
            }
        }
        m.registerMigration("d2-sort-key") { db in
            // The name folded (accents and case) at import, so results are sorted by it without
            // folding a hundred names on every key typed in the directory screen.
            try db.execute(sql: "ALTER TABLE directory_entries ADD COLUMN sort_key TEXT NOT NULL DEFAULT ''")
            try withSearchIndexRebuiltOnce(db) { try fillSortKeys(db) }
        }
        m.registerMigration("d3-rpps-kind-ids") { db in
            // A register entry is a professional at a place *for a kind* (RPPSExtract.sourceID):
            // ids written as professional-place gain the kind they hold, so the next import
            // updates them instead of retiring them.
            try db.execute(sql: "UPDATE directory_entries SET source_id = source_id || '-' || kind WHERE source = ?",
                           arguments: [RPPSExtract.source])
        }
        m.registerMigration("d4-sample") { db in
            // Fictitious entries are marked from their source, so the mark can never disagree
            // with it; the kinds real entries cover are kept by every build (`refreshRealKinds`).
            try db.execute(sql: """
                ALTER TABLE directory_entries ADD COLUMN sample BOOLEAN GENERATED ALWAYS AS (source = '\(DirectoryEntry.sampleSource)') VIRTUAL;
                CREATE TABLE directory_real_kinds (kind TEXT PRIMARY KEY) WITHOUT ROWID;
                """)
        }
        m.registerMigration("d5-import-stamp") { db in
            // The register's imports stamp each row they write (`SourceReplacement`): a row
            // stamped by an earlier import, or none, was not in this extract.
            try db.execute(sql: "ALTER TABLE directory_entries ADD COLUMN import_stamp INTEGER")
        }
        return m
    }

    /// Records the kinds that have an active entry from a real source (not sample data): for
    /// those, sample entries are never proposed. Run by every build of the file; each kind is one
    /// walk of `directory_by_place` that stops at its first real entry.
    static func refreshRealKinds(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM directory_real_kinds")
        for kind in ReferralKind.allCases {
            try db.execute(sql: """
                INSERT INTO directory_real_kinds (kind)
                SELECT ? WHERE EXISTS (SELECT 1 FROM directory_entries WHERE kind = ? AND active = 1 AND NOT sample)
                """, arguments: [kind.rawValue, kind.rawValue])
        }
    }

    /// Sets the sort key of every entry that has none (entries copied in by SQL).
    static func fillSortKeys(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM directory_entries WHERE sort_key = '' AND name <> ''")
        let update = try db.makeStatement(sql: "UPDATE directory_entries SET sort_key = ? WHERE id = ?")
        for row in rows {
            try update.execute(arguments: [sortKey(row["name"]), row["id"] as Int64])
        }
    }

    /// What entries are sorted by: the name, accents and case folded.
    static func sortKey(_ name: String) -> String { TextFolding.fold(name) }

    /// The full-text index's synchronisation triggers, as SQL to recreate them.
    static func searchTriggers(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE type = 'trigger' AND tbl_name = 'directory_entries' AND name LIKE '\\_\\_directory\\_search\\_%' ESCAPE '\\'
            """)
    }

    /// Runs a bulk write with the full-text index rebuilt once at the end instead of row by row.
    static func withSearchIndexRebuiltOnce<T>(_ db: Database, _ work: () throws -> T) throws -> T {
        let triggers = try searchTriggers(db)
        guard triggers.count == 3 else { return try work() }
        try db.dropFTS5SynchronizationTriggers(forTable: "directory_search")
        let result = try work()
        try db.execute(sql: "INSERT INTO directory_search(directory_search) VALUES('rebuild')")
        for sql in triggers { try db.execute(sql: sql) }
        try db.execute(sql: "INSERT INTO directory_search(directory_search) VALUES('optimize')")
        return result
    }
}
