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
        try opened.store.calls(shiftID: nil).persist(ContractFixtures.fullDraft())
        #expect(try feed.poll() == true)
        #expect(try feed.poll() == false)
        _ = try opened.store.shifts.startShift(operatorName: "p", at: ContractFixtures.t0)
        #expect(try feed.poll() == true)
    }
}
