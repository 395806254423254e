import EcouteCore
import Foundation
import GRDB

/// The referral directory over SQLite: ranked candidates, full-text search, rotation.
public struct SQLiteDirectory: ReferralDirectory, DirectorySearching {
    let pool: DatabasePool
    let geography: Geography

    public init(pool: DatabasePool, geography: Geography) {
        self.pool = pool
        self.geography = geography
    }

    public func candidates(
        kind: ReferralKind, near departement: String?, preferring speciality: String?,
        excluding: Set<Int64>, limit: Int
    ) throws -> [RankedEntry] {
        let tiers = self.tiers(for: kind, near: departement)
        return try pool.read { db in
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
                    var sql: SQL = """
                        SELECT * FROM directory_entries
                        WHERE kind = \(kind.rawValue) AND active = 1 AND \(place) AND \(beds)
                        """
                    if !seen.isEmpty { sql += " AND id NOT IN \(Array(seen))" }
                    sql += " ORDER BY "
                    if let speciality {
                        sql += "(';' || specialities || ';') LIKE \("%;\(speciality);%") DESC, "
                    }
                    sql += "last_given_at IS NOT NULL, last_given_at, id LIMIT \(remaining)"
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
    /// each word taken as a prefix; with optional filters.
    public func search(
        _ text: String, kind: ReferralKind? = nil, departement: String? = nil, region: String? = nil,
        teleconsultation: Bool? = nil, includeInactive: Bool = false, limit: Int = 50
    ) throws -> [DirectoryEntry] {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return try pool.read { db in
            var sql: SQL
            if words.isEmpty {
                sql = "SELECT * FROM directory_entries e WHERE 1"
            } else {
                let match = words.map(Self.matchTerm).joined(separator: " AND ")
                sql = """
                    SELECT e.* FROM directory_search s JOIN directory_entries e ON e.id = s.rowid
                    WHERE directory_search MATCH \(match)
                    """
            }
            if let kind { sql += " AND e.kind = \(kind.rawValue)" }
            if let departement { sql += " AND e.departement = \(departement)" }
            if let region { sql += " AND e.region = \(region)" }
            if let teleconsultation { sql += " AND e.teleconsultation = \(teleconsultation)" }
            if !includeInactive { sql += " AND e.active = 1" }
            sql += words.isEmpty ? " ORDER BY e.name, e.id" : " ORDER BY s.rank, e.id"
            sql += " LIMIT \(limit)"
            return try Row.fetchAll(db, SQLRequest(literal: sql)).map(EntryRow.entry)
        }
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
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM directory_entries WHERE id = ?", arguments: [id]).map(EntryRow.entry)
        }
    }

    public func count() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0 }
    }

    /// Every entry, in a stable order, for export.
    public func allEntries() throws -> [DirectoryEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM directory_entries ORDER BY source, source_id").map(EntryRow.entry)
        }
    }
}
