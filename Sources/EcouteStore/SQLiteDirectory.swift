import EcouteCore
import Foundation
import GRDB

/// The referral directory over SQLite: ranked candidates, full-text search, rotation.
extension String {
    var folded: String { TextFolding.fold(self) }
}

public struct SQLiteDirectory: ReferralDirectory, DirectorySearching {
    let file: DirectoryFile
    let geography: Geography

    public init(file: DirectoryFile, geography: Geography) {
        self.file = file
        self.geography = geography
    }

    public func candidates(
        kind: ReferralKind, near departement: String?, preferring speciality: String?,
        excluding: Set<Int64>, limit: Int
    ) throws -> [RankedEntry] {
        let tiers = self.tiers(for: kind, near: departement)
        return try file.read { db in
            var found: [RankedEntry] = []
            var seen = excluding
            // Units with a free bed first, full units after every available one.
            let bedPasses: [SQL] = kind == .unit
                ? ["(capacity IS NULL OR capacity > 0)", "capacity = 0"]
                : ["1"]
            for beds in bedPasses {
                for (tier, place) in tiers {
                    let remaining = limit - found.count
                    if remaining <= 0 { return found }
                    // The entry given least recently first: rotation counts come with the calls.
                    var sql: SQL = """
                        SELECT \(sql: EntryRow.columns) FROM directory_entries e
                        LEFT JOIN directory_rotation r ON r.source = e.source AND r.source_id = e.source_id
                        WHERE kind = \(kind.rawValue) AND active = 1 AND \(place) AND \(beds)
                        """
                    if !seen.isEmpty { sql += " AND id NOT IN \(Array(seen))" }
                    sql += " ORDER BY "
                    if let speciality {
                        sql += "(';' || specialities || ';') LIKE \("%;\(speciality);%") DESC, "
                    }
                    sql += "r.last_given_at IS NOT NULL, r.last_given_at, id LIMIT \(remaining)"
                    for row in try Row.fetchAll(db, SQLRequest(literal: sql)) {
                        let entry = EntryRow.entry(row)
                        seen.insert(entry.id!)
                        found.append(RankedEntry(entry: entry, tier: tier))
                    }
                }
            }
            return found
        }
    }

    public func associations(serving profession: Profession, near departement: String?, limit: Int) throws -> [RankedEntry] {
        let region = departement.flatMap { geography.departement($0)?.regionCode }
        return try file.read { db in
            // A handful of rows nationwide: the speciality list is matched as written.
            let rows = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT \(sql: EntryRow.columns) FROM directory_entries e
                LEFT JOIN directory_rotation r ON r.source = e.source AND r.source_id = e.source_id
                WHERE kind = \(ReferralKind.association.rawValue) AND active = 1
                  AND ((';' || specialities || ';') LIKE \("%;\(profession.rawValue);%")
                       OR (';' || specialities || ';') LIKE \("%;\(ReferralKind.everyProfessionTag);%"))
                  AND (region IS NULL OR region = \(region))
                ORDER BY region IS NULL, r.last_given_at IS NOT NULL, r.last_given_at, id
                LIMIT \(limit)
                """))
            return rows.map { row in
                let entry = EntryRow.entry(row)
                let tier: ReferralTier = entry.region == nil ? .national
                    : (entry.departement == departement ? .sameDepartement : .region)
                return RankedEntry(entry: entry, tier: tier)
            }
        }
    }

    /// The places to look, nearest first, as disjoint SQL conditions.
    func tiers(for kind: ReferralKind, near departement: String?) -> [(ReferralTier, SQL)] {
        guard let code = departement, let dep = geography.departement(code), !kind.isNational else {
            return [
                (.national, "departement IS NULL"),
                (.teleconsultation, "departement IS NOT NULL AND teleconsultation = 1"),
                (.national, "departement IS NOT NULL AND teleconsultation = 0"),
            ]
        }
        let neighbours = geography.neighbours(of: dep.code)
        let near = [dep.code] + neighbours
        return [
            (.sameDepartement, "departement = \(dep.code)"),
            (.neighbour, "departement IN \(neighbours)"),
            (.region, "region = \(dep.regionCode) AND departement NOT IN \(near)"),
            (.teleconsultation, "teleconsultation = 1 AND region IS NOT \(dep.regionCode) AND departement NOT IN \(near)"),
            (.national, "departement IS NULL"),
        ]
    }

    /// Full-text search on name, organisation, city and specialities, accents and case folded,
    /// each word taken as a prefix; with optional filters. With words, the filters are tokens of
    /// the full-text index and the first `limit` matches are returned sorted by name (more
    /// matches mean the search should be narrowed); without words, entries come by name.
    public func search(
        _ text: String, kind: ReferralKind? = nil, departement: String? = nil, region: String? = nil,
        teleconsultation: Bool? = nil, includeInactive: Bool = false, limit: Int = 50
    ) throws -> [DirectoryEntry] {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return try file.read { db in
            guard !words.isEmpty, teleconsultation != false else {
                var sql: SQL = "SELECT \(sql: EntryRow.columns) FROM directory_entries e WHERE 1"
                if !words.isEmpty { sql += " AND e.id IN (SELECT rowid FROM directory_search WHERE directory_search MATCH \(Self.match(words))) " }
                if let kind { sql += " AND e.kind = \(kind.rawValue)" }
                if let departement { sql += " AND e.departement = \(departement)" }
                if let region { sql += " AND e.region = \(region)" }
                if let teleconsultation { sql += " AND e.teleconsultation = \(teleconsultation)" }
                if !includeInactive { sql += " AND e.active = 1" }
                sql += " ORDER BY e.name, e.id LIMIT \(limit)"
                return try Row.fetchAll(db, SQLRequest(literal: sql)).map(EntryRow.entry)
            }
            var tags: [String] = []
            if let kind { tags.append("xkind" + kind.rawValue) }
            if let departement { tags.append("xdep" + departement.lowercased()) }
            if let region { tags.append("xreg" + region) }
            if teleconsultation == true { tags.append("xtele") }
            var match = Self.match(words)
            if !tags.isEmpty { match += " AND search_tags : (" + tags.map { "\"\($0)\"" }.joined(separator: " AND ") + ")" }
            // Almost every entry is active: checking the row is cheaper than intersecting with
            // the posting list of "xactive", which is as long as the directory. One cached
            // statement per variant, the match and the limit bound: a keystroke prepares nothing.
            let statement = try db.cachedStatement(sql: """
                SELECT \(EntryRow.columns), e.sort_key FROM directory_search s JOIN directory_entries e ON e.id = s.rowid
                WHERE directory_search MATCH ?\(includeInactive ? "" : " AND e.active = 1") LIMIT ?
                """)
            try statement.setArguments([match, limit])
            // Sorted by name, accents and case folded: the key folded at import. The keys are
            // sorted with the entries' positions, and the entries (large) moved once.
            var entries: [DirectoryEntry] = []
            var keys: [(key: String, id: Int64, position: Int)] = []
            entries.reserveCapacity(limit)
            keys.reserveCapacity(limit)
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil {
                let entry = EntryRow.entry(statement: statement.sqliteStatement)
                keys.append((SQLiteCallStream.Column.optionalText(statement.sqliteStatement, 21) ?? "", entry.id ?? 0, entries.count))
                entries.append(entry)
            }
            keys.sort { ($0.key, $0.id) < ($1.key, $1.id) }
            return keys.map { entries[$0.position] }
        }
    }

    /// The typed words as an FTS5 query on the searchable columns (not the filter tokens).
    static func match(_ words: [String]) -> String {
        "{name organisation city specialities} : (" + words.map(matchTerm).joined(separator: " AND ") + ")"
    }

    /// One word of a search as an FTS5 term: the word as a prefix, or a speciality it names
    /// (« épuis » also finds entries coded "burnout").
    static func matchTerm(_ word: String) -> String {
        let prefix = "\"\(word.replacingOccurrences(of: "\"", with: ""))\"*"
        let codes = SpecialityVocabulary.codes(matching: word)
        guard !codes.isEmpty else { return prefix }
        return "(" + ([prefix] + codes.map { "\"\($0)\"" }).joined(separator: " OR ") + ")"
    }

    public func search(_ query: DirectoryQuery, limit: Int) throws -> [DirectoryEntry] {
        try search(query.text, kind: query.kind, departement: query.departement,
                   teleconsultation: query.teleconsultationOnly ? true : nil, limit: limit)
    }

    public func entry(id: Int64) throws -> DirectoryEntry? {
        try file.read { db in
            try Row.fetchOne(db, sql: "SELECT \(EntryRow.columns) FROM directory_entries e WHERE id = ?", arguments: [id]).map(EntryRow.entry)
        }
    }

    public func count() throws -> Int {
        try file.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0 }
    }

    /// Every entry, in a stable order, for export.
    public func allEntries() throws -> [DirectoryEntry] {
        try file.read { db in
            try Row.fetchAll(db, sql: "SELECT \(EntryRow.columns) FROM directory_entries e ORDER BY source, source_id").map(EntryRow.entry)
        }
    }
}
