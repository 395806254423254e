import EcouteCore
import Foundation
import GRDB

/// Imports the register's extract in one pass, in one transaction (a failure writes nothing):
/// lines are read a block at a time, so memory stays flat whatever the file's size; entries are
/// upserted by (source, id); those of the `rpps` source absent from the new extract are retired;
/// curated entries (units, services, associations, emergency numbers) are untouched. The work is
/// done in a copy of the directory file renamed into place at the end (`DirectoryFile.replace`):
/// consoles keep reading, and saving calls, meanwhile.
public struct RPPSImporter {
    let file: DirectoryFile
    let geography: Geography

    public init(file: DirectoryFile, geography: Geography) {
        self.file = file
        self.geography = geography
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `progress(lines, bytes read, file size)` is called every 50,000 lines.
    public func importFile(_ path: String, progress: ((Int, Int64, Int64) -> Void)? = nil) throws -> RPPSImportReport {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "\(path): cannot open") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        var report = RPPSImportReport(encoding: "UTF-8", lines: 0, kept: [:], skippedProfessions: [:], skippedNoContact: 0,
                                      skippedNoDepartement: 0, duplicates: 0, retired: 0)
        try file.replace { db in try db.inTransaction {
            // One rebuild of the full-text index at the end, not one update per row.
            try DirectorySchema.withSearchIndexRebuiltOnce(db) {
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS rpps_seen (source_id TEXT PRIMARY KEY) WITHOUT ROWID")
            try db.execute(sql: "DELETE FROM temp.rpps_seen")
            let upsert = try db.cachedStatement(sql: EntryRow.insertSQL)
            let seen = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.rpps_seen (source_id) VALUES (?)")
            var header: RPPSExtract.Header?
            var encodingDecided: String.Encoding?
            var pending = Data()
            var bytesRead: Int64 = 0

            func handleLine(_ line: Substring) throws {
                guard !line.isEmpty, line != "\r" else { return }
                guard let h = header else {
                    do { header = try RPPSExtract.Header(String(line)) } catch let e as RPPSExtract.HeaderError {
                        throw Failure(description: "\(path): \(e.description)")
                    }
                    return
                }
                report.lines += 1
                switch RPPSExtract.entry(RPPSExtract.split(line), h, geography: geography) {
                case .success(let entry):
                    try seen.execute(arguments: [entry.sourceID])
                    guard db.changesCount == 1 else { report.duplicates += 1; return }
                    try upsert.execute(arguments: EntryRow.arguments(entry))
                    report.kept[entry.kind, default: 0] += 1
                case .failure(.profession(let label)): report.skippedProfessions[label, default: 0] += 1
                case .failure(.noContact): report.skippedNoContact += 1
                case .failure(.noDepartement): report.skippedNoDepartement += 1
                case .failure(.duplicate): report.duplicates += 1
                }
                if report.lines % 50_000 == 0 { progress?(report.lines, bytesRead, size) }
            }

            func decode(_ block: Data) -> String {
                if encodingDecided == nil {
                    encodingDecided = String(data: block, encoding: .utf8) != nil ? .utf8 : .windowsCP1252
                    report.encoding = encodingDecided == .utf8 ? "UTF-8" : "Windows-1252"
                }
                return String(data: block, encoding: encodingDecided!) ?? String(data: block, encoding: .windowsCP1252) ?? ""
            }

            while true {
                let chunk = handle.readData(ofLength: 1 << 20)
                bytesRead += Int64(chunk.count)
                if chunk.isEmpty { break }
                pending.append(chunk)
                // Decode up to the last line end, so no character is cut in two.
                guard let end = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                let block = pending[pending.startIndex...end]
                // "\r\n" is one Character in Swift: both line ends are separators.
                for line in decode(Data(block)).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                    try handleLine(line)
                }
                pending = Data(pending[(end + 1)...])
            }
            if !pending.isEmpty {
                for line in decode(pending).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) { try handleLine(line) }
            }
            guard header != nil else { throw Failure(description: "\(path): empty file: the header line is required") }

            try db.execute(sql: """
                UPDATE directory_entries SET active = 0
                WHERE source = ? AND active = 1 AND source_id NOT IN (SELECT source_id FROM temp.rpps_seen)
                """, arguments: [RPPSExtract.source])
            report.retired = db.changesCount
            try db.execute(sql: "DELETE FROM temp.rpps_seen")
            }
            return .commit
        } }
        progress?(report.lines, size, size)
        return report
    }
}
