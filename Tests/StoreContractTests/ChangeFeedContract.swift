import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// Another console's commit is noticed by a feed; a feed with nothing new says so.
@Suite struct ChangeFeedContract {
    @Test(arguments: StoreBackend.allCases)
    func aCommitElsewhereIsNoticedOnce(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let feed = try opened.store.changeFeed()
        #expect(try feed.poll() == false)
        try opened.store.calls(shiftID: nil).finalize(ContractFixtures.savedCall("s1", by: "psy1", at: ContractFixtures.t0))
        #expect(try feed.poll() == true)
        #expect(try feed.poll() == false)
        _ = try opened.store.shifts.startShift(operatorName: "p", at: ContractFixtures.t0)
        #expect(try feed.poll() == true)
    }

    /// On the platform database a NOTIFY serialises the commits of every transaction that sends
    /// one, so what nobody waits for is not announced: a step of a call in progress and a
    /// console's presence (the boards read them again every 2 s). The save is announced.
    @Test func onThePlatformAStepAndAPresenceAreNotAnnouncedTheSaveIs() throws {
        let opened = try StoreBackend.postgres.open()
        let feed = try opened.store.changeFeed()
        #expect(try feed.poll() == false)
        let console = ConsoleIdentity(id: "k1", host: "poste-1", pid: 1, operatorName: "psy1")
        var draft = CallDraft(id: "c1", operatorName: "psy1", pickedUpAt: ContractFixtures.t0)
        try opened.store.calls(shiftID: nil, console: console).persist(draft)
        try opened.store.alerts.report(ConsolePresence(console: console, shiftID: nil, activity: .inCall, callID: "c1",
                                                       callStartedAt: ContractFixtures.t0, level: nil, heartbeatAt: Date()))
        #expect(try feed.poll() == false)
        draft = ContractFixtures.savedCall("c1", by: "psy1", at: ContractFixtures.t0)
        try opened.store.calls(shiftID: nil, console: console).finalize(draft)
        #expect(try feed.poll() == true)
    }
}
