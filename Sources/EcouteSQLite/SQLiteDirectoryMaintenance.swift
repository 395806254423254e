import EcouteCore
import Foundation
import GRDB

/// Keeping the directory's own SQLite file (`DirectoryFile`): atomic import, export, search with every filter, statistics.
public struct SQLiteDirectoryMaintenance: DirectoryMaintenance {
    let file: DirectoryFile
    let geography: Geography

    public init(file: DirectoryFile, geography: Geography) {
        self.file = file
        self.geography = geography
    }

    public func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                           skipInvalid: Bool) throws -> DirectoryImportReport {
        try DirectoryImporter(file: file, geography: geography)
            .importFile(text, format: format, fileName: fileName, defaultSource: defaultSource, skipInvalid: skipInvalid)
    }

    public func importRegister(_ path: String, options: RPPSImportOptions,
                               progress: ((Int, Int64, Int64) -> Void)?) throws -> RPPSImportReport {
        try RPPSImporter(file: file, geography: geography).importFile(path, options: options, progress: progress)
    }

    public func importEstablishments(_ path: String, options: RPPSImportOptions,
                                     progress: ((Int, Int64, Int64) -> Void)?) throws -> FINESSImportReport {
        try FINESSImporter(file: file, geography: geography).importFile(path, options: options, progress: progress)
    }

    public func allEntries() throws -> [DirectoryEntry] {
        try SQLiteDirectory(file: file, geography: geography).allEntries()
    }

    public func search(_ text: String, kind: ReferralKind?, departement: String?, region: String?,
                       teleconsultation: Bool?, limit: Int) throws -> [DirectoryEntry] {
        let directory = SQLiteDirectory(file: file, geography: geography)
        // Read as typed (kind and place words), as the directory screen reads it; a region is
        // a filter only the command has.
        guard region == nil, teleconsultation != false else {
            return try directory.search(text, kind: kind, departement: departement, region: region, teleconsultation: teleconsultation, limit: limit)
        }
        return try directory.search(DirectoryQuery(text: text, kind: kind, departement: departement,
                                                   teleconsultationOnly: teleconsultation == true), limit: limit)
    }

    public func statistics(verifiedCutoff: String) throws -> DirectoryStatistics {
        try DirectoryStatistics.compute(file, geography: geography, verifiedCutoff: verifiedCutoff)
    }
}
