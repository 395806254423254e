import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteSQLite
import EcouteStore
import Foundation
import GRDB

/// `make bench`: the directory at national scale. Generates a directory, imports it (against the
/// sqlite3 shell's `.import`), then times referral proposals and search-as-you-type queries,
/// each against the very same SQL run through the bare SQLite C API in the same run, and writes
/// docs/benchmarks.md.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ecoute-bench",
                                                    abstract: "Benchmarks of the referral directory.")
    /// The moment proposals are made for, as the console makes them (`HourRanking`): a weekday
    /// night, when closed offices give way to what is open.
    static let hour = Date(timeIntervalSince1970: 1_795_485_600)   // Tuesday 2026-11-24 03:00, Paris

    @Option(help: "Directory entries to generate.") var entries = 200_000
    @Option(help: "Timed referral proposals (and as many search queries).") var iterations = 2_000
    @Option(help: "Entries of the second, national-scale directory the proposals are timed on again (0: skip).")
    var largeEntries = 1_000_000
    @Option(help: "Markdown report to write (default: standard output only).") var output: String?
    @Option(help: "The sqlite3 shell, for the .import baseline.") var sqlite3 = "/usr/bin/sqlite3"
    @Option(help: "Lines of the generated register extract imported by the ecoute binary (0: skip).") var registerLines = 2_000_000
    @Option(help: "Imports of the register extract of each kind (UTF-8, Windows-1252, the sqlite3 floor), interleaved.") var registerRuns = 3
    @Option(help: "How many times as frequent as in the register the kinds kept are in the generated extract (9: 2M lines give about 1.1M entries).")
    var registerKeptFactor = 9
    @Flag(help: "Only the register at national scale (import, cold search, proposals): its section of the report alone.") var registerOnly = false
    @Option(help: "The ecoute binary (default: beside this one).") var ecoute: String?
    @Option(help: "Saved-call counts the reports are measured at (comma-separated; empty: skip).") var calls = "10000,100000,1000000"
    @Option(help: "Runs of each command and of its floor (the medians of short runs vary by a few percent from one run of the bench to the next).") var commandRuns = 11
    @Option(help: "Timed call saves on PostgreSQL (0: skip the platform figures).") var platformSaves = 2_000
    @Option(help: "Simulated consoles of the platform load (0: no load).") var platformConsoles = 100
    @Option(help: "Seconds the platform load lasts.") var platformSeconds = 60
    @Option(help: "Consoles taking calls on PostgreSQL through a server restart (0: skip).") var restartConsoles = 100
    @Option(help: "Seconds those consoles take calls.") var restartSeconds = 60
    @Option(help: "Seconds the server stays stopped in the middle.") var restartOutage = 5
    @Option(help: "Milliseconds between two keys of each console through the restart (0: back to back).") var restartPace = 0
    @Option(help: "Saves each pgbench client replays for the restart's floor.") var restartFloorSaves = 20
    @Option(help: "Alerts timed from a console's raise to a supervisor's board (0: skip).") var boardAlerts = 200
    @Flag(help: "Only the consoles through a PostgreSQL restart: its section of the report alone.") var restartOnly = false
    @Option(help: "Consoles on one embedded file while a directory import and reports run (0: skip).") var sharedConsoles = 100
    @Option(help: "Calls each of those consoles takes.") var sharedCalls = 3
    @Option(help: "Entries of the directory imported meanwhile.") var sharedImportEntries = 200_000
    @Flag(help: "Only the many consoles on one embedded file: its section of the report alone.") var sharedFileOnly = false
    @Flag(help: "Only the keys typed while another connection holds the write lock: its section of the report alone.")
    var keysUnderLockOnly = false
    @Flag(help: "Keep the working folder (generated files, the directories built) instead of removing it at the end; its path is printed.")
    var keepFolder = false

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            if keepFolder { log("Working folder kept: \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
        }
        if registerOnly { return try publish(benchRegister(folder).markdown) }
        let geography = try GeographyLoader.load(from: ResourceLocator.url("geography"))
        let binary = ecoute ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecoute").path
        func benchSharedFile() throws -> String {
            guard sharedConsoles > 0 else { return "" }
            return SharedFileBench.markdown(try SharedFileBench(folder: folder, geography: geography, binary: binary, consoles: sharedConsoles,
                                                                callsEach: sharedCalls, importEntries: sharedImportEntries).run())
        }
        func benchRestart() throws -> String {
            guard restartConsoles > 0 else { return "" }
            return PlatformRestartBench.markdown(try PlatformRestartBench(folder: folder, geography: geography, consoles: restartConsoles,
                                                                          seconds: restartSeconds, outageSeconds: restartOutage,
                                                                          floorSavesEach: restartFloorSaves, alerts: boardAlerts,
                                                                          pace: Double(restartPace) / 1000).run())
        }
        if restartOnly { return try publish(benchRestart()) }
        if sharedFileOnly { return try publish(benchSharedFile()) }
        if keysUnderLockOnly {
            return try publish(KeyUnderLockBench.markdown(try KeyUnderLockBench(folder: folder, geography: geography).run(keys: min(iterations, 2000))))
        }
        let clock = ContinuousClock()

        log("Generating \(entries) entries…")
        let csvURL = folder.appendingPathComponent("directory.csv")
        let generated = DirectoryGenerator(geography: geography).generate(entries: entries, seed: 7)
        try Data(DirectoryFormat.csv(generated).utf8).write(to: csvURL)

        log("Validating alone…")
        let validation = try clock.measure {
            let text = try String(contentsOf: csvURL, encoding: .utf8)
            _ = DirectoryValidator(geography: geography, defaultSource: "bench").validate(csvText: text)
        }

        log("Importing with ecoute…")
        let dbPath = folder.appendingPathComponent("bench.sqlite").path
        let database = try EcouteDatabase.open(path: dbPath)
        let file = EcouteDatabase.directoryFile(forCallsDatabase: dbPath)
        try DefaultData.seed(database, directory: file, geography: geography, sampleDirectory: nil)
        let emptyDirectory = folder.appendingPathComponent("empty.directory.sqlite").path
        try DirectoryFile.copy(file.path, to: emptyDirectory)
        var report: DirectoryImporter.Report?
        let ourImport = try clock.measure {
            let text = try String(contentsOf: csvURL, encoding: .utf8)
            report = try DirectoryImporter(file: file, geography: geography)
                .importCSV(text, fileName: "directory.csv", defaultSource: "bench")
        }
        guard let report, report.inserted == generated.count else { throw BenchError("import did not insert every entry") }

        log("Loading the same rows with the sqlite3 shell…")
        let shellImport = try clock.measure {
            try runShell(sqlite3, database: folder.appendingPathComponent("floor.sqlite").path,
                         input: try Self.equivalentLoad(schemaOf: emptyDirectory, csv: csvURL.path))
        }
        let floorCount = try RawSQLite(path: folder.appendingPathComponent("floor.sqlite").path)
            .run(["SELECT id FROM directory_entries"])
        guard floorCount == generated.count else { throw BenchError("the sqlite3 load kept \(floorCount) rows, not \(generated.count)") }

        let directory = SQLiteDirectory(file: file, geography: geography)
        let traced = try TracedDirectory(file: file, geography: geography)
        let raw = try RawSQLite(path: file.path, attaching: dbPath)

        log("Timing \(iterations) referral proposals…")
        var rng = SeededGenerator(seed: 11)
        let requests = (0..<iterations).map { _ in Self.randomRequest(geography, &rng) }
        let proposals = try Self.compare(requests, warmUp: 200, ours: { _ = try ReferralProposer.propose($0, from: directory, at: Bench.hour) },
                                    sql: { request in try traced.capture { _ = try ReferralProposer.propose(request, from: $0, at: Bench.hour) } },
                                    raw: raw)

        log("Timing search as you type…")
        let queries = Self.typedQueries(geography, count: iterations, &rng)
        let searches = try Self.compare(queries, warmUp: 200,
                                   ours: { _ = try directory.search($0, limit: 100) },
                                   sql: { query in try traced.capture { _ = try $0.search(query, limit: 100) } },
                                   raw: raw)

        log("Timing keys typed in the console's directory screen…")
        let store = SQLiteStore(database: database, directoryFile: file, geography: geography, path: dbPath)
        let screenKeys = try DirectoryScreenBench(store: store, geography: geography)
            .run(phrases: Self.typedPhrases(keys: iterations + 200, &rng))

        var large: (entries: Int, proposals: (ours: Latencies, raw: Latencies))?
        if largeEntries > 0 {
            log("Generating and importing \(largeEntries) entries for the proposals at national scale…")
            let largeGenerated = DirectoryGenerator(geography: geography).generate(entries: largeEntries, seed: 8)
            let largePath = folder.appendingPathComponent("large.sqlite").path
            let largeDatabase = try EcouteDatabase.open(path: largePath)
            let largeFile = EcouteDatabase.directoryFile(forCallsDatabase: largePath)
            try DefaultData.seed(largeDatabase, directory: largeFile, geography: geography, sampleDirectory: nil)
            let largeReport = try DirectoryImporter(file: largeFile, geography: geography)
                .importCSV(DirectoryFormat.csv(largeGenerated), fileName: "large.csv", defaultSource: "bench")
            guard largeReport.inserted == largeGenerated.count else { throw BenchError("the large import did not insert every entry") }
            log("Timing \(iterations) referral proposals on \(largeGenerated.count) entries…")
            let largeDirectory = SQLiteDirectory(file: largeFile, geography: geography)
            let largeTraced = try TracedDirectory(file: largeFile, geography: geography)
            let largeRaw = try RawSQLite(path: largeFile.path, attaching: largePath)
            large = (largeGenerated.count, try Self.compare(requests, warmUp: 200, ours: { _ = try ReferralProposer.propose($0, from: largeDirectory, at: Bench.hour) },
                                                       sql: { request in try largeTraced.capture { _ = try ReferralProposer.propose(request, from: $0, at: Bench.hour) } },
                                                       raw: largeRaw))
        }

        let register = registerLines > 0 ? try benchRegister(folder) : nil

        let sizes = calls.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        log("Timing cold commands and reports over \(sizes.map(String.init).joined(separator: ", ")) saved calls…")
        let commands = try CallsBench(folder: folder, binary: binary, sqlite3: sqlite3, runs: commandRuns).run(sizes: sizes)

        log("Timing keys typed while another connection holds the write lock…")
        let keysUnderLock = try KeyUnderLockBench(folder: folder, geography: geography).run(keys: min(iterations, 2000))

        log("Many consoles on one embedded file, with an import and reports…")
        let sharedFile = try benchSharedFile()

        let platform = platformSaves > 0
            ? try PlatformBench(saves: platformSaves, consoles: platformConsoles, seconds: platformSeconds, geography: geography).run()
            : nil
        log("Consoles through a PostgreSQL restart…")
        let restart = try benchRestart()

        let markdown = Self.report(entries: generated.count, ourImport: ourImport, validation: validation, shellImport: shellImport,
                                   proposals: proposals, searches: searches, screenKeys: screenKeys, large: large,
                                   iterations: iterations, register: register,
                                   commands: CallsBench.markdown(commands, runs: commandRuns) + KeyUnderLockBench.markdown(keysUnderLock) + sharedFile
                                       + (platform.map { "\n" + PlatformBench.markdown($0, saves: platformSaves) } ?? "") + restart)
        try publish(markdown)
    }

    /// Prints the report, and writes it to `--output` when given.
    func publish(_ markdown: String) throws {
        print(markdown)
        if let output {
            try Data(markdown.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            log("Written to \(output)")
        }
    }

    /// Times each input through ecoute and through raw SQLite (same SQL, captured beforehand),
    /// interleaved so both see the same machine.
    static func compare<Input>(_ inputs: [Input], warmUp: Int, ours: (Input) throws -> Void, sql: (Input) throws -> [String],
                        raw: RawSQLite) throws -> (ours: Latencies, raw: Latencies) {
        let clock = ContinuousClock()
        let statements = try inputs.map(sql)
        for i in 0..<min(warmUp, inputs.count) {
            try ours(inputs[i])
            try raw.run(statements[i])
        }
        var oursTimes = Latencies(), rawTimes = Latencies()
        for (i, input) in inputs.enumerated() {
            if i % 2 == 0 {
                oursTimes.record(try clock.measure { try ours(input) })
                rawTimes.record(try clock.measure { try raw.run(statements[i]) })
            } else {
                rawTimes.record(try clock.measure { try raw.run(statements[i]) })
                oursTimes.record(try clock.measure { try ours(input) })
            }
        }
        return (oursTimes, rawTimes)
    }

    static func randomRequest(_ geography: Geography, _ rng: inout SeededGenerator) -> ReferralRequest {
        let level = ClassificationLevel.allCases.randomElement(using: &rng)!
        let addiction = Bool.random(using: &rng)
        let hospitalisation = Int.random(in: 0..<10, using: &rng) == 0
        // Most callers say their profession: their associations are looked up too.
        let profession = Int.random(in: 0..<5, using: &rng) == 0 ? nil : Profession.allCases.randomElement(using: &rng)
        return ReferralRequest(needs: ReferralRules.needs(level: level, hospitalisation: hospitalisation, addiction: addiction),
                               departement: geography.departements.randomElement(using: &rng)!.code,
                               preferredSpeciality: ReferralRules.preferredSpeciality(level: level, addiction: addiction),
                               profession: profession)
    }

    /// Phrases a psychologist types in the directory screen, about `keys` letters in all.
    static func typedPhrases(keys: Int, _ rng: inout SeededGenerator) -> [String] {
        let phrases = ["épuisement", "martin", "lyon", "addicto", "dr bernard", "unité soignants", "psychiatre marseille",
                       "harcèlement", "sommeil", "thomas", "toulouse", "dépression", "cabinet", "petit", "rennes"]
        var chosen: [String] = []
        var letters = 0
        while letters < keys {
            let phrase = phrases.randomElement(using: &rng)!
            chosen.append(phrase)
            letters += phrase.count
        }
        return chosen
    }

    /// What a psychologist types, letter by letter: names, cities, specialities, sometimes with
    /// the kind and département filters of the screen.
    static func typedQueries(_ geography: Geography, count: Int, _ rng: inout SeededGenerator) -> [DirectoryQuery] {
        let phrases = ["épuisement", "martin", "lyon", "addicto", "dr bernard", "unité soignants", "psychiatre marseille",
                       "harcèlement", "sommeil", "thomas", "toulouse", "dépression", "cabinet", "petit", "rennes"]
        var queries: [DirectoryQuery] = []
        while queries.count < count {
            let phrase = phrases.randomElement(using: &rng)!
            var query = DirectoryQuery()
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: query.kind = ReferralKind.allCases.randomElement(using: &rng)
            case 1: query.departement = geography.departements.randomElement(using: &rng)!.code
            default: break
            }
            for length in 1...phrase.count where queries.count < count {
                query.text = String(phrase.prefix(length))
                queries.append(query)
            }
        }
        return queries
    }

    func runShell(_ executable: String, database: String, input: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [database]
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        pipe.fileHandleForWriting.write(Data(input.utf8))
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("\(executable) exited with \(process.terminationStatus)") }
    }

    /// The floor of an import: the sqlite3 shell loading the same CSV into the same schema (the
    /// directory file's tables and indexes, taken from an empty one), with the same settings
    /// (no journal, no sync until the end), the full-text index built once at the end.
    static func equivalentLoad(schemaOf emptyDirectory: String, csv: String) throws -> String {
        let queue = try DatabaseQueue(path: emptyDirectory)
        let schema = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql || ';' FROM sqlite_master
                WHERE sql IS NOT NULL AND type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'
                  AND name NOT LIKE 'directory\\_search\\_%' ESCAPE '\\' AND name NOT LIKE 'grdb_%'
                ORDER BY type = 'index', rowid
                """)
        }
        try queue.close()
        let columns = DirectorySchema.entryColumns
        return """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -65536;
            \(schema.joined(separator: "\n"))
            .mode csv
            .import \(csv) staging
            BEGIN;
            INSERT INTO directory_entries (\(columns), sort_key)
            SELECT source, source_id, kind, name, organisation, address, postcode, city, NULLIF(departement, ''),
                   NULLIF(region, ''), phones, email, website, teleconsultation = 'yes', languages, specialities,
                   NULLIF(capacity, ''), opening_hours, active = 'yes', NULLIF(last_verified, ''), lower(name) FROM staging;
            INSERT INTO directory_search(directory_search) VALUES('rebuild');
            INSERT INTO directory_search(directory_search) VALUES('optimize');
            COMMIT;
            DROP TABLE staging;

            """
    }

    /// The register at national scale (`RegisterBench`).
    func benchRegister(_ folder: URL) throws -> RegisterFigures {
        let binary = ecoute ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecoute").path
        return try RegisterBench(folder: folder, binary: binary, sqlite3: sqlite3, lines: registerLines, runs: registerRuns,
                                 searchRuns: commandRuns, proposals: iterations, keptFactor: registerKeptFactor).run(log: log)
    }

    func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}

/// A second connection to the benchmark database that records the SQL each call runs (with
/// its arguments inlined), so raw SQLite can replay exactly the same statements.
final class TracedDirectory: @unchecked Sendable {
    private final class Captured: @unchecked Sendable {
        var statements: [String] = []
    }

    private let directory: SQLiteDirectory
    private let captured = Captured()

    init(file: DirectoryFile, geography: Geography) throws {
        let captured = self.captured
        let traced = DirectoryFile(path: file.path, rotationDatabase: file.rotationDatabase) { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { captured.statements.append(statement.expandedSQL) }
            }
        }
        directory = SQLiteDirectory(file: traced, geography: geography)
    }

    func capture(_ work: (SQLiteDirectory) throws -> Void) throws -> [String] {
        captured.statements = []
        try work(directory)
        return captured.statements
    }
}

extension ContinuousClock {
    func measure(_ work: () throws -> Void) throws -> Duration {
        let start = now
        try work()
        return now - start
    }
}
