import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import Foundation

/// `ecoute directory …`: keep the referral directory current.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Import, export, search and generate the referral directory.",
        subcommands: [Import.self, Export.self, Search.self, Generate.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV file; nothing is written unless every row is valid.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "CSV file with a header row (see docs/directory-format.md).") var file: String
        @Option(help: "Source name for rows whose source column is empty (default: the file name).") var source: String?
        @Flag(help: "Import the valid rows and list the invalid ones instead of rejecting the file.") var skipInvalid = false

        func run() throws {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw fail("\(file): cannot read as UTF-8 text (\(error.localizedDescription))")
            }
            let (pool, geography) = try database.open()
            let name = URL(fileURLWithPath: file).lastPathComponent
            do {
                let report = try DirectoryImporter(pool: pool, geography: geography)
                    .importCSV(text, fileName: name, defaultSource: source ?? name, skipInvalid: skipInvalid)
                print("\(file): \(report.inserted) added, \(report.updated) updated, \(report.skipped.count) problem(s) skipped")
                for p in report.skipped { print("  \(file): \(p)") }
            } catch let rejected as DirectoryImporter.Rejected {
                throw fail(rejected.description)
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the whole directory as CSV.")
        @OptionGroup var database: DatabaseOptions
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

        func run() throws {
            let (pool, geography) = try database.open()
            let csv = DirectoryFormat.csv(try SQLiteDirectory(pool: pool, geography: geography).allEntries())
            if let output {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                print(csv, terminator: "")
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Full-text search (name, city, organisation, specialities).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Words to find; each is a prefix, accents and case ignored.") var text: [String] = []
        @Option(help: "Only this kind (\(ReferralKind.allCases.map(\.rawValue).joined(separator: ", "))).") var kind: String?
        @Option(help: "Only this département code.") var departement: String?
        @Option(help: "Only this region code.") var region: String?
        @Flag(help: "Only entries offering teleconsultation.") var teleconsultation = false
        @Option(help: "At most this many results.") var limit = 20

        func validate() throws {
            if let kind, ReferralKind(rawValue: kind) == nil {
                throw ValidationError("unknown kind \"\(kind)\"; expected one of: \(ReferralKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let (pool, geography) = try database.open()
            let results = try SQLiteDirectory(pool: pool, geography: geography).search(
                text.joined(separator: " "), kind: kind.flatMap(ReferralKind.init(rawValue:)),
                departement: departement, region: region, teleconsultation: teleconsultation ? true : nil, limit: limit)
            for e in results {
                print("\(e.kind.rawValue)\t\(e.name)\t\(e.contactLine)")
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic but plausible directory as CSV (for demos and benchmarks).")
        @Option(help: "About how many entries.") var entries = 1200
        @Option(help: "Random seed (the same seed gives the same file).") var seed: UInt64 = 1
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

        func run() throws {
            let geography = try GeographyLoader.load(from: ResourceLocator.url("geography"))
            let csv = DirectoryFormat.csv(DirectoryGenerator(geography: geography).generate(entries: entries, seed: seed))
            if let output {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
