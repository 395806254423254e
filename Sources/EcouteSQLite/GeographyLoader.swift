import EcouteCore
import Foundation
import GRDB

/// Reads the geography files shipped in Resources/geography and keeps them in the database.
public enum GeographyLoader {
    /// Reads `regions.csv`, `departements.csv` and `neighbours.csv` from a folder.
    public static func load(from folder: URL) throws -> Geography {
        try Geography.load(from: folder)
    }

    /// Writes the geography into the database if it is not there yet.
    static func seed(_ geography: Geography, into db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM departements") == 0 else { return }
        for r in geography.regions {
            try db.execute(sql: "INSERT INTO regions (code, name) VALUES (?, ?)", arguments: [r.code, r.name])
        }
        for d in geography.departements {
            try db.execute(sql: "INSERT INTO departements (code, name, region, prefecture) VALUES (?, ?, ?, ?)",
                           arguments: [d.code, d.name, d.regionCode, d.prefecture])
        }
        for d in geography.departements {
            for n in geography.neighbours(of: d.code) {
                try db.execute(sql: "INSERT INTO departement_neighbours (departement, neighbour) VALUES (?, ?)",
                               arguments: [d.code, n])
            }
        }
    }
}
