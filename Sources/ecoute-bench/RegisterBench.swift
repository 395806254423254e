import EcouteCore
import EcouteResources
import EcouteSQLite
import EcouteStore
import Foundation
import GRDB

/// The register at national scale (issue 26, item 6): a generated extract imported by the real
/// `ecoute` binary, in UTF-8 and in Windows-1252, against the sqlite3 shell loading the same kept
/// rows into the same schema; then, on the directory it built, cold `ecoute directory search`
/// against the sqlite3 shell running the very SQL the search ran, and referral proposals against
/// that SQL replayed through the bare C API. Every pair interleaved in one run.
struct RegisterBench {
    let folder: URL
    let binary: String
    let sqlite3: String
    let lines: Int
    /// Import runs of each (UTF-8, Windows-1252, floor), interleaved.
    let runs: Int
    /// Cold search runs of each query and of its floor, interleaved.
    let searchRuns: Int
    let proposals: Int
    /// How much more frequent the kinds kept are than in the register (`RPPSGenerator.keptFactor`).
    let keptFactor: Int

    static let searches = ["psychiatre lyon", "médecin généraliste 69", "psychologue ajaccio", "martin"]

    func run(log: (String) -> Void) throws -> RegisterFigures {
        let geography = try GeographyLoader.load(from: ResourceLocator.url("geography"))
        let utf8 = folder.appendingPathComponent("PS_LibreAcces_Personne_activite.txt").path
        let cp1252 = folder.appendingPathComponent("PS_LibreAcces_Personne_activite.cp1252.txt").path
        log("Generating a register extract of \(lines) lines, UTF-8 and Windows-1252…")
        let expected = try RPPSGenerator(geography: geography, keptFactor: keptFactor).write(lines: lines, to: utf8, seed: 3)
        try RPPSGenerator(geography: geography, keptFactor: keptFactor).write(lines: lines, to: cp1252, seed: 3, windows1252: true)
        let bytes = (try FileManager.default.attributesOfItem(atPath: utf8)[.size] as? Int64) ?? 0

        // The first UTF-8 import (run 1's first step) gives the floor its input: the rows it kept,
        // as the exchange CSV.
        log("Import run 1 of \(runs): UTF-8, Windows-1252, the sqlite3 floor (order turning each run)…")
        let first = folder.appendingPathComponent("register-u0/ecoute.sqlite").path
        let summary = folder.appendingPathComponent("register-summary.txt").path
        let firstRun = try MeasuredProcess.run(binary, ["directory", "import", "--create", "--format", "rpps", "--db", first, utf8], stdout: summary)
        let firstFile = EcouteDatabase.directoryFile(forCallsDatabase: first)
        let kept = try SQLiteDirectory(file: firstFile, geography: geography).allEntries().filter { $0.source == RPPSExtract.source }
        guard kept.count == expected else { throw BenchError("the import kept \(kept.count) entries, not the \(expected) the extract holds") }
        let csv = folder.appendingPathComponent("register-kept.csv").path
        try Data(DirectoryFormat.csv(kept).utf8).write(to: URL(fileURLWithPath: csv))
        let empty = folder.appendingPathComponent("register-schema.sqlite").path
        let emptyDatabase = folder.appendingPathComponent("register-empty.sqlite").path
        let seeded = try EcouteDatabase.open(path: emptyDatabase)
        try DefaultData.seed(seeded, directory: EcouteDatabase.directoryFile(forCallsDatabase: emptyDatabase), geography: geography,
                             sampleDirectory: nil)
        try DirectoryFile.copy(EcouteDatabase.directoryFile(forCallsDatabase: emptyDatabase).path, to: empty)
        let load = folder.appendingPathComponent("register-floor.sql").path
        try Data(Bench.equivalentLoad(schemaOf: empty, csv: csv).utf8).write(to: URL(fileURLWithPath: load))

        var utf8Runs: [MeasuredProcess] = [firstRun], cp1252Runs: [MeasuredProcess] = [], floorRuns: [MeasuredProcess] = []
        var identical = 0
        for run in 0..<runs {
            if run > 0 { log("Import run \(run + 1) of \(runs)…") }
            var steps: [() throws -> Void] = [
                { utf8Runs.append(try MeasuredProcess.run(binary, ["directory", "import", "--create", "--format", "rpps", "--db",
                                                                    folder.appendingPathComponent("register-u\(run)/ecoute.sqlite").path, utf8])) },
                { cp1252Runs.append(try MeasuredProcess.run(binary, ["directory", "import", "--create", "--format", "rpps", "--db",
                                                                      folder.appendingPathComponent("register-w\(run)/ecoute.sqlite").path, cp1252])) },
                { floorRuns.append(try MeasuredProcess.run(sqlite3, [folder.appendingPathComponent("register-floor\(run).sqlite").path], stdin: load)) },
            ]
            if run == 0 { steps.removeFirst() }   // done above
            for _ in 0..<(run % 3) { steps.append(steps.removeFirst()) }
            for step in steps { try step() }
            if run == 0 {
                // Both encodings read the same: the same entries, names and addresses byte for byte.
                func read(_ name: String) throws -> [[UInt8]] {
                    try SQLiteDirectory(file: EcouteDatabase.directoryFile(forCallsDatabase: folder.appendingPathComponent("\(name)/ecoute.sqlite").path),
                                        geography: geography).allEntries().filter { $0.source == RPPSExtract.source }
                        .map { Array("\($0.sourceID)|\($0.name)|\($0.address)|\($0.city)".utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
                }
                let fromUTF8 = try read("register-u0"), fromCP1252 = try read("register-w0")
                guard fromUTF8.count == expected, fromUTF8 == fromCP1252 else {
                    throw BenchError("UTF-8 kept \(fromUTF8.count), Windows-1252 \(fromCP1252.count), of \(expected); same entries: \(fromUTF8 == fromCP1252)")
                }
                identical = fromUTF8.count
            }
            let floorRows = try RawSQLite(path: folder.appendingPathComponent("register-floor\(run).sqlite").path)
                .run(["SELECT id FROM directory_entries"])
            guard floorRows == kept.count else { throw BenchError("the sqlite3 load kept \(floorRows) rows, not \(kept.count)") }
            // The first UTF-8 directory is kept for the searches and proposals; the others go (disk).
            for path in (run > 0 ? ["register-u\(run)"] : []) + ["register-w\(run)"] {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))
            }
            unlink(folder.appendingPathComponent("register-floor\(run).sqlite").path)
        }
        log("A re-import of the same extract over the directory it built…")
        let reimportSummary = folder.appendingPathComponent("register-reimport.txt").path
        let reimport = try MeasuredProcess.run(binary, ["directory", "import", "--format", "rpps", "--db", first, utf8], stdout: reimportSummary)

        // Cold search: the binary started anew, against sqlite3 started anew running the SQL the
        // search ran on this very directory (captured), output discarded by both.
        let db = folder.appendingPathComponent("register-u0/ecoute.sqlite").path
        let file = EcouteDatabase.directoryFile(forCallsDatabase: db)
        let traced = try TracedDirectory(file: file, geography: geography)
        var searches: [(query: String, ours: Latencies, floor: Latencies, rows: Int)] = []
        for query in Self.searches {
            let statements = try traced.capture { _ = try $0.search(DirectoryQuery(text: query), limit: 20) }
            let script = folder.appendingPathComponent("search-\(searches.count).sql").path
            try Data((statements.map { $0 + ";" }.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: script))
            let rows = try SQLiteDirectory(file: file, geography: geography).search(DirectoryQuery(text: query), limit: 20).count
            log("Cold search « \(query) » (\(rows) found, \(statements.count) statements), \(searchRuns) runs each…")
            let arguments = ["directory", "search", "--db", db] + query.split(separator: " ").map(String.init)
            _ = try MeasuredProcess.quick(sqlite3, [file.path], stdin: script)
            _ = try MeasuredProcess.quick(binary, arguments)
            var ours = Latencies(), floor = Latencies()
            for i in 0..<searchRuns {
                if i % 2 == 0 {
                    ours.record(try MeasuredProcess.quick(binary, arguments))
                    floor.record(try MeasuredProcess.quick(sqlite3, [file.path], stdin: script))
                } else {
                    floor.record(try MeasuredProcess.quick(sqlite3, [file.path], stdin: script))
                    ours.record(try MeasuredProcess.quick(binary, arguments))
                }
            }
            searches.append((query, ours, floor, rows))
        }

        log("Timing \(proposals) referral proposals on \(kept.count + 0) register entries…")
        let directory = SQLiteDirectory(file: file, geography: geography)
        let raw = try RawSQLite(path: file.path, attaching: db)
        var rng = SeededGenerator(seed: 11)
        let requests = (0..<proposals).map { _ in Bench.randomRequest(geography, &rng) }
        let timed = try Bench.compare(requests, warmUp: 200, ours: { _ = try ReferralProposer.propose($0, from: directory, at: Bench.hour) },
                                      sql: { request in try traced.capture { _ = try ReferralProposer.propose(request, from: $0, at: Bench.hour) } },
                                      raw: raw)
        let entries = try directory.allEntries().count
        return RegisterFigures(lines: lines, bytes: bytes, kept: kept.count, identical: identical, entries: entries, keptFactor: keptFactor,
                               utf8: utf8Runs, cp1252: cp1252Runs, floor: floorRuns, reimport: reimport,
                               summary: (try? String(contentsOfFile: summary, encoding: .utf8)) ?? "",
                               reimportSummary: (try? String(contentsOfFile: reimportSummary, encoding: .utf8)) ?? "",
                               searches: searches, proposals: timed)
    }
}

/// The register's import, search and proposals, and their floors.
struct RegisterFigures {
    var lines: Int
    var bytes: Int64
    var kept: Int
    /// Entries the UTF-8 and Windows-1252 imports kept alike, byte for byte.
    var identical: Int
    var entries: Int
    var keptFactor: Int
    var utf8: [MeasuredProcess]
    var cp1252: [MeasuredProcess]
    var floor: [MeasuredProcess]
    var reimport: MeasuredProcess
    var summary: String
    var reimportSummary: String
    var searches: [(query: String, ours: Latencies, floor: Latencies, rows: Int)]
    var proposals: (ours: Latencies, raw: Latencies)

    static func durations(_ runs: [MeasuredProcess]) -> Latencies {
        var l = Latencies()
        for r in runs { l.record(r.duration) }
        return l
    }

    var markdown: String {
        let floorTimes = Self.durations(floor)
        func row(_ name: String, _ runs: [MeasuredProcess], goal: Bool) -> String {
            let t = Self.durations(runs)
            let ratio = t.p50.milliseconds / max(floorTimes.p50.milliseconds, 0.001)
            let peak = runs.map(\.peakMiB).max() ?? 0
            let verdict = goal ? (ratio <= 1.5 && peak <= 300 ? "met" : "**not met**") : "—"
            return "| \(name) | \(t.count) | \(t.p50.seconds) | \(t.p99.seconds) | \(t.min.seconds)–\(t.max.seconds) | "
                + "\(String(format: "%.0f MiB", peak)) | \(goal ? String(format: "%.2f×", ratio) : "—") | \(goal ? "≤ 1.5× and ≤ 300 MB: " + verdict : "—") |"
        }
        let searchRows = searches.map { s in
            let ratio = s.ours.p50.milliseconds / max(s.floor.p50.milliseconds, 0.001)
            return "| « \(s.query) » (\(s.rows) found) | \(s.ours.count) | \(s.ours.p50.ms) | \(s.ours.p99.ms) | "
                + "\(String(format: "%.1f–%.1f ms", s.ours.min.milliseconds, s.ours.max.milliseconds)) | \(s.floor.p50.ms) | \(s.floor.p99.ms) | "
                + "\(String(format: "%.2f×", ratio)) | ≤ 3×: \(ratio <= 3 ? "met" : "**not met**") |"
        }
        let p99Ratio = proposals.ours.p99.milliseconds / max(proposals.raw.p99.milliseconds, 0.001)
        let p50Ratio = proposals.ours.p50.milliseconds / max(proposals.raw.p50.milliseconds, 0.001)
        return """
            ## France's register at national scale (issue 26): \(lines) lines (\(bytes / 1_048_576) MiB)

            A generated extract in the published format (56 columns, `|`, CRLF, a trailing `|`), written
            in UTF-8 as the Annuaire Santé publishes it today and the same lines in Windows-1252. The
            kinds kept (GPs, psychiatrists, psychologists) are \(keptFactor)× as frequent as in the register,
            so that \(lines) lines give about a million entries, the size issue 26 measures at: \(kept)
            entries kept (\(entries) in the directory with the national numbers and associations).
            Each import is the `ecoute` binary in a child process (`ecoute directory import --create
            --format rpps` into a new database: the validation pass over every byte, then the file
            read again, its directory file built aside, full-text index built once, checked, synced,
            renamed into place). **Floor**: the sqlite3 shell loading the same kept rows (the CSV of
            the entries the import kept) into the same schema (the directory file's tables, indexes and
            FTS5 index taken from an empty directory file), no journal, no sync, the full-text index
            built once at the end. Runs interleaved, the order turning each run; peak memory from GNU
            time; the ratio is of the medians. Checked in the run: each import kept exactly the \(kept)
            lines of a kept kind the generator wrote, and the UTF-8 and Windows-1252 imports kept the same
            \(identical) entries, ids, names, addresses and towns byte for byte (the UTF-8 file is read
            in blocks of 1 MiB whose boundaries fall anywhere in its lines).

            | import | n | p50 | p99 | min–max | peak memory | ratio to the floor | goal |
            |---|---|---|---|---|---|---|---|
            \(row("`ecoute directory import`, UTF-8", utf8, goal: true))
            \(row("`ecoute directory import`, Windows-1252", cp1252, goal: true))
            \(row("floor: `sqlite3` loading the kept rows into the same schema", floor, goal: false))

            A re-import of the same UTF-8 extract over the directory it built took \(reimport.duration.seconds)
            (\(String(format: "%.0f MiB", reimport.peakMiB)) peak) and retired \(reimportSummary.contains("retired (absent from this extract): 0") ? "nothing" : "**entries**").

            **Cold search** over that directory: `ecoute directory search WORDS` started anew
            (output discarded), against the sqlite3 shell started anew running the very statements the
            search ran (captured with GRDB's statement trace on the same file, arguments inlined),
            interleaved after one warm-up run of each. Both pay a process start; sqlite3's is about 1.7 ms
            (above).

            | search | n | ecoute p50 | ecoute p99 | ecoute min–max | sqlite3 p50 | sqlite3 p99 | p50 ratio | goal |
            |---|---|---|---|---|---|---|---|---|
            \(searchRows.joined(separator: "\n"))

            **Referral proposals** on that directory: \(proposals.ours.count) random requests (as above)
            through `ReferralProposer.propose`, against the same SQL replayed through the bare C API,
            interleaved after 200 warm-up rounds.

            | operation | entries | n | ecoute p50 | ecoute p99 | ecoute min–max | SQLite p50 | SQLite p99 | p50 ratio | p99 ratio | goal |
            |---|---|---|---|---|---|---|---|---|---|---|
            | referral proposal | \(entries) | \(proposals.ours.count) | \(proposals.ours.p50.ms) | \(proposals.ours.p99.ms) | \(proposals.ours.min.ms)–\(proposals.ours.max.ms) | \(proposals.raw.p50.ms) | \(proposals.raw.p99.ms) | \(String(format: "%.2f×", p50Ratio)) | \(String(format: "%.2f×", p99Ratio)) | p99 ≤ 1.5× SQLite's: \(p99Ratio <= 1.5 ? "met" : "**not met**") |

            The first UTF-8 import's summary:

            ```
            \(summary.trimmingCharacters(in: .whitespacesAndNewlines))
            ```

            """
    }
}
