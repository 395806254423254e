import EcouteCore
import Foundation
import GRDB

/// The directory's statistics (`DirectoryStatistics`, in the core) counted by SQL.
extension DirectoryStatistics {
    public static func compute(_ file: DirectoryFile, geography: Geography, verifiedCutoff: String) throws -> DirectoryStatistics {
        try file.read { db in
            var byKind: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, COALESCE(region, '') AS region, COUNT(*) AS n FROM directory_entries
                WHERE active = 1 GROUP BY kind, region
                """) {
                byKind[row["kind"], default: [:]][row["region"]] = row["n"]
            }
            let inactive = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries WHERE active = 0") ?? 0
            let stale = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM directory_entries WHERE last_verified IS NULL OR last_verified < ?
                """, arguments: [verifiedCutoff]) ?? 0
            var without: [ReferralKind: [String]] = [:]
            for kind in locallyNeededKinds {
                let served = Set(try String.fetchAll(db, sql: """
                    SELECT DISTINCT departement FROM directory_entries WHERE kind = ? AND active = 1 AND departement IS NOT NULL
                    """, arguments: [kind.rawValue]))
                let missing = geography.departements.map(\.code).filter { !served.contains($0) }
                if !missing.isEmpty { without[kind] = missing }
            }
            let withSample = Set(try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM directory_entries WHERE active = 1 AND sample"))
            let real = Set(try String.fetchAll(db, sql: "SELECT kind FROM directory_real_kinds"))
            let onlyFictitious = ReferralKind.allCases.filter { withSample.contains($0.rawValue) && !real.contains($0.rawValue) }
            return DirectoryStatistics(activeByKindAndRegion: byKind, inactive: inactive, notVerifiedSince: stale,
                                       departementsWithout: without, onlyFictitious: onlyFictitious)
        }
    }
}
