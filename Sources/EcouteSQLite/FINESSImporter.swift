import EcouteCore
import Foundation
import GRDB

/// Imports the FINESS extract (`FINESSExtract`) with the register import's guards: the file's
/// encoding decided once before anything is written (a validation pass, a byte-order mark or
/// `--encoding`), its first line checked to be FINESS's, lines cut as bytes a block at a time, a
/// line cut short, a field longer than `FINESSExtract.longestField`, a last line without its
/// newline or CR-only line ends refused naming line, byte and field; an extract that would
/// retire more than a tenth of FINESS's active entries refused unless allowed (`ShrinkGuard`).
/// Everything is written in one transaction on a copy of the directory file renamed into place
/// at the end: a refusal leaves the directory byte-identical. Entries are upserted by
/// (`finess`, FINESS number); those of the source `finess` absent from the file are retired,
/// never those of the RPPS or curated sources.
public struct FINESSImporter {
    let file: DirectoryFile
    let geography: Geography

    public init(file: DirectoryFile, geography: Geography) {
        self.file = file
        self.geography = geography
    }

    public typealias Failure = RPPSImporter.Failure

    /// `progress(lines, bytes read, file size)` is called every 50,000 lines.
    public func importFile(_ path: String, options: RPPSImportOptions = RPPSImportOptions(),
                           progress: ((Int, Int64, Int64) -> Void)? = nil) throws -> FINESSImportReport {
        try importFile(path, options: options, blockSize: 1 << 20, progress: progress)
    }

    /// The same, reading `blockSize` bytes at a time (small in tests, so that blocks cut characters).
    func importFile(_ path: String, options: RPPSImportOptions, blockSize: Int,
                    progress: ((Int, Int64, Int64) -> Void)? = nil) throws -> FINESSImportReport {
        func refuse(_ reason: String) -> Failure { Failure(description: "\(path): \(reason)") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        let encoding = try RPPSImporter.encoding(of: path, requested: options.encoding, blockSize: blockSize, refuse: refuse)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("cannot open") }
        defer { try? handle.close() }
        var lines = RPPSLines(handle, encoding: encoding, blockSize: blockSize, separator: UInt8(ascii: ";"))
        func nextLine() throws -> RPPSLine? {
            do { return try lines.next() } catch let problem as RPPSLines.Problem { throw refuse(problem.description) }
        }
        guard let first = try nextLine(), !first.isBlank else {
            throw refuse("empty file: a FINESS extract starts with its line « finess;etalab;… »; nothing imported")
        }
        if first.bytes.contains(UInt8(ascii: "\r")) {
            throw refuse("line 1: lines end with CR alone (no LF): not a FINESS extract (its lines end with LF or CRLF); nothing imported")
        }
        let stream = first.text(0..<first.count)
        guard FINESSExtract.looksLikeExtract(stream) else {
            throw refuse("line 1: « \(stream.prefix(60)) » is not a FINESS extract's first line (« finess;etalab;… »); nothing imported")
        }
        let section = Array(FINESSExtract.establishmentSection.utf8)
        func isEstablishment(_ line: RPPSLine) -> Bool {
            line.length(ofField: 0) == section.count && line.bytes.prefix(section.count).elementsEqual(section)
        }
        // The directory is copied only once an establishment's line is found.
        var pending: [RPPSLine] = []
        var otherSections = 0
        while let line = try nextLine() {
            if line.isBlank { continue }
            if isEstablishment(line) { pending.append(line); break }
            otherSections += 1
        }
        guard !pending.isEmpty else {
            throw refuse("no establishment (« \(FINESSExtract.establishmentSection) ») line after line 1: an extract with no establishment; nothing imported")
        }
        var report = FINESSImportReport(encoding: encoding.name, stream: stream, otherSections: otherSections)
        let geography = self.geography
        let read = FINESSExtract.Field.allCases
        let replaced = try file.replaceReporting { db in
            try db.inTransaction {
                try DirectorySchema.withSearchIndexRebuiltOnce(db) {
                    let replacement = try SourceReplacement(db, source: FINESSExtract.source)
                    func following() throws -> RPPSLine? {
                        if !pending.isEmpty { return pending.removeFirst() }
                        return try nextLine()
                    }
                    while let line = try following() {
                        guard !line.isBlank else { continue }
                        guard isEstablishment(line) else { report.otherSections += 1; continue }
                        guard line.has(fields: FINESSExtract.fieldCount) else {
                            throw refuse("line \(line.number), byte \(line.offset): \(line.separators + 1) field(s) where an establishment's line has "
                                         + "\(FINESSExtract.fieldCount): the line is cut short; nothing imported")
                        }
                        for field in read where line.length(ofField: field.rawValue) > FINESSExtract.longestField {
                            throw refuse("line \(line.number), byte \(line.offset(ofField: field.rawValue)), field \(field.rawValue + 1) « \(field.tag) »: "
                                         + "\(line.length(ofField: field.rawValue)) bytes, more than the \(FINESSExtract.longestField) a field may have; nothing imported")
                        }
                        report.lines += 1
                        switch FINESSExtract.entry({ line.field($0.rawValue) }, geography: geography) {
                        case .success(let entry):
                            guard !entry.sourceID.isEmpty else {
                                throw refuse("line \(line.number), byte \(line.offset(ofField: 1)), field 2 « nofinesset »: empty: "
                                             + "an establishment without its FINESS number; nothing imported")
                            }
                            if try replacement.keep(entry) {
                                report.kept[entry.kind, default: 0] += 1
                            } else {
                                report.duplicates += 1
                            }
                        case .failure(.category(let label)): report.skippedCategories[label, default: 0] += 1
                        case .failure(.noContact): report.skippedNoContact += 1
                        case .failure(.noDepartement): report.skippedNoDepartement += 1
                        }
                        if report.lines % 50_000 == 0 { progress?(report.lines, lines.bytesRead, size) }
                    }
                    report.retired = try replacement.retireUnseen(allowShrink: options.allowShrink, refuse: refuse)
                }
                return .commit
            }
        }
        report.removedLeftovers = replaced.removedLeftovers
        progress?(report.lines, size, size)
        return report
    }
}
