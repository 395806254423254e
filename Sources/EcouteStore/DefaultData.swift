import EcouteCore
import Foundation
import GRDB

/// Seeds a new database from the files shipped in Resources/: the geography, and the sample
/// directory when the directory is empty.
public enum DefaultData {
    public static func seed(_ pool: DatabasePool, geography: Geography, sampleDirectory: URL?) throws {
        try pool.write { db in try GeographyLoader.seed(geography, into: db) }
        guard let sampleDirectory, try SQLiteDirectory(pool: pool, geography: geography).count() == 0 else { return }
        let text = try String(contentsOf: sampleDirectory, encoding: .utf8)
        _ = try DirectoryImporter(pool: pool, geography: geography)
            .importCSV(text, fileName: sampleDirectory.lastPathComponent, defaultSource: "sample")
    }
}
