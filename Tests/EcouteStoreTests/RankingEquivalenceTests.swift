import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// The ranking read by index walks and the full-text index (`candidates`) gives, entry for
/// entry, what one query per place sorting the whole place gave: same places in the same order,
/// the preferred speciality first, then rotation (never given by id, then given longest ago).
@Suite struct RankingEquivalenceTests {
    /// The ranking as one query per place and bed pass (the version before the index walks).
    static func reference(_ directory: SQLiteDirectory, kind: ReferralKind, near departement: String?, preferring speciality: String?,
                          excluding: Set<Int64>, limit: Int) throws -> [RankedEntry] {
        let tiers = directory.tiers(for: kind, near: departement)
        return try directory.file.read { db in
            var found: [RankedEntry] = []
            var seen = excluding
            let bedPasses: [SQL] = kind == .unit ? ["(e.capacity IS NULL OR e.capacity > 0)", "e.capacity = 0"] : ["1"]
            for beds in bedPasses {
                for tier in tiers {
                    let remaining = limit - found.count
                    if remaining <= 0 { return found }
                    var sql: SQL = """
                        SELECT \(sql: EntryRow.columns) FROM directory_entries e
                        LEFT JOIN directory_rotation r ON r.source = e.source AND r.source_id = e.source_id
                        WHERE e.kind = \(kind.rawValue) AND e.active = 1 AND \(tier.place) AND \(beds)
                        """
                    if !seen.isEmpty { sql += " AND e.id NOT IN \(Array(seen))" }
                    sql += " ORDER BY "
                    if let speciality { sql += "(';' || e.specialities || ';') LIKE \("%;\(speciality);%") DESC, " }
                    sql += "r.last_given_at IS NOT NULL, r.last_given_at, e.id LIMIT \(remaining)"
                    for row in try Row.fetchAll(db, SQLRequest(literal: sql)) {
                        let entry = EntryRow.entry(row)
                        seen.insert(entry.id!)
                        found.append(RankedEntry(entry: entry, tier: tier.tier))
                    }
                }
            }
            return found
        }
    }

    @Test func givesWhatOneQueryPerPlaceGave() throws {
        let t = try TemporaryDatabase()
        var random = SeededGenerator(seed: 17)
        let geography = TemporaryDatabase.geography
        // A dense corner (Auvergne-Rhône-Alpes and its neighbours) and a few entries elsewhere.
        let departements = ["69", "01", "38", "42", "71", "07", "26", "73", "74", "63", "03", "75", "13", "2A", "971"]
        let kinds: [ReferralKind] = [.psychologist, .gp, .psychiatrist, .unit]
        let codes = ["burnout", "sleep", "addiction", "trauma", "students"]
        var entries: [DirectoryEntry] = []
        for i in 0..<900 {
            let dep: String? = Int.random(in: 0..<20, using: &random) == 0 ? nil : departements.randomElement(using: &random)!
            var e = entry("e\(i)", kinds.randomElement(using: &random)!, dep, tele: Bool.random(using: &random),
                          active: Int.random(in: 0..<15, using: &random) != 0,
                          specialities: codes.filter { _ in Int.random(in: 0..<3, using: &random) == 0 },
                          capacity: Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: 0...2, using: &random) : nil)
            if e.kind != .unit { e.capacity = nil }
            entries.append(e)
        }
        try t.add(entries)
        // A third of them given, at random times (some at the same time: ties go by id).
        try t.database.write { db in
            for e in entries where Int.random(in: 0..<3, using: &random) == 0 {
                let given = Date(timeIntervalSince1970: 1_795_000_000 + Double(Int.random(in: 0..<40, using: &random)) * 3_600)
                try db.execute(sql: """
                    INSERT INTO directory_rotation (source, source_id, last_given_at, times_given) VALUES (?, ?, ?, 1)
                    """, arguments: [e.source, e.sourceID, given])
            }
        }
        let directory = t.directory
        var compared = 0
        for _ in 0..<300 {
            let kind = kinds.randomElement(using: &random)!
            let near: String? = Int.random(in: 0..<8, using: &random) == 0 ? nil
                : (departements + ["15", "33"]).randomElement(using: &random)!
            let speciality = Bool.random(using: &random) ? codes.randomElement(using: &random) : nil
            let excluding = Set((0..<Int.random(in: 0...3, using: &random)).map { _ in Int64.random(in: 1...900, using: &random) })
            let limit = [1, 3, 5, 12, 40].randomElement(using: &random)!
            let ours = try directory.candidates(kind: kind, near: near, preferring: speciality, excluding: excluding, limit: limit)
            let theirs = try Self.reference(directory, kind: kind, near: near, preferring: speciality, excluding: excluding, limit: limit)
            #expect(ours.map(\.entry.sourceID) == theirs.map(\.entry.sourceID), "\(kind) near \(near ?? "-") \(speciality ?? "-") limit \(limit)")
            #expect(ours.map(\.tier) == theirs.map(\.tier))
            compared += ours.count
        }
        #expect(compared > 1_500)
        _ = geography
    }
}
