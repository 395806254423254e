import Foundation
import GRDB
import Synchronization

/// How a connection waits for another one's write lock: tries again every 0.5–2 ms (at random,
/// so that waiters do not wake together) for up to `limit`. SQLite's own timeout sleeps up to
/// 100 ms between tries, so under many writers a waiter keeps missing the moments the lock is
/// free and some wait several seconds while others pass (measured by `make bench`, « Many
/// consoles on one embedded file »). Each connection has its own handler; a connection waits on
/// one thread at a time.
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
            usleep(UInt32.random(in: 500...2000))
            return true
        }
    }
}
