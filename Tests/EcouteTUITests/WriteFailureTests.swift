import Foundation
import Testing
@testable import EcouteTUI

/// When a refused write turns into the red banner: a busy file (colleagues writing) is retried
/// quietly for `quietWhileBusy`; any other fault is shown at once.
@Suite struct WriteFailureTests {
    let since = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aBusyFileIsNoAlarmUntilItHasLastedTheQuietTime() {
        let busy = WriteFailure(kind: .finalize, reason: "SQLite error 5: database is locked", attempts: 3, retryAt: since, since: since)
        #expect(!busy.isAlarm(at: since))
        #expect(!busy.isAlarm(at: since.addingTimeInterval(WriteFailure.quietWhileBusy - 0.1)))
        #expect(busy.isAlarm(at: since.addingTimeInterval(WriteFailure.quietWhileBusy)))
        // Longer than the worst save measured with 100 consoles on one file and an import (5.5 s).
        #expect(WriteFailure.quietWhileBusy > 5.5)
    }

    @Test func aFullDiskOrAnAbsentServerIsAnAlarmAtOnce() {
        for reason in ["SQLite error 13: database or disk is full", "connection refused", "SQLite error 8: attempt to write a readonly database"] {
            #expect(WriteFailure(kind: .persist, reason: reason, attempts: 1, retryAt: since, since: since).isAlarm(at: since), "\(reason)")
        }
    }
}
