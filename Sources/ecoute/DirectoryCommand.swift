import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import Foundation

extension ReferralKind: EnumArgument {}
extension RPPSEncoding: EnumArgument {}

/// What `directory import` reads: the exchange formats, France's register of health
/// professionals (RPPS extract), or its register of establishments (FINESS extract).
enum ImportFormat: String, CaseIterable, EnumArgument {
    case csv, json, rpps, finess
}

/// `ecoute directory …`: keep the referral directory current.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Import, export, search and generate the referral directory.",
        subcommands: [Import.self, Export.self, Search.self, Stats.self, Generate.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a CSV or JSON file (nothing is written unless every row is valid), or the RPPS or FINESS register's extract.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "CSV file with a header row, JSON array, RPPS or FINESS extract (see docs/directory-format.md).") var file: String
        @Option(help: "csv, json, rpps or finess (default: rpps or finess for a register's first line, json for a .json file, csv otherwise).")
        var format: ImportFormat?
        @Option(help: "Source name for rows whose source column is empty (default: the file name).") var source: String?
        @Flag(help: "Import the valid rows and list the invalid ones instead of rejecting the file.") var skipInvalid = false
        @Option(help: "The register extract's encoding (RPPS or FINESS), utf-8 or windows-1252 (default: a UTF-8 byte-order mark, else decided by reading the whole file first).")
        var encoding: RPPSEncoding?
        @Flag(help: "Import a register extract (RPPS or FINESS) even if it retires more than 10 % of that register's active entries.") var allowShrink = false

        func run() throws {
            let register = format == nil ? Self.register(file) : format
            if register == .rpps { return try importRegister() }
            if register == .finess { return try importEstablishments() }
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw fail("\(file): cannot read as UTF-8 text (\(error.localizedDescription))")
            }
            let (store, _) = try self.store.open()
            let name = URL(fileURLWithPath: file).lastPathComponent
            do {
                let report = try store.directoryMaintenance
                    .importFile(text, format: format.flatMap { ExchangeFormat(rawValue: $0.rawValue) } ?? .guess(fileName: name), fileName: name,
                                defaultSource: source ?? name, skipInvalid: skipInvalid)
                for path in report.removedLeftovers { print("removed a copy left by an interrupted import: \(path)") }
            print("\(file): \(report.inserted) added, \(report.updated) updated, \(report.skipped.count) problem(s) skipped")
                for p in report.skipped { print("  \(file): \(p)") }
            } catch let rejected as DirectoryImportRejected {
                throw fail(rejected.description)
            }
        }

        /// The register whose extract the file is, from its first line: `|` and « Identifiant PP »
        /// (RPPS), or `finess;` (FINESS); nil for anything else.
        static func register(_ path: String) -> ImportFormat? {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            var start = handle.readData(ofLength: 4096)
            if start.starts(with: RPPSEncoding.byteOrderMark) { start.removeFirst(RPPSEncoding.byteOrderMark.count) }
            let text = String(decoding: start, as: UTF8.self)
            let first = String(text.prefix { $0 != "\n" && $0 != "\r" })
            if RPPSExtract.looksLikeExtract(first) { return .rpps }
            if FINESSExtract.looksLikeExtract(first) { return .finess }
            return nil
        }

        /// The import's progress on standard error when it is a terminal: lines, rate, share read
        /// and time left; a last newline once it ends.
        func withProgress<Report>(_ run: (@escaping (Int, Int64, Int64) -> Void) throws -> Report) throws -> Report {
            let started = Date()
            let onTerminal = isatty(2) == 1
            let report: Report
            do {
                report = try run { lines, read, size in
                    guard onTerminal, size > 0 else { return }
                    let elapsed = Date().timeIntervalSince(started)
                    let rate = Double(lines) / max(elapsed, 0.001)
                    let eta = read > 0 ? elapsed * Double(size - read) / Double(read) : 0
                    writeToStandardError(String(format: "\r%d lines · %.0f lines/s · %d%% · about %ds left   ", lines, rate,
                                                Int(Double(read) * 100 / Double(size)), Int(eta)))
                }
            } catch {
                throw fail("ecoute: \(error)")
            }
            if onTerminal { writeToStandardError("\n") }
            return report
        }

        func importEstablishments() throws {
            let (store, _) = try self.store.open()
            let options = RPPSImportOptions(encoding: encoding, allowShrink: allowShrink)
            let report = try withProgress { try store.directoryMaintenance.importEstablishments(file, options: options, progress: $0) }
            for path in report.removedLeftovers { print("removed a copy left by an interrupted import: \(path)") }
            print("\(file): \(report.lines) establishments read (\(report.encoding); \(report.stream))")
            for kind in ReferralKind.allCases { if let n = report.kept[kind] { print("  kept \(kind.rawValue): \(n)") } }
            print("  skipped, other categories: \(report.skippedCategories.values.reduce(0, +))")
            for (label, n) in report.skippedCategories.sorted(by: { $0.value > $1.value }).prefix(10) { print("    \(label): \(n)") }
            print("  skipped, no address nor phone: \(report.skippedNoContact)")
            print("  skipped, no département: \(report.skippedNoDepartement)")
            print("  lines of other sections (not read): \(report.otherSections)")
            print("  repeated establishments (same FINESS number): \(report.duplicates)")
            print("  retired (absent from this extract): \(report.retired)")
        }

        func importRegister() throws {
            let (store, _) = try self.store.open()
            let options = RPPSImportOptions(encoding: encoding, allowShrink: allowShrink)
            let report = try withProgress { try store.directoryMaintenance.importRegister(file, options: options, progress: $0) }
            for path in report.removedLeftovers { print("removed a copy left by an interrupted import: \(path)") }
            print("\(file): \(report.lines) lines read (\(report.encoding))")
            for kind in ReferralKind.allCases { if let n = report.kept[kind] { print("  kept \(kind.rawValue): \(n)") } }
            print("  skipped, other professions: \(report.skippedProfessions.values.reduce(0, +))")
            for (label, n) in report.skippedProfessions.sorted(by: { $0.value > $1.value }).prefix(10) { print("    \(label): \(n)") }
            print("  skipped, no address nor phone: \(report.skippedNoContact)")
            print("  skipped, no département: \(report.skippedNoDepartement)")
            print("  repeated lines (same professional, place and kind): \(report.duplicates)")
            print("  retired (absent from this extract): \(report.retired)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the whole directory as CSV or JSON.")
        @OptionGroup var store: StoreOptions
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
        @Option(help: "csv or json (default: json for a .json output file, csv otherwise).") var format: ExchangeFormat?

        func run() throws {
            let (store, _) = try self.store.open(access: .readOnly)
            let chosen = format ?? output.map { ExchangeFormat.guess(fileName: $0) } ?? .csv
            let text = chosen.encode(try store.directoryMaintenance.allEntries())
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                print(text, terminator: "")
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search (name, city, organisation, specialities).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Words to find; each is a prefix, accents and case ignored.") var text: [String] = []
        @Option(help: "Only this kind.") var kind: ReferralKind?
        @Option(help: "Only this département code.") var departement: String?
        @Option(help: "Only this region code.") var region: String?
        @Flag(help: "Only entries offering teleconsultation.") var teleconsultation = false
        @Option(help: "At most this many results.") var limit = 20

        func run() throws {
            // The directory file alone when it can be (the calls database is not opened); the
            // whole store otherwise (kept until the search is done).
            var store: (any Store)?
            let directory: any DirectoryMaintenance
            if let alone = try self.store.openDirectoryAlone() {
                directory = alone
            } else {
                let opened = try self.store.open(access: .readOnly).0
                store = opened
                directory = opened.directoryMaintenance
            }
            let results = try withExtendedLifetime(store) {
                try directory.search(text.joined(separator: " "), kind: kind, departement: departement, region: region,
                                     teleconsultation: teleconsultation ? true : nil, limit: limit)
            }
            // A fictitious entry says so in a fourth column, by its source's name as the kind is
            // given by its own (the console shows « fictif »).
            for e in results {
                print("\(e.kind.rawValue)\t\(e.name)\t\(e.contactLine)" + (e.isSample ? "\t" + DirectoryEntry.sampleSource : ""))
            }
            // Said: the process ends here, its read-only connection and its memory going with it
            // (closing and freeing them one by one took a cold search 0.4 ms, docs/benchmarks.md);
            // results that could not be written (a full disk) are a failure, not a silent success.
            if fflush(nil) != 0 {
                throw fail("ecoute: the results could not be written to the standard output (\(String(cString: strerror(errno))))")
            }
            Foundation.exit(0)
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Counts per kind and region, entries not verified for a year, départements lacking a needed kind.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let (store, _) = try self.store.open(access: .readOnly)
            let cutoff = Calendar(identifier: .gregorian).date(byAdding: .year, value: -1, to: Date())!
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let stats = try store.directoryMaintenance.statistics(verifiedCutoff: formatter.string(from: cutoff))
            print("Active entries by kind and region:")
            for kind in ReferralKind.allCases {
                let regions = stats.activeByKindAndRegion[kind.rawValue] ?? [:]
                let total = regions.values.reduce(0, +)
                let detail = regions.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "national" : $0.key):\($0.value)" }
                print("  \(kind.rawValue): \(total)  [\(detail.joined(separator: " "))]")
            }
            if stats.onlyFictitious.isEmpty {
                print("No kind relies on fictitious sample data alone.")
            } else {
                print("Kinds still fictitious (sample data only, shown « fictif »): \(stats.onlyFictitious.map(\.rawValue).joined(separator: ", "))")
            }
            print("Inactive entries: \(stats.inactive)")
            print("Not verified since \(formatter.string(from: cutoff)): \(stats.notVerifiedSince)")
            if stats.departementsWithout.isEmpty {
                print("Every département has an active entry of every kind the rules need.")
            }
            for kind in DirectoryStatistics.locallyNeededKinds {
                if let missing = stats.departementsWithout[kind] {
                    print("No active \(kind.rawValue) in: \(missing.joined(separator: ", "))")
                }
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write a synthetic but plausible directory as CSV (for demos and benchmarks).")
        @Option(help: "About how many entries.") var entries = 1200
        @Option(help: "Random seed (the same seed gives the same file).") var seed: UInt64 = 1
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
        @Option(help: "csv or json (default: json for a .json output file, csv otherwise).") var format: ExchangeFormat?

        func run() throws {
            let geography = try Geography.load(from: ResourceLocator.url("geography"))
            let chosen = format ?? output.map { ExchangeFormat.guess(fileName: $0) } ?? .csv
            let csv = chosen.encode(DirectoryGenerator(geography: geography).generate(entries: entries, seed: seed))
            if let output {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
