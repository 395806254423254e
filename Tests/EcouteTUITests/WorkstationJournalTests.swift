import EcouteCore
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The database out of reach: the call is kept on the workstation (0600), said so on screen, and
/// a console killed meanwhile loses nothing — the next start offers the kept version.
@Suite struct WorkstationJournalTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-journal-\(UUID().uuidString)")

    @Test func aCallTheStoreRefusesIsKeptOnTheWorkstationAndOfferedAtTheNextStart() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = ConsoleIdentity(id: "console-a", host: "poste-test", pid: 1111, operatorName: "psy-test")
        let h = ConsoleHarness(console: first, journal: try FileCallJournal(folder: folder, console: first, location: "/base/a.sqlite"))
        h.calls.failing = true
        h.calls.failureText = "cannot reach the database server (connectionError)"
        h.press(.function(2), .character("n"))
        h.type("note gardée")
        h.press(.escape)
        h.advance(6)   // past the quiet delay of the first refusal
        let s = h.model.strings
        #expect(h.calls.persisted.isEmpty)
        #expect(h.model.isKeptOnWorkstation)
        #expect(h.frame.contains(s["fault.unreachable"]))
        let kept = h.frame.components(separatedBy: "\n").first { $0.contains(s["fault.unreachable"]) } ?? ""
        #expect(kept.contains(String(s["message.writeFailedKept"].split(separator: "{")[0]).trimmingCharacters(in: .whitespaces)))
        // The file is the operator's alone.
        let file = folder.appendingPathComponent("console-a.json")
        let mode = (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        // A console on another database is offered nothing of it.
        let elsewhere = ConsoleIdentity(id: "console-x", host: "poste-test", pid: 4444, operatorName: "psy-test")
        let other = ConsoleHarness(console: elsewhere, journal: try FileCallJournal(folder: folder, console: elsewhere, location: "/base/b.sqlite"))
        #expect(other.model.session == .idle)

        // The console is killed (its process gone); another starts on the workstation with the store back.
        let calls = FakeCalls()
        let second = ConsoleIdentity(id: "console-b", host: "poste-test", pid: 2222, operatorName: "psy-test")
        let next = ConsoleHarness(console: second, calls: calls, journal: try FileCallJournal(folder: folder, console: second, location: "/base/a.sqlite"))
        guard case .interrupted(let offered) = next.model.session else {
            Issue.record("nothing offered: \(next.model.session.phase)"); return
        }
        #expect(offered.notes == "note gardée")
        next.press(.enter)   // resume
        #expect(next.model.session.phase == .inCall)
        #expect(calls.persisted.last?.notes == "note gardée")
        // Taken up here: the stopped console's copy is gone.
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func aWrittenVersionLeavesNothingOnTheWorkstation() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let me = ConsoleIdentity(id: "console-c", host: "poste-test", pid: 3333, operatorName: "psy-test")
        let h = ConsoleHarness(console: me, journal: try FileCallJournal(folder: folder, console: me, location: "/base/a.sqlite"))
        h.press(.function(2))
        #expect(!h.calls.persisted.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
