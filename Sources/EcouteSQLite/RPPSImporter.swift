import EcouteCore
import Foundation
import GRDB

/// Imports the register's extract, in one transaction (a failure writes nothing). The file's
/// encoding is decided first, by a validation pass over every byte (or `--encoding`); the header
/// and a first line are read before the directory is copied. Then the file is read a block at a
/// time and cut into lines and fields as bytes, only the fields needed are decoded, so memory
/// stays flat whatever the file's size and the 80 % of lines about other professions cost little. Entries are upserted by (source, id); those of the `rpps`
/// source absent from the new extract are retired; curated entries (units, services,
/// associations, emergency numbers) are untouched. The work is done in a copy of the directory
/// file renamed into place at the end (`DirectoryFile.replace`): consoles keep reading, and
/// saving calls, meanwhile. A line cut short, a field longer than `RPPSExtract.longestField`, a
/// last line without its newline, or an extract that would retire more than a tenth of the
/// register's active entries (`ShrinkGuard`, unless allowed) throws, naming the line, the byte
/// and the field: the copy is thrown away and the directory stays byte-identical.
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
    public func importFile(_ path: String, options: RPPSImportOptions = RPPSImportOptions(),
                           progress: ((Int, Int64, Int64) -> Void)? = nil) throws -> RPPSImportReport {
        try importFile(path, options: options, blockSize: 1 << 20, progress: progress)
    }

    /// The same, reading `blockSize` bytes at a time (small in tests, so that blocks cut
    /// characters).
    func importFile(_ path: String, options: RPPSImportOptions, blockSize: Int,
                    progress: ((Int, Int64, Int64) -> Void)? = nil) throws -> RPPSImportReport {
        func refuse(_ reason: String) -> Failure { Failure(description: "\(path): \(reason)") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        // Everything that can be known of the file is checked before the directory is copied:
        // its encoding (one validation pass over every byte), its header and a first line.
        let encoding = try Self.encoding(of: path, requested: options.encoding, blockSize: blockSize, refuse: refuse)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("cannot open") }
        defer { try? handle.close() }
        var lines = RPPSLines(handle, encoding: encoding, blockSize: blockSize)
        func nextLine() throws -> RPPSLine? {
            do { return try lines.next() } catch let problem as RPPSLines.Problem { throw refuse(problem.description) }
        }
        guard let first = try nextLine(), !first.isBlank else {
            throw refuse("empty file: a register extract starts with its header line; nothing imported")
        }
        if first.bytes.contains(UInt8(ascii: "\r")) {
            throw refuse("line 1: lines end with CR alone (no LF): not a register extract (its lines end with LF or CRLF); nothing imported")
        }
        let header: RPPSExtract.Header
        // Column names are found the same whatever the data's encoding: a header that is valid
        // UTF-8 is read as UTF-8 even in a file imported with --encoding windows-1252.
        let headerText = String(validating: first.bytes, as: UTF8.self) ?? first.text(0..<first.count)
        do { header = try RPPSExtract.Header(headerText) } catch let e as RPPSExtract.HeaderError {
            throw refuse(e.description)
        }
        var firstData: RPPSLine?
        while let line = try nextLine() {
            if !line.isBlank { firstData = line; break }
        }
        guard let firstData else { throw refuse("no line after the header: an extract with no professional; nothing imported") }
        var report = RPPSImportReport(encoding: encoding.name, lines: 0, kept: [:], skippedProfessions: [:], skippedNoContact: 0,
                                      skippedNoDepartement: 0, duplicates: 0, retired: 0)
        let reader = RPPSEntryReader(lines: lines, header: header, first: firstData, geography: geography, path: path, size: size,
                                     progress: progress)
        let replaced = try file.replaceReporting { db in
            try db.inTransaction {
                // One rebuild of the full-text index at the end, not one update per row.
                try DirectorySchema.withSearchIndexRebuiltOnce(db) {
                    let replacement = try SourceReplacement(db, source: RPPSExtract.source)
                    // The lines are read on another thread while the entries before are written.
                    let pipe = BatchPipe<[RPPSEntryReader.Row]>(capacity: 8)
                    Thread { reader.run(into: pipe) }.start()
                    defer { pipe.cancel() }
                    while let batch = try pipe.next() {
                        for row in batch {
                            if try replacement.keep(row.entry, sortKey: row.sortKey) {
                                report.kept[row.entry.kind, default: 0] += 1
                            } else {
                                report.duplicates += 1
                            }
                        }
                    }
                    report.lines = reader.linesRead
                    report.skippedProfessions = reader.skippedProfessions
                    report.skippedNoContact = reader.skippedNoContact
                    report.skippedNoDepartement = reader.skippedNoDepartement
                    // Refused inside the copy: the directory in place stays as it was.
                    report.retired = try replacement.retireUnseen(allowShrink: options.allowShrink, refuse: refuse)
                }
                return .commit
            }
        }
        report.removedLeftovers = replaced.removedLeftovers
        progress?(report.lines, size, size)
        return report
    }

    /// The file's encoding, decided once before anything is read as text: `--encoding
    /// windows-1252` as given; otherwise a validation pass of UTF-8 over every byte (a
    /// byte-order mark or `--encoding utf-8` then requires UTF-8 throughout).
    static func encoding(of path: String, requested: RPPSEncoding?, blockSize: Int,
                         refuse: (String) -> Failure) throws -> RPPSEncoding {
        if requested == .windows1252 { return .windows1252 }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("cannot open") }
        defer { try? handle.close() }
        var scan = UTF8Scan()
        var start: [UInt8] = []
        while let block = try handle.read(upToCount: blockSize), !block.isEmpty {
            if start.count < RPPSEncoding.byteOrderMark.count { start += block.prefix(RPPSEncoding.byteOrderMark.count - start.count) }
            block.withUnsafeBytes { scan.feed($0.bindMemory(to: UInt8.self)) }
        }
        scan.finish()
        switch RPPSEncoding.decide(bom: start == RPPSEncoding.byteOrderMark, requested: requested, scan: scan) {
        case .success(let encoding): return encoding
        case .failure(let refusal): throw refuse(refusal.description)
        }
    }
}
