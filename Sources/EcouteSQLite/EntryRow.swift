import EcouteCore
import GRDB
import GRDBSQLite

/// Mapping between `directory_entries` rows and `DirectoryEntry`.
enum EntryRow {
    /// The columns an entry is read from, in the order `entry` decodes them (by position: a
    /// lookup by name compares column names, and was a large part of a search's time).
    static let columns = """
        e.id, e.source, e.source_id, e.kind, e.name, e.organisation, e.address, e.postcode, e.city, e.departement, \
        e.region, e.phones, e.email, e.website, e.teleconsultation, e.languages, e.specialities, e.capacity, \
        e.opening_hours, e.active, e.last_verified
        """

    /// A row selected with `columns`.
    static func entry(_ row: Row) -> DirectoryEntry {
        func list(_ index: Int) -> [String] {
            guard let text = row[index] as String?, !text.isEmpty else { return [] }
            return text.split(separator: ";").map(String.init)
        }
        return DirectoryEntry(
            id: row[0], source: row[1], sourceID: row[2],
            kind: ReferralKind(rawValue: row[3]) ?? .administrative, name: row[4],
            organisation: row[5], address: row[6], postcode: row[7],
            city: row[8], departement: row[9], region: row[10],
            phones: list(11), email: row[12], website: row[13],
            teleconsultation: row[14], languages: list(15),
            specialities: list(16), capacity: row[17],
            openingHours: row[18], active: row[19], lastVerified: row[20])
    }

    /// The current row of a statement selecting `columns`, read straight from SQLite (the
    /// search as you type reads up to 100 per key).
    static func entry(statement s: SQLiteStatement) -> DirectoryEntry {
        typealias C = SQLiteCallStream.Column
        func text(_ i: Int32) -> String { C.optionalText(s, i) ?? "" }
        // « a;b;;c » → ["a", "b", "c"], split on the bytes (a ';' is never inside a UTF-8 sequence).
        func list(_ i: Int32) -> [String] {
            guard sqlite3_column_type(s, i) != SQLITE_NULL, let text = sqlite3_column_text(s, i) else { return [] }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, i)))
            var items: [String] = []
            var start = 0
            for (j, byte) in bytes.enumerated() where byte == UInt8(ascii: ";") {
                if j > start { items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)) }
                start = j + 1
            }
            if bytes.count > start { items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return items
        }
        return DirectoryEntry(
            id: C.optionalInt(s, 0), source: text(1), sourceID: text(2),
            kind: ReferralKind(rawValue: text(3)) ?? .administrative, name: text(4),
            organisation: text(5), address: text(6), postcode: text(7),
            city: text(8), departement: C.optionalText(s, 9), region: C.optionalText(s, 10),
            phones: list(11), email: text(12), website: text(13),
            teleconsultation: C.optionalBool(s, 14) ?? false, languages: list(15),
            specialities: list(16), capacity: C.optionalInt(s, 17).map(Int.init),
            openingHours: text(18), active: C.optionalBool(s, 19) ?? false, lastVerified: C.optionalText(s, 20))
    }

    static let insertSQL = upsertSQL(stamped: false)

    /// The upsert by (source, id). Stamped (the register's imports), it also writes the import's
    /// stamp, and leaves alone a row this very import already wrote: a repeated line then
    /// changes nothing, which is how it is counted.
    static func upsertSQL(stamped: Bool) -> String {
        """
        INSERT INTO directory_entries (\(DirectorySchema.entryColumns), sort_key\(stamped ? ", import_stamp" : ""))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?\(stamped ? ", ?" : ""))
        ON CONFLICT(source, source_id) DO UPDATE SET
            kind = excluded.kind, name = excluded.name, organisation = excluded.organisation,
            address = excluded.address, postcode = excluded.postcode, city = excluded.city,
            departement = excluded.departement, region = excluded.region, phones = excluded.phones,
            email = excluded.email, website = excluded.website, teleconsultation = excluded.teleconsultation,
            languages = excluded.languages, specialities = excluded.specialities, capacity = excluded.capacity,
            opening_hours = excluded.opening_hours, active = excluded.active, last_verified = excluded.last_verified,
            sort_key = excluded.sort_key\(stamped ? stampClause : "")
        """
    }

    private static let stampClause = """
        , import_stamp = excluded.import_stamp
        WHERE directory_entries.import_stamp IS NOT excluded.import_stamp
        """
}
