import EcouteCore
import Foundation
import GRDB

/// Seeds a new database from the files shipped in Resources/: the geography, and the directory
/// file, created from the sample directory when there is none yet.
public enum DefaultData {
    public static func seed(_ database: DatabaseQueue, directory: DirectoryFile, geography: Geography, sampleDirectory: URL?) throws {
        // Looked at first without a write transaction: nearly every open finds it there.
        let seeded = try database.writeWithoutTransaction { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM departements)") ?? false }
        if !seeded {
            try database.write { db in try GeographyLoader.seed(geography, into: db) }
            EcouteDatabase.checkpoint(database)
        }
        // What goes wrong with the directory file names that file, not the calls database.
        do {
            try seedDirectory(directory, geography: geography, sampleDirectory: sampleDirectory)
        } catch {
            throw EcouteDatabase.classify(error, path: directory.path)
        }
    }

    /// Creates the directory file from the sample directory when there is none yet.
    public static func seedDirectory(_ directory: DirectoryFile, geography: Geography, sampleDirectory: URL?) throws {
        try directory.createIfMissing { db in
            guard let sampleDirectory else { return }
            let text = try String(contentsOf: sampleDirectory, encoding: .utf8)
            _ = try DirectoryImporter.importFile(text, format: .csv, fileName: sampleDirectory.lastPathComponent,
                                                 defaultSource: "sample", geography: geography, into: db)
        }
    }
}
