import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// The embedded file at the platform's size (issue 27, D11): many consoles on one SQLite file,
/// each the console's own runtime and effect worker over its own store (its own connections),
/// each taking calls key by key — pick-up, département, end, classification, referrals given,
/// save — while another process imports a national-size directory and reports are run again and
/// again. Counted: what a psychologist would see go wrong (a read error on screen, the red
/// « non enregistré » banner), the calls told saved and those found saved in the file afterwards,
/// and each save from F10 to the frame that says it is saved. Floor: the same calls by one
/// console alone on a quiet file, in the same run.
struct SharedFileBench {
    let folder: URL
    let geography: Geography
    let binary: String
    let consoles: Int
    let callsEach: Int
    let importEntries: Int

    struct Figures {
        var consoles: Int
        var calls: Int
        var toldSaved: Int
        var foundSaved: Int
        var visibleErrors: Int
        var firstErrors: [String]
        var save: Latencies
        var floor: Latencies
        var importSeconds: Double?
        var importFailed: String?
        var reports: Int
        var reportsFailed: Int
        var seconds: Double
        var importEntries: Int
    }

    func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    func run() throws -> Figures {
        let sample = ResourceLocator.url("directory/sample-directory.csv")
        let csv = folder.appendingPathComponent("shared-import.csv").path
        log("Generating a \(importEntries)-entry directory to import meanwhile…")
        _ = try MeasuredProcess.quick(binary, ["directory", "generate", "--entries", "\(importEntries)", "--seed", "11", "--output", csv])

        log("Floor: \(callsEach) calls by one console alone…")
        let quiet = folder.appendingPathComponent("shared-quiet.sqlite").path
        let quietStore = try StoreFactory.open(.sqlite(path: quiet), seed: StoreSeed(geography: geography, sampleDirectory: sample))
        var floor = Latencies()
        var floorErrors = BenchConsole.ErrorLog()
        for round in 0..<3 {   // the floor's n: a few consoles' worth, one at a time
            let console = try BenchConsole(store: quietStore, geography: geography, name: "quiet-\(round)")
            for _ in 0..<callsEach { if let save = try console.takeCall(errors: &floorErrors, who: "quiet") { floor.record(save.duration) } }
        }
        quietStore.close()

        let path = folder.appendingPathComponent("shared.sqlite").path
        try StoreFactory.open(.sqlite(path: path), seed: StoreSeed(geography: geography, sampleDirectory: sample)).close()
        log("\(consoles) consoles × \(callsEach) calls on one file, with an import and reports running…")
        let stores = try (0..<consoles).map { _ in
            try StoreFactory.open(.sqlite(path: path), seed: StoreSeed(geography: geography, sampleDirectory: sample),
                                  lockWait: 5, interactive: true)
        }
        defer { stores.forEach { $0.close() } }
        let results = SharedResults()
        let clock = ContinuousClock()
        let started = clock.now

        // The import, in its own process, on the same database.
        let importer = Thread {
            let start = ContinuousClock.now
            do {
                _ = try MeasuredProcess.quick(self.binary, ["directory", "import", "--db", path, csv])
                results.importDone(seconds: (ContinuousClock.now - start).milliseconds / 1000, failure: nil)
            } catch {
                results.importDone(seconds: nil, failure: "\(error)")
            }
        }
        importer.start()

        // Reports, one after another, until the consoles are done.
        let reporter = Thread {
            while !results.consolesDone {
                do { _ = try MeasuredProcess.quick(self.binary, ["report", "--format", "csv", "--db", path]); results.report(ok: true) }
                catch { results.report(ok: false) }
            }
        }
        reporter.start()

        let group = DispatchGroup()
        for index in 0..<consoles {
            group.enter()
            let store = stores[index]
            let thread = Thread {
                defer { group.leave() }
                var saves = Latencies()
                var errors = BenchConsole.ErrorLog()
                var told = 0
                do {
                    let console = try BenchConsole(store: store, geography: self.geography, name: String(format: "console-%03d", index))
                    for _ in 0..<self.callsEach {
                        if let save = try console.takeCall(errors: &errors, who: "console \(index)") {
                            saves.record(save.duration)
                            told += 1
                        }
                    }
                } catch {
                    errors.note("console \(index): \(error)")
                }
                results.add(saves: saves, errors: errors, told: told)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        let elapsed = (clock.now - started).milliseconds / 1000
        results.finishConsoles()
        while !results.importFinished { usleep(100_000) }
        while !reporter.isFinished { usleep(50_000) }

        log("Looking for every saved call…")
        let reader = try StoreFactory.open(.sqlite(path: path), seed: StoreSeed(geography: geography, sampleDirectory: nil))
        defer { reader.close() }
        var found = 0
        try reader.review.forEachCall(CallQuery(), visibleTo: Viewer(name: "bench", role: .supervisor)) { call in
            if call.phase == .saved { found += 1 }
        }
        let all = results.snapshot()
        return Figures(consoles: consoles, calls: consoles * callsEach, toldSaved: all.told, foundSaved: found,
                       visibleErrors: all.errors.count + floorErrors.count, firstErrors: Array((floorErrors.first + all.errors.first).prefix(5)),
                       save: all.saves, floor: floor, importSeconds: all.importSeconds, importFailed: all.importFailure,
                       reports: all.reports, reportsFailed: all.reportsFailed, seconds: elapsed, importEntries: importEntries)
    }

    final class SharedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var saves = Latencies()
        private var errors = BenchConsole.ErrorLog()
        private var told = 0
        private var reports = 0
        private var reportsFailed = 0
        private var done = false
        private var importSeconds: Double?
        private var importFailure: String?
        private var importEnded = false

        func add(saves timed: Latencies, errors seen: BenchConsole.ErrorLog, told n: Int) {
            lock.withLock {
                for d in timed.samples { saves.record(d) }
                errors.count += seen.count
                errors.first += seen.first.prefix(max(0, 5 - errors.first.count))
                told += n
            }
        }
        func report(ok: Bool) { lock.withLock { if ok { reports += 1 } else { reportsFailed += 1 } } }
        func importDone(seconds: Double?, failure: String?) {
            lock.withLock { importSeconds = seconds; importFailure = failure; importEnded = true }
        }
        func finishConsoles() { lock.withLock { done = true } }
        var consolesDone: Bool { lock.withLock { done } }
        var importFinished: Bool { lock.withLock { importEnded } }
        func snapshot() -> (saves: Latencies, errors: BenchConsole.ErrorLog, told: Int, reports: Int, reportsFailed: Int,
                            importSeconds: Double?, importFailure: String?) {
            lock.withLock { (saves, errors, told, reports, reportsFailed, importSeconds, importFailure) }
        }
    }

    static func markdown(_ f: Figures) -> String {
        let ratio50 = f.floor.p50.milliseconds > 0 ? f.save.p50.milliseconds / f.floor.p50.milliseconds : 0
        let ratio99 = f.floor.p99.milliseconds > 0 ? f.save.p99.milliseconds / f.floor.p99.milliseconds : 0
        let importText = f.importSeconds.map { String(format: "%.1f s", $0) } ?? "failed: \(f.importFailed ?? "?")"
        let errorsText = f.firstErrors.isEmpty ? "" : "\n\nFirst errors seen: " + f.firstErrors.map { "`\($0)`" }.joined(separator: "; ") + "."
        let met = f.visibleErrors == 0 && f.foundSaved == f.calls && f.toldSaved == f.calls && f.reportsFailed == 0 && f.importSeconds != nil
        return """

        ## Many consoles on one embedded file, with an import and reports

        \(f.consoles) consoles in one process, each the console's runtime and effect worker over its own store on one
        SQLite file, each taking \(f.calls / max(f.consoles, 1)) calls key by key (pick-up, département, end, level 1, each proposal given,
        save), while another process imports a \(f.importEntries)-entry directory into the same database and `ecoute report`
        runs again and again. A save is timed from F10 to the frame that says it is saved. Floor: the same calls by one
        console alone on a quiet file, same run. Visible errors: each appearance of a read error or of the red « non
        enregistré » banner on any console (a busy write retried quietly under « Écriture en attente » is not one).
        The consoles share one process here; on the platform each is its own process and OS user.

        | consoles | calls | told saved | found saved | visible errors | import | reports (failed) | wall time |
        |---|---|---|---|---|---|---|---|
        | \(f.consoles) | \(f.calls) | \(f.toldSaved) | \(f.foundSaved) | \(f.visibleErrors) | \(importText) | \(f.reports) (\(f.reportsFailed)) | \(String(format: "%.1f s", f.seconds)) |

        | save (F10 → « enregistré ») | n | p50 | p99 | min–max | floor n | floor p50 | floor p99 | p50 / floor | p99 / floor |
        |---|---|---|---|---|---|---|---|---|---|
        | \(f.consoles) consoles | \(f.save.count) | \(f.save.p50.ms) | \(f.save.p99.ms) | \(f.save.min.ms)–\(f.save.max.ms) | \(f.floor.count) | \(f.floor.p50.ms) | \(f.floor.p99.ms) | \(String(format: "%.1f×", ratio50)) | \(String(format: "%.1f×", ratio99)) |

        Goal: 0 visible errors, every call saved and found: \(met ? "met" : "**not met**").\(errorsText)

        """
    }
}
