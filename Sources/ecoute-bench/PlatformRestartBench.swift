import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation
import ScratchPostgres

/// The platform through a PostgreSQL restart (issue 25): consoles, each the console's own runtime
/// and effect worker over its own store connected as its own psychologist's role, each with its
/// workstation journal, taking calls key by key as fast as they settle for the given time, while
/// the server is stopped (`pg_ctl stop -m fast`) in the middle and started again after a few
/// seconds. Counted: the calls each console was told saved against those found saved in the
/// database afterwards (none lost, none saved twice, none left unfinished), how long after the
/// server was back each console's save went through (its reconnection), what the screens showed
/// wrong outside the outage, and the saves outside the outage (F10 to the frame that says it is
/// saved) against the floor: pgbench replaying the same save transactions at the same concurrency.
struct PlatformRestartBench {
    let folder: URL
    let geography: Geography
    let consoles: Int
    let seconds: Int
    let outageSeconds: Int
    let floorSavesEach: Int
    /// Alerts timed to a supervisor's board (0: none).
    let alerts: Int
    /// Seconds between two keys of a console (0: each key as soon as the last one settled, the
    /// consoles saving back to back); the floor then replays the saves at the consoles' own rate.
    var pace: TimeInterval = 0

    struct Figures {
        var consoles: Int
        var seconds: Double
        var outage: Double
        var told: Int
        var found: Int
        var lost: Int
        var unexpected: Int
        var unfinished: Int
        var notSaved: Int
        var reconnection: Latencies
        var reconnected: Int
        var errorsOutside: Int
        var errorsDuring: Int
        var firstErrors: [String]
        var saveOutside: Latencies
        var saveAcross: Latencies
        var floor: Latencies
        var captured: Int
        var alerts: AlertToBoardBench.Figures?
        var pace: TimeInterval
    }

    func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    func run() throws -> Figures {
        log("Starting a durable PostgreSQL cluster on loopback…")
        let cluster = try ScratchPostgresCluster(durable: true, loopback: true)
        defer { cluster.stop() }
        guard let port = cluster.port else { throw BenchError("the cluster listens on no port") }
        let database = try cluster.newDatabase()
        let directoryPath = folder.appendingPathComponent("restart.directory.sqlite").path
        let seed = StoreSeed(geography: geography, sampleDirectory: ResourceLocator.url("directory/sample-directory.csv"))
        func open(_ role: String) throws -> any Store {
            try StoreFactory.open(.server(url: cluster.url(database: database, role: role, overLoopback: true)), seed: seed,
                                  directoryPath: directoryPath, interactive: true)
        }
        let admin = try open(ScratchPostgresCluster.superuser)
        defer { admin.close() }
        let names = (0..<consoles).map { String(format: "psy%03d", $0) }
        let captureRole = "psycapture"
        for name in names + [captureRole] {
            try admin.operators.saveOperator(OperatorRecord(name: name, role: .psychologist, systemUser: nil), now: Date())
        }
        let journals = folder.appendingPathComponent("journals")
        try FileManager.default.createDirectory(at: journals, withIntermediateDirectories: true)
        let geography = self.geography
        @Sendable func console(_ store: any Store, _ name: String) throws -> BenchConsole {
            let identity = ConsoleIdentity(id: name, host: "bench", pid: getpid(), operatorName: name)
            return try BenchConsole(store: store, geography: geography, name: name, operatorName: name,
                                    journal: FileCallJournal(folder: journals, console: identity, location: store.location))
        }

        log("Capturing the transactions of one console's call…")
        try cluster.psql(database, "ALTER ROLE \(captureRole) SET log_statement = 'all'")
        let captureStore = try open(captureRole)
        var captureErrors = BenchConsole.ErrorLog()
        guard let captured = try console(captureStore, captureRole).takeCall(errors: &captureErrors, who: "capture") else {
            throw BenchError("the capture call was not saved: \(captureErrors.first)")
        }
        captureStore.close()
        let serverLog = try String(contentsOfFile: cluster.folder + "/server.log", encoding: .utf8)
        let transactions = StatementCapture(log: serverLog).transactions(writing: captured.callID)
        guard transactions.count >= 2 else { throw BenchError("captured \(transactions.count) transactions of the call, not its writes and its save") }

        func replay(savesEach: Int, rate: Double?) throws -> Latencies {
            log("Floor: pgbench replaying the save at \(consoles) clients\(rate.map { String(format: ", %.1f saves/s", $0) } ?? "")…")
            return try PgbenchFloor(host: "127.0.0.1", port: port, database: database, role: captureRole, folder: folder)
                .run(clients: consoles, savesEach: savesEach,
                     earlier: StatementCapture.pgbenchScript(Array(transactions.dropLast()), callID: captured.callID),
                     save: StatementCapture.pgbenchScript([transactions.last!], callID: captured.callID), rate: rate)
        }
        // Back to back, the floor goes first; at a person's pace it follows the consoles, at their rate.
        var floor = pace > 0 ? Latencies() : try replay(savesEach: floorSavesEach, rate: nil)

        var alertFigures: AlertToBoardBench.Figures?
        if alerts > 0 {
            log("Timing \(alerts) alerts to a supervisor's board…")
            try admin.operators.saveOperator(OperatorRecord(name: "chefbench", role: .supervisor, systemUser: nil), now: Date())
            alertFigures = try AlertToBoardBench(alerts: alerts, open: open, supervisor: "chefbench", psychologist: captureRole, host: "127.0.0.1",
                                                 port: port, database: database, superuser: ScratchPostgresCluster.superuser).run()
        }

        log("\(consoles) consoles taking calls for \(seconds) s, the server stopped for \(outageSeconds) s in the middle…")
        let stores = try names.map(open)
        defer { stores.forEach { $0.close() } }
        let results = RestartResults(count: consoles)
        let deadline = Date().addingTimeInterval(Double(seconds))
        let started = ContinuousClock.now
        let group = DispatchGroup()
        for (index, store) in stores.enumerated() {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var mine = RestartResults.One()
                let bench: BenchConsole
                do { bench = try console(store, names[index]) } catch {
                    mine.errors.note("\(names[index]): \(error)")
                    results.set(index, mine)
                    return
                }
                while Date() < deadline {
                    do {
                        if let save = try bench.takeCall(errors: &mine.errors, who: names[index], pace: pace) {
                            mine.saves.append(save)
                        } else {
                            mine.notSaved += 1
                        }
                    } catch {
                        mine.errors.note("\(names[index]): \(error)")
                        break
                    }
                }
                results.set(index, mine)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        Thread.sleep(forTimeInterval: Double(seconds) / 2 - Double(outageSeconds) / 2)
        let stopping = ContinuousClock.now
        try cluster.pause()
        Thread.sleep(forTimeInterval: Double(outageSeconds))
        try cluster.resume()
        let back = ContinuousClock.now
        group.wait()
        let elapsed = ContinuousClock.now - started

        log("Looking for every call…")
        var found = Set<String>(), unfinished = 0
        try admin.review.forEachCall(CallQuery(), visibleTo: Viewer(name: ScratchPostgresCluster.superuser, role: .supervisor)) { call in
            guard call.operatorName.hasPrefix("psy0") else { return }
            if call.phase == .saved { found.insert(call.id) } else { unfinished += 1 }
        }
        let all = results.all
        let saves = all.flatMap(\.saves)
        let told = Set(saves.map(\.callID))
        // A console is reconnected once a save of its own goes through after the server is back.
        let reconnections = all.compactMap { one in one.saves.first { $0.end > back }.map { $0.end - back } }
        var reconnection = Latencies()
        reconnections.forEach { reconnection.record($0) }
        let everyoneBack = back + (reconnections.max() ?? .zero)
        var outside = Latencies(), across = Latencies()
        for save in saves {
            if save.end < stopping || save.start > everyoneBack { outside.record(save.duration) } else { across.record(save.duration) }
        }
        if pace > 0 {
            let rate = Double(told.count) / (elapsed.milliseconds / 1000)
            floor = try replay(savesEach: max(2, Int((rate * Double(seconds) / Double(consoles)).rounded())), rate: rate)
        }
        let errorTimes = all.flatMap(\.errors.times)
        let during = errorTimes.filter { $0 >= stopping && $0 <= everyoneBack }.count
        return Figures(consoles: consoles, seconds: elapsed.milliseconds / 1000, outage: (back - stopping).milliseconds / 1000,
                       told: told.count, found: found.count, lost: told.subtracting(found).count,
                       unexpected: found.subtracting(told).count, unfinished: unfinished, notSaved: all.map(\.notSaved).reduce(0, +),
                       reconnection: reconnection, reconnected: reconnections.count, errorsOutside: errorTimes.count - during,
                       errorsDuring: during, firstErrors: Array(all.flatMap(\.errors.first).prefix(5)), saveOutside: outside,
                       saveAcross: across, floor: floor, captured: transactions.count, alerts: alertFigures, pace: pace)
    }

    final class RestartResults: @unchecked Sendable {
        struct One {
            var saves: [BenchConsole.Save] = []
            var errors = BenchConsole.ErrorLog()
            var notSaved = 0
        }
        private let lock = NSLock()
        private var results: [One]
        init(count: Int) { results = Array(repeating: One(), count: count) }
        func set(_ index: Int, _ one: One) { lock.withLock { results[index] = one } }
        var all: [One] { lock.withLock { results } }
    }

    static func markdown(_ f: Figures) -> String {
        let p99Ratio = f.saveOutside.p99.milliseconds / max(f.floor.p99.milliseconds, 0.001)
        let p50Ratio = f.saveOutside.p50.milliseconds / max(f.floor.p50.milliseconds, 0.001)
        let safe = f.lost == 0 && f.unexpected == 0 && f.unfinished == 0 && f.notSaved == 0
        let reconnected = f.reconnected == f.consoles && f.reconnection.max.milliseconds <= 10_000
        let fast = p99Ratio <= 1.5 && f.saveOutside.p99.milliseconds <= 150
        func verdict(_ met: Bool) -> String { met ? "met" : "**not met**" }
        let pace = f.pace > 0 ? String(format: "a key every %.0f ms on average (each wait 0.5–1.5× of it, so that consoles do not press in step)", f.pace * 1000) : "as fast as its effects settle"
        let errorsText = f.firstErrors.isEmpty ? "" : "\n\nFirst errors seen: " + f.firstErrors.map { "`\($0)`" }.joined(separator: "; ") + "."
        return """

        ## Platform mode: consoles through a PostgreSQL restart (issue 25)

        \(f.consoles) consoles in one process, each the console's runtime and effect worker over its own store, connected over
        loopback as its own psychologist's role (row-level security applies), each with its workstation journal, each taking
        calls key by key (pick-up, département, end, level 1, each proposal given, save) \(pace), for
        \(String(format: "%.1f", f.seconds)) s on a durable throwaway cluster (fsync and synchronous commit on). In the middle the server is stopped
        (`pg_ctl stop -m fast`) and started again: \(String(format: "%.1f", f.outage)) s from the stop to the server accepting connections.
        Afterwards every call is looked for in the database. A console is counted reconnected when a save of its own goes through
        after the server is back (back to back, every console had a call waiting for its save then; at a person's pace, the time
        includes the keys left in its call, up to a dozen). A save is timed from F10 to the frame that says
        it is saved; « outside the outage » are the saves that ended before the stop or began once every console was back.

        | consoles | calls told saved | found saved | lost | saved but never told | left unfinished | not saved within 60 s | goal |
        |---|---|---|---|---|---|---|---|
        | \(f.consoles) | \(f.told) | \(f.found) | \(f.lost) | \(f.unexpected) | \(f.unfinished) | \(f.notSaved) | none lost or duplicated: \(verdict(safe)) |

        | reconnection after the server is back | consoles | p50 | p99 | min–max | goal |
        |---|---|---|---|---|---|
        | first save through | \(f.reconnected) of \(f.consoles) | \(f.reconnection.p50.seconds) | \(f.reconnection.p99.seconds) | \(f.reconnection.min.seconds)–\(f.reconnection.max.seconds) | every console ≤ 10 s: \(verdict(reconnected)) |

        | save | n | p50 | p99 | min–max |
        |---|---|---|---|---|
        | outside the outage | \(f.saveOutside.count) | \(f.saveOutside.p50.ms) | \(f.saveOutside.p99.ms) | \(f.saveOutside.min.ms)–\(f.saveOutside.max.ms) |
        | across the outage (waiting for the server) | \(f.saveAcross.count) | \(f.saveAcross.p50.ms) | \(f.saveAcross.p99.ms) | \(f.saveAcross.min.ms)–\(f.saveAcross.max.ms) |
        | floor: pgbench, the same save transaction, \(f.consoles) clients\(f.pace > 0 ? ", at the consoles' rate of saves" : "") | \(f.floor.count) | \(f.floor.p50.ms) | \(f.floor.p99.ms) | \(f.floor.min.ms)–\(f.floor.max.ms) |

        Outside the outage: p50 \(String(format: "%.2f×", p50Ratio)), p99 \(String(format: "%.2f×", p99Ratio)) the floor; goal p99 ≤ 1.5× the floor and ≤ 150 ms: \(verdict(fast)).
        Errors on screen (a read error or the red banner): \(f.errorsDuring) during the outage (expected: the banner says the
        database is out of reach and the call is kept on the workstation), \(f.errorsOutside) outside it.\(errorsText)

        The floor is pgbench (same run, same cluster, same role) replaying the \(f.captured - 1) transactions a console wrote a call
        with (not timed) then its save transaction (timed), as captured from the server's log for one console's call, each client
        on calls of its own. Its clients send only those transactions; the consoles also write at each step of their calls and
        run their screens on the same two cores as the server, so the ratio is an upper bound of the console's overhead.

        """ + (f.alerts.map(AlertToBoardBench.markdown) ?? "")
    }
}
