import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation
import GRDBSQLite

/// A key typed into a call's notes while another connection holds SQLite's write lock (an
/// import, a backup, a colleague's long write): the console's own runtime on a scripted terminal
/// over a real store, each key timed from its arrival to its frame. The call's writes wait for
/// the lock on the effect worker's thread; the key must not. The floor is the same keys typed
/// with no lock held, in the same run, on the same store.
struct KeyUnderLockBench {
    let folder: URL
    let geography: Geography

    func run(keys: Int) throws -> (held: Latencies, free: Latencies) {
        let path = folder.appendingPathComponent("keys-under-lock.sqlite").path
        let store = try StoreFactory.open(.sqlite(path: path), seed: StoreSeed(geography: geography, sampleDirectory: nil), lockWait: 5)
        defer { store.close() }
        let console = try BenchConsole(store: store, geography: geography, name: "bench-lock")
        let runtime = console.runtime
        func press(_ key: Key) { console.press(key) }
        press(.function(2))
        runtime.settle()
        guard runtime.model.session.phase == .inCall else { throw BenchError("the call was not picked up") }
        press(.character("n"))
        let clock = ContinuousClock()
        let letters = Array("nuit difficile au service, épuisée ")
        func typeTimed(_ count: Int) throws -> Latencies {
            var latencies = Latencies()
            for i in 0..<count {
                if i % 400 == 399 { press(.control("u")) }   // the notes' length limit is never reached
                let c = letters[i % letters.count]
                latencies.record(try clock.measure { press(.character(c)) })
            }
            return latencies
        }
        let free = try typeTimed(keys)
        runtime.settle()

        // Another connection takes the write lock and keeps it while the keys are typed.
        var holder: OpaquePointer?
        guard sqlite3_open_v2(path, &holder, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
              sqlite3_exec(holder, "BEGIN EXCLUSIVE", nil, nil, nil) == SQLITE_OK else {
            throw BenchError("cannot hold the write lock of \(path)")
        }
        let held = try typeTimed(keys)
        let waitingWrites = runtime.effectsPending
        sqlite3_exec(holder, "ROLLBACK", nil, nil, nil)
        sqlite3_close_v2(holder)
        runtime.settle(timeout: 30)
        guard waitingWrites else { throw BenchError("no write waited for the lock: the bench measured nothing held") }
        return (held, free)
    }

    static func markdown(_ result: (held: Latencies, free: Latencies)) -> String {
        let (held, free) = result
        let ratio = free.p99.milliseconds > 0 ? held.p99.milliseconds / free.p99.milliseconds : 0
        let met = held.p99.milliseconds <= 50
        return """

        ## A key while another process holds the write lock

        A key typed into a call's notes while another connection holds SQLite's write lock (`BEGIN EXCLUSIVE`), from
        the key's arrival to its frame, on the console's runtime over a real store. The call's writes wait for the
        lock on the effect worker's thread. Floor: the same keys with no lock held, same store, same run.

        | keys | n | p50 | p99 | min–max | floor p50 | floor p99 | p99 / floor p99 | goal |
        |---|---|---|---|---|---|---|---|---|
        | notes, lock held | \(held.count) | \(held.p50.ms) | \(held.p99.ms) | \(held.min.ms)–\(held.max.ms) | \(free.p50.ms) | \(free.p99.ms) | \(String(format: "%.2f×", ratio)) | p99 ≤ 50 ms: \(met ? "met" : "**not met**") |

        """
    }
}
