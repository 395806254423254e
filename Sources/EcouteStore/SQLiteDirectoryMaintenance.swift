import EcouteCore
import Foundation
import GRDB

/// Keeping the directory over SQLite: atomic import, export, search with every filter, statistics.
public struct SQLiteDirectoryMaintenance: DirectoryMaintenance {
    let pool: DatabasePool
    let geography: Geography

    public init(pool: DatabasePool, geography: Geography) {
        self.pool = pool
        self.geography = geography
    }

    public func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                           skipInvalid: Bool) throws -> DirectoryImportReport {
        try DirectoryImporter(pool: pool, geography: geography)
            .importFile(text, format: format, fileName: fileName, defaultSource: defaultSource, skipInvalid: skipInvalid)
    }

    public func importRegister(_ path: String, progress: ((Int, Int64, Int64) -> Void)?) throws -> RPPSImportReport {
        try RPPSImporter(pool: pool, geography: geography).importFile(path, progress: progress)
    }

    public func allEntries() throws -> [DirectoryEntry] {
        try SQLiteDirectory(pool: pool, geography: geography).allEntries()
    }

    public func search(_ text: String, kind: ReferralKind?, departement: String?, region: String?,
                       teleconsultation: Bool?, limit: Int) throws -> [DirectoryEntry] {
        try SQLiteDirectory(pool: pool, geography: geography).search(
            text, kind: kind, departement: departement, region: region, teleconsultation: teleconsultation, limit: limit)
    }

    public func statistics(verifiedCutoff: String) throws -> DirectoryStatistics {
        try DirectoryStatistics.compute(pool, geography: geography, verifiedCutoff: verifiedCutoff)
    }
}
