import EcouteCore
import Foundation
import GRDB

/// Imports the register's extract in one pass, in one transaction (a failure writes nothing):
/// the file is read a block at a time and cut into lines and fields as bytes, only the fields
/// needed are decoded, so memory stays flat whatever the file's size and the 80 % of lines about
/// other professions cost little. Entries are upserted by (source, id); those of the `rpps`
/// source absent from the new extract are retired; curated entries (units, services,
/// associations, emergency numbers) are untouched. The work is done in a copy of the directory
/// file renamed into place at the end (`DirectoryFile.replace`): consoles keep reading, and
/// saving calls, meanwhile.
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
        // The header is read before the directory is copied: a file refused costs no copy.
        var lines = RPPSLines(handle)
        guard let first = try lines.next() else { throw Failure(description: "\(path): empty file: the header line is required") }
        let header: RPPSExtract.Header
        do { header = try RPPSExtract.Header(first.text(0..<first.count)) } catch let e as RPPSExtract.HeaderError {
            throw Failure(description: "\(path): \(e.description)")
        }
        var report = RPPSImportReport(encoding: lines.encoding, lines: 0, kept: [:], skippedProfessions: [:], skippedNoContact: 0,
                                      skippedNoDepartement: 0, duplicates: 0, retired: 0)
        let geography = self.geography
        try file.replace { db in
            try db.inTransaction {
                // One rebuild of the full-text index at the end, not one update per row.
                try DirectorySchema.withSearchIndexRebuiltOnce(db) {
                    try db.execute(sql: "CREATE TEMP TABLE rpps_seen (source_id TEXT PRIMARY KEY) WITHOUT ROWID")
                    let upsert = try db.cachedStatement(sql: EntryRow.insertSQL)
                    let seen = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.rpps_seen (source_id) VALUES (?)")
                    // Labels repeat on every line: each pair is folded and classified once.
                    var kinds: [String: ReferralKind?] = [:]
                    func kind(_ profession: String, _ skill: String) -> ReferralKind? {
                        let key = profession + "\u{1F}" + skill
                        if let known = kinds[key] { return known }
                        let found = RPPSExtract.kind(profession: profession, skill: skill)
                        kinds[key] = found
                        return found
                    }
                    while let line = try lines.next() {
                        guard !line.isBlank else { continue }
                        report.lines += 1
                        let result = RPPSExtract.entry({ column in line.field(header.index[column]!) }, geography: geography, kind: kind)
                        switch result {
                        case .success(let entry):
                            try seen.execute(arguments: [entry.sourceID])
                            if db.changesCount == 1 {
                                try upsert.execute(arguments: EntryRow.arguments(entry))
                                report.kept[entry.kind, default: 0] += 1
                            } else {
                                report.duplicates += 1
                            }
                        case .failure(.profession(let label)): report.skippedProfessions[label, default: 0] += 1
                        case .failure(.noContact): report.skippedNoContact += 1
                        case .failure(.noDepartement): report.skippedNoDepartement += 1
                        case .failure(.duplicate): report.duplicates += 1
                        }
                        if report.lines % 50_000 == 0 { progress?(report.lines, lines.bytesRead, size) }
                    }
                    report.encoding = lines.encoding
                    try db.execute(sql: """
                        UPDATE directory_entries SET active = 0
                        WHERE source = ? AND active = 1 AND source_id NOT IN (SELECT source_id FROM temp.rpps_seen)
                        """, arguments: [RPPSExtract.source])
                    report.retired = db.changesCount
                    try db.execute(sql: "DROP TABLE temp.rpps_seen")
                }
                return .commit
            }
        }
        progress?(report.lines, size, size)
        return report
    }
}

/// The lines of an extract, read a block at a time and cut as bytes: LF or CRLF ends, a
/// trailing `|` ignored. UTF-8 unless the file is not (older extracts are Windows-1252).
struct RPPSLines {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private(set) var bytesRead: Int64 = 0
    private(set) var isUTF8 = true
    var encoding: String { isUTF8 ? "UTF-8" : "Windows-1252" }

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line (its end removed), or nil at the end of the file.
    mutating func next() throws -> RPPSLine? {
        while true {
            if let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = line(start..<end)
                start = end + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = line(start..<buffer.count)
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            guard let block = try handle.read(upToCount: 1 << 20), !block.isEmpty else {
                finished = true
                continue
            }
            bytesRead += Int64(block.count)
            if isUTF8, String(validating: block, as: UTF8.self) == nil, !Self.endsMidCharacter(block) { isUTF8 = false }
            buffer.append(contentsOf: block)
        }
    }

    /// Whether a block that is not valid UTF-8 is so only because a character is cut at its end.
    static func endsMidCharacter(_ block: Data) -> Bool {
        for cut in 1...3 where block.count > cut {
            if String(validating: block.dropLast(cut), as: UTF8.self) != nil { return true }
        }
        return false
    }

    private func line(_ range: Range<Int>) -> RPPSLine {
        var bytes = buffer[range]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return RPPSLine(bytes: Array(bytes), utf8: isUTF8)
    }
}

/// One line of an extract, cut into `|`-separated fields on demand.
struct RPPSLine {
    let bytes: [UInt8]
    let utf8: Bool
    private let bounds: [Range<Int>]

    init(bytes: [UInt8], utf8: Bool) {
        self.bytes = bytes
        self.utf8 = utf8
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(64)
        var from = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "|") {
            bounds.append(from..<i)
            from = i + 1
        }
        if from < bytes.count || bounds.isEmpty { bounds.append(from..<bytes.count) }
        self.bounds = bounds
    }

    var count: Int { bytes.count }
    var isBlank: Bool { bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }

    /// Field `i`, decoded and trimmed ("" when the line is shorter).
    func field(_ i: Int) -> String {
        guard i < bounds.count else { return "" }
        var range = bounds[i]
        while range.lowerBound < range.upperBound, bytes[range.lowerBound] == UInt8(ascii: " ") { range = (range.lowerBound + 1)..<range.upperBound }
        while range.lowerBound < range.upperBound, bytes[range.upperBound - 1] == UInt8(ascii: " ") { range = range.lowerBound..<(range.upperBound - 1) }
        return text(range)
    }

    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        if utf8 { return String(decoding: bytes[range], as: UTF8.self) }
        return String(data: Data(bytes[range]), encoding: .windowsCP1252) ?? String(decoding: bytes[range], as: UTF8.self)
    }
}
