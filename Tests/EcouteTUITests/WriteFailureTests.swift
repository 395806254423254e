import EcouteCore
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

/// The line that says a write was refused fits the screen at 80 columns in both languages: the
/// next try goes first, then the time, never the fault nor « gardé sur ce poste ».
@Suite struct WriteFailureLineTests {
    typealias F = TUIFixtures

    @Test(arguments: [Language.fr, .en], [true, false])
    func theLineFitsAt80ColumnsAndSaysWhatMatters(_ language: Language, _ kept: Bool) {
        for reason in ["SQLite error 5: database is locked", "connection refused", "SQLite error 13: database or disk is full"] {
            var m = F.model(.call(F.draft()), language)
            m.wallNow = F.t0 + 3600
            m.desk.writeFailure = WriteFailure(kind: .persist, reason: reason, attempts: 4, retryAt: m.wallNow + 3, since: m.wallNow - 60)
            if kept { m.desk.keptOnWorkstation = F.draft().updatedAt }
            #expect(m.isKeptOnWorkstation == kept)
            let row = Screen.render(m).row(m.height - 2)
            let s = m.strings
            #expect(!row.contains("…"), "\(row)")
            #expect(row.contains(StoreFaultText.describe(reason, s)), "\(row)")
            let head = kept ? s["message.writeFailedKept.shortest"] : s["message.writeFailed.shortest"]
            #expect(row.contains(String(head.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)), "\(row)")
        }
    }

    @Test func aRetryDueIsSaidUnderWayNotInZeroSeconds() {
        var m = F.model(.call(F.draft()))
        m.wallNow = F.t0 + 3600
        m.desk.writeFailure = WriteFailure(kind: .persist, reason: "connection refused", attempts: 4, retryAt: m.wallNow - 1, since: m.wallNow - 60)
        let line = MessageLine.writeFailed(m, m.desk.writeFailure!, width: 200)
        #expect(line.contains(m.strings["message.retrying"]))
        #expect(!line.contains(m.strings.format("message.retryIn", "0")))
    }
}
