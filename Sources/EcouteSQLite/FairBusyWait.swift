import Foundation
import GRDB
import Synchronization

/// How a connection waits for another one's write lock: tries again after 1, 2, 4, 8 ms, then
/// every 10 ms, each wait drawn at random between half and all of it (so that waiters do not
/// wake together), for up to `limit`. SQLite's own timeout sleeps up to 100 ms between tries,
/// so under many writers a waiter keeps missing the moments the lock is free and some wait
/// several seconds while others pass; waits of a millisecond or two for everyone cost the lock
/// holder its processor. Measured by `make bench` (« Many consoles on one embedded file »,
/// docs/benchmarks.md). Each connection has its own handler; a connection waits on one thread
/// at a time.
enum FairBusyWait {
    static func mode(limit: TimeInterval) -> Database.BusyMode {
        let started = Mutex<ContinuousClock.Instant?>(nil)
        let limit = Duration.milliseconds(Int64(limit * 1000))
        return .callback { tries in
            let now = ContinuousClock.now
            let since = started.withLock { start -> ContinuousClock.Instant in
                if tries == 0 || start == nil { start = now }
                return start!
            }
            guard now - since < limit else { return false }
            // 1, 2, 4, 8 ms then 10 ms at most, each at random between half and all of it.
            let cap = UInt32(min(10_000, 1_000 << min(tries, 4)))
            usleep(UInt32.random(in: (cap / 2)...cap))
            return true
        }
    }
}
