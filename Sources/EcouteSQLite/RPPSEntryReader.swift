import EcouteCore
import Foundation

/// The register's lines read into directory entries on a thread of their own, handed in batches
/// to the import's writer (`RPPSImporter`): reading and writing overlap on two cores. Every
/// check of a line is made here, in file order, and the first refusal ends the reading: the
/// writer then throws it and the directory copy is dropped.
final class RPPSEntryReader: @unchecked Sendable {
    private var lines: RPPSLines
    private let header: RPPSExtract.Header
    /// The columns read, in the order of the line (a line's first field too long is the one named).
    private let read: [(column: RPPSExtract.Column, index: Int)]
    /// Where each column is in a line, by `Column.ordinal`.
    private let positions: [Int]
    private var pending: RPPSLine?
    private let geography: Geography
    private let path: String
    private let size: Int64
    private let progress: ((Int, Int64, Int64) -> Void)?

    /// What the lines read gave, besides the entries: counted here, read once `run` is over.
    private(set) var linesRead = 0
    private(set) var skippedNoContact = 0
    private(set) var skippedNoDepartement = 0
    /// Each pair of profession and speciality labels met, classified once: the same few pairs
    /// are on every line.
    private var labels = LabelPairs()

    static let batchSize = 1_024

    /// An entry to write, with its sort key (folded here, off the writer's thread).
    struct Row {
        let entry: DirectoryEntry
        let sortKey: String
    }

    init(lines: RPPSLines, header: RPPSExtract.Header, first: RPPSLine, geography: Geography, path: String, size: Int64,
         progress: ((Int, Int64, Int64) -> Void)?) {
        self.lines = lines
        self.header = header
        read = header.index.map { (column: $0.key, index: $0.value) }.sorted { $0.index < $1.index }
        positions = RPPSExtract.Column.allCases.map { header.index[$0]! }
        pending = first
        self.geography = geography
        self.path = path
        self.size = size
        self.progress = progress
    }

    /// Lines skipped for their profession, by label.
    var skippedProfessions: [String: Int] { labels.skipped }
    var bytesRead: Int64 { lines.bytesRead }

    /// Reads to the end of the file (or the first refusal, or until the writer gives up).
    func run(into pipe: BatchPipe<[Row]>) {
        do {
            var batch: [Row] = []
            batch.reserveCapacity(Self.batchSize)
            while let line = try nextLine() {
                if let entry = try entry(line) {
                    batch.append(entry)
                    if batch.count == Self.batchSize {
                        guard pipe.put(batch) else { return pipe.finish() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if linesRead % 50_000 == 0 { progress?(linesRead, lines.bytesRead, size) }
            }
            if !batch.isEmpty, !pipe.put(batch) { return pipe.finish() }
            pipe.finish()
        } catch {
            pipe.finish(throwing: error)
        }
    }

    private func refuse(_ reason: String) -> RPPSImporter.Failure { RPPSImporter.Failure(description: "\(path): \(reason)") }

    private func nextLine() throws -> RPPSLine? {
        while true {
            let line: RPPSLine?
            if let first = pending {
                pending = nil
                line = first
            } else {
                do { line = try lines.next() } catch let problem as RPPSLines.Problem { throw refuse(problem.description) }
            }
            guard let line else { return nil }
            if !line.isBlank { return line }
        }
    }

    /// The entry a line gives, nil when it is skipped (and counted); throws for a line that is
    /// not an extract's.
    private func entry(_ line: RPPSLine) throws -> Row? {
        guard line.has(fields: header.count) else {
            throw refuse("line \(line.number), byte \(line.offset): \(line.separators + 1) field(s) where the header has \(header.count): "
                         + "the line is cut short; nothing imported")
        }
        for (column, i) in read where line.length(ofField: i) > RPPSExtract.longestField {
            throw refuse("line \(line.number), byte \(line.offset(ofField: i)), field « \(column.rawValue) »: "
                         + "\(line.length(ofField: i)) bytes, more than the \(RPPSExtract.longestField) a field may have; nothing imported")
        }
        linesRead += 1
        let pair = labels.classify(line, profession: positions[RPPSExtract.Column.profession.ordinal],
                                   skill: positions[RPPSExtract.Column.skill.ordinal])
        guard let kind = pair.kind else { return nil }
        let positions = positions
        switch RPPSExtract.entry(of: kind, forChildren: pair.forChildren, { line.field(positions[$0.ordinal]) }, geography: geography) {
        case .success(let entry): return Row(entry: entry, sortKey: DirectorySchema.sortKey(entry.name))
        case .failure(.noContact): skippedNoContact += 1
        case .failure(.noDepartement): skippedNoDepartement += 1
        case .failure(.profession), .failure(.duplicate): break
        }
        return nil
    }
}

/// The pairs of profession and speciality labels of an extract, each classified once, found by
/// their bytes (hashed without decoding: a String key would be normalised on every line).
struct LabelPairs {
    struct Pair {
        let bytes: [UInt8]
        let kind: ReferralKind?
        let forChildren: Bool
        let label: String
        var skipped = 0
    }

    private var pairs: [Pair] = []
    private var byHash: [UInt64: [Int]] = [:]

    /// Lines skipped for their profession, by label.
    var skipped: [String: Int] {
        var counts: [String: Int] = [:]
        for pair in pairs where pair.kind == nil { counts[pair.label, default: 0] += pair.skipped }
        return counts
    }

    /// The pair of `line`'s fields `profession` and `skill`; a pair that gives no entry counts
    /// one more line skipped.
    mutating func classify(_ line: RPPSLine, profession: Int, skill: Int) -> Pair {
        let p = line.trimmed(profession), s = line.trimmed(skill)
        let bytes = line.bytes
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ range: Range<Int>) { for i in range { hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3 } }
        mix(p)
        hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
        mix(s)
        func same(_ pair: Pair) -> Bool {
            pair.bytes.count == p.count + 1 + s.count && pair.bytes[..<p.count].elementsEqual(bytes[p])
                && pair.bytes[p.count] == 0x1F && pair.bytes[(p.count + 1)...].elementsEqual(bytes[s])
        }
        if let candidates = byHash[hash], let i = candidates.first(where: { same(pairs[$0]) }) {
            if pairs[i].kind == nil { pairs[i].skipped += 1 }
            return pairs[i]
        }
        let professionText = line.text(p), skillText = line.text(s)
        let kind = RPPSExtract.kind(profession: professionText, skill: skillText)
        var pair = Pair(bytes: Array(bytes[p]) + [0x1F] + Array(bytes[s]), kind: kind,
                        forChildren: kind.map { RPPSExtract.forChildren($0, skill: skillText) } ?? false,
                        label: RPPSExtract.label(profession: professionText, skill: skillText))
        if kind == nil { pair.skipped = 1 }
        byHash[hash, default: []].append(pairs.count)
        pairs.append(pair)
        return pair
    }
}
