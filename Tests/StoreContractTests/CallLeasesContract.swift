import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// One console per call: a call is written only by the console that holds it; a dead holder's
/// call can be taken over, once, and the takeover is kept with the call.
@Suite struct CallLeasesContract {
    typealias F = ContractFixtures
    static let consoleA = ConsoleIdentity(id: "console-a", host: "poste-1", pid: 101, operatorName: "alice")
    static let consoleB = ConsoleIdentity(id: "console-b", host: "poste-2", pid: 202, operatorName: "alice")

    @Test(arguments: StoreBackend.allCases)
    func theFirstWriterHoldsTheCallAndNobodyElseWritesIt(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let a = opened.store.calls(shiftID: nil, console: Self.consoleA)
        let b = opened.store.calls(shiftID: nil, console: Self.consoleB)
        var call = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0)
        try a.persist(call)
        let holder = try #require(try opened.store.leases.holders(of: ["c1"])["c1"])
        #expect(holder.console == Self.consoleA)
        call.notes = "B écrit"
        #expect(throws: CallHeldElsewhere.self) { try b.persist(call) }
        call.phase = .saved
        call.level = .anxiety
        #expect(throws: CallHeldElsewhere.self) { try b.finalize(call) }
        #expect(try a.call(id: "c1")?.notes == "")
        // A saves: the lease goes, and the saved call takes no more writes from anyone.
        try a.finalize(call)
        #expect(try opened.store.leases.holders(of: ["c1"]).isEmpty)
        #expect(throws: CallHeldElsewhere.self) { try b.finalize(call) }
        #expect(throws: CallHeldElsewhere.self) { try a.persist(call) }
    }

    @Test(arguments: StoreBackend.allCases)
    func aDeadHoldersCallIsTakenOverOnceAndRecorded(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let a = opened.store.calls(shiftID: nil, console: Self.consoleA)
        let b = opened.store.calls(shiftID: nil, console: Self.consoleB)
        var call = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0)
        try a.persist(call)
        let seen = try #require(try opened.store.leases.holders(of: ["c1"])["c1"])
        try opened.store.leases.takeOver("c1", from: seen, by: Self.consoleB, at: F.t0 + 60)
        // Taking over again from what was seen fails: the lease is no longer that.
        let consoleC = ConsoleIdentity(id: "console-c", host: "poste-3", pid: 303, operatorName: "alice")
        #expect(throws: CallHeldElsewhere.self) {
            try opened.store.leases.takeOver("c1", from: seen, by: consoleC, at: F.t0 + 61)
        }
        call.notes = "repris"
        try b.persist(call)
        // A, if it came back, is refused, told by whom and since when; its version is kept for supervisors.
        var mine = call
        mine.notes = "la version de A"
        do {
            try a.persist(mine)
            Issue.record("A wrote a call B holds")
        } catch let held as CallHeldElsewhere {
            #expect(held.holder?.console == Self.consoleB && held.takenOverAt == F.t0 + 60 && !held.alreadySaved)
        }
        try a.keepUnsavedVersion(mine, heldBy: opened.store.leases.holders(of: ["c1"])["c1"], at: F.t0 + 90)
        let kept = try #require(try opened.store.review.auditLog(callID: "c1").last)
        #expect(kept.field == UnsavedVersion.auditField && kept.newValue?.contains("la version de A") == true)
        #expect(kept.reason.contains("poste-2") && kept.oldValue == nil)
        #expect(try a.call(id: "c1")?.notes == "repris")   // the call itself is not changed
        // Kept with the call's audit trail, it is no supervisor's correction: reports leave it out.
        #expect(try opened.store.review.corrections(CallQuery(), visibleTo: F.chef).isEmpty)
        #expect(try opened.store.leases.takeovers(of: "c1") == [CallTakeover(callID: "c1", at: F.t0 + 60, by: Self.consoleB, from: seen)])
        #expect(try opened.store.leases.holders(of: ["c1"])["c1"]?.console == Self.consoleB)
    }

    @Test(arguments: StoreBackend.allCases)
    func heartbeatsRenewEveryCallOfTheConsole(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let a = opened.store.calls(shiftID: nil, console: Self.consoleA)
        try a.persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0))
        #expect(try opened.store.leases.heartbeat(Self.consoleA, at: F.t0 + 500) == 1)
        #expect(try opened.store.leases.holders(of: ["c1"])["c1"]?.heartbeatAt == F.t0 + 500)
        #expect(try opened.store.leases.heartbeat(Self.consoleB, at: F.t0 + 500) == 0)
    }
}

/// Whether a holder is alive, decided without a database.
@Suite struct CallHolderLivenessTests {
    @Test func onThisHostTheProcessDecidesElsewhereTheHeartbeat() {
        let t0 = ContractFixtures.t0
        let local = CallHolder(console: ConsoleIdentity(id: "x", host: "ici", pid: 7, operatorName: "a"), heartbeatAt: t0)
        #expect(local.isAlive(now: t0 + 5, localHost: "ici", processExists: { $0 == 7 }))
        #expect(!local.isAlive(now: t0 + 5, localHost: "ici", processExists: { _ in false }))     // killed: dead at once
        #expect(!local.isAlive(now: t0 + 60, localHost: "ici", processExists: { _ in true }))     // silent: a reused pid
        var remote = local
        remote.console.host = "ailleurs"
        #expect(remote.isAlive(now: t0 + 19, localHost: "ici", processExists: { _ in false }))
        #expect(!remote.isAlive(now: t0 + 21, localHost: "ici", processExists: { _ in true }))
    }
}
