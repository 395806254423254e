import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation
import PostgresNIO

/// How soon a level-5 alert raised by a psychologist's console is on a supervisor's board
/// (issue 25): the board is the board's own runtime and effects over a supervisor's store, with
/// its change feed (`LISTEN`), its turns paced as on a terminal with no key pressed; each alert
/// is timed from the commit of its raise to the board's turn whose model holds it. Floor: the
/// bare mechanism, a `NOTIFY` committed on one connection to its arrival on another that
/// `LISTEN`s (PostgresNIO), in the same run on the same cluster.
struct AlertToBoardBench {
    let alerts: Int
    let open: (String) throws -> any Store
    let supervisor: String
    let psychologist: String
    let host: String
    let port: Int
    let database: String
    let superuser: String

    struct Figures {
        var board: Latencies
        var floor: Latencies
        var missed: Int
    }

    func run() throws -> Figures {
        let boardStore = try open(supervisor), raiser = try open(psychologist)
        defer { boardStore.close(); raiser.close() }
        let viewer = try boardStore.operators.viewer(systemUser: supervisor)
        let strings = try Strings.load(.fr, from: ResourceLocator.url("strings"))
        // Used by the watcher thread alone once started.
        nonisolated(unsafe) let board = BoardProgram.Runner(program: BoardProgram.program,
                                        model: BoardModel(viewer: viewer, strings: strings, timeZone: TimeZone(identifier: "Europe/Paris")!,
                                                          now: Date(), width: 100, height: 30),
                                        terminal: BenchTerminal(),
                                        handler: BoardEffects(desk: boardStore.alerts, review: boardStore.review, leases: boardStore.leases,
                                                              viewer: viewer),
                                        changes: try boardStore.changeFeed())
        board.start()
        board.settle()

        let committed = Instants(), seen = Instants()
        let stop = Flag()
        let watcher = Thread {
            // A terminal with no key pressed: each turn waits the runtime's interval, then runs.
            while !stop.isSet {
                usleep(UInt32(board.timeout()) * 1000)
                board.step(timeoutMs: 0)
                let now = ContinuousClock.now
                for alert in board.model.snapshot.alerts { seen.first(alert.id, now) }
            }
        }
        watcher.start()
        let calls = raiser.calls(shiftID: nil)
        var rng = SystemRandomNumberGenerator()
        for i in 0..<alerts {
            let id = "board-\(i)"
            var call = CallDraft(id: id, operatorName: psychologist, pickedUpAt: Date())
            call.updatedAt = call.pickedUpAt
            try calls.persist(call)
            let alert = Alert(id: "alert-\(i)", callID: id, operatorName: psychologist, departement: "69", level: .imminentRisk,
                              reason: .imminentRisk, callElapsed: 60, raisedAt: Date())
            _ = try raiser.alerts.raise(alert)
            committed.first(alert.id, .now)
            // Between alerts, a time unrelated to the board's turns.
            usleep(UInt32.random(in: 150_000...450_000, using: &rng))
        }
        Thread.sleep(forTimeInterval: 2)
        stop.set()
        while !watcher.isFinished { usleep(10_000) }

        var latencies = Latencies(), missed = 0
        for (id, at) in committed.all {
            guard let shown = seen.all[id] else { missed += 1; continue }
            latencies.record(shown - at)
        }
        return Figures(board: latencies, floor: try notifyFloor(), missed: missed)
    }

    /// A NOTIFY committed on one connection, timed to its arrival on another that listens.
    private func notifyFloor() throws -> Latencies {
        let logger = Logger(label: "bench")
        func connect(_ id: Int) throws -> PostgresConnection {
            try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                           configuration: .init(host: host, port: port, username: superuser, password: nil, database: database,
                                                                tls: .disable),
                                           id: id, logger: logger).wait()
        }
        let listener = try connect(11), notifier = try connect(12)
        defer { try? listener.close().wait(); try? notifier.close().wait() }
        let arrived = Instants()
        listener.addListener(channel: "bench_floor") { _, notification in arrived.first(notification.payload, .now) }
        _ = try listener.query("LISTEN bench_floor", logger: logger).wait()
        var sent: [(String, ContinuousClock.Instant)] = []
        var rng = SystemRandomNumberGenerator()
        for i in 0..<alerts {
            let payload = "n\(i)"
            _ = try notifier.query(PostgresQuery(unsafeSQL: "NOTIFY bench_floor, '\(payload)'"), logger: logger).wait()
            sent.append((payload, .now))
            usleep(UInt32.random(in: 20_000...60_000, using: &rng))
        }
        Thread.sleep(forTimeInterval: 0.5)
        var latencies = Latencies()
        let got = arrived.all
        for (payload, at) in sent {
            // A notification can arrive before the NOTIFY's own answer is read: counted as no wait.
            if let arrival = got[payload] { latencies.record(max(.zero, arrival - at)) }
        }
        return latencies
    }

    final class Instants: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: ContinuousClock.Instant] = [:]
        func first(_ key: String, _ at: ContinuousClock.Instant) { lock.withLock { if values[key] == nil { values[key] = at } } }
        var all: [String: ContinuousClock.Instant] { lock.withLock { values } }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    static func markdown(_ f: Figures) -> String {
        let met = f.missed == 0 && f.board.p99.milliseconds <= 250
        return """

        **Alert → board**: a psychologist's store raises a level-5 alert on a call of its own, \(f.board.count + f.missed) times at random
        intervals (0.15–0.45 s); a supervisor's board (its runtime, effects and change feed, turns paced as on a terminal where no
        key is pressed) is timed from the raise's commit to the first turn whose model holds the alert. Floor: a `NOTIFY`
        committed on one PostgresNIO connection to its arrival on another that `LISTEN`s, same run, same cluster.

        | alert → board | n | p50 | p99 | min–max | not seen | goal |
        |---|---|---|---|---|---|---|
        | board | \(f.board.count) | \(f.board.p50.ms) | \(f.board.p99.ms) | \(f.board.min.ms)–\(f.board.max.ms) | \(f.missed) | p99 ≤ 250 ms: \(met ? "met" : "**not met**") |
        | floor: bare NOTIFY → LISTEN | \(f.floor.count) | \(f.floor.p50.ms) | \(f.floor.p99.ms) | \(f.floor.min.ms)–\(f.floor.max.ms) | — | — |

        """
    }
}
