import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// A call's line and the caller's category on it, on every backend: written with the call,
/// changed during it, read back by the console and the review; a call that names none is on the
/// health professionals' line.
@Suite struct LineContract {
    typealias F = ContractFixtures

    @Test(arguments: StoreBackend.allCases)
    func theLineAndItsCategoryComeBackAndChangeDuringTheCall(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var d = F.fullDraft()
        d.line = "police"
        d.profile.setLineCategory(CallLine.Category(id: "officier", kind: .professional, labels: [:]))
        try calls.persist(d)
        #expect(try calls.call(id: d.id) == d)
        #expect(try calls.unfinishedCalls(operatorName: d.operatorName) == [d])
        d.profile.lineCategory = "commissaire"
        try calls.persist(d)
        #expect(try calls.call(id: d.id)?.profile.lineCategory == "commissaire")
        d.line = nil
        d.profile.lineCategory = nil
        try calls.persist(d)
        #expect(try calls.call(id: d.id) == d)
        #expect(try calls.call(id: d.id)?.lineID == CallLine.healthID)
    }

    @Test(arguments: StoreBackend.allCases)
    func theReviewReadsEachSavedCallsLine(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var police = F.savedCall("p1", by: "alice", at: F.t0)
        police.line = "police"
        police.profile.lineCategory = "eleve"
        try calls.finalize(police)
        try calls.finalize(F.savedCall("h1", by: "alice", at: F.t0 + 3600))
        let seen = try opened.store.review.calls(CallQuery(), visibleTo: F.chef)
        #expect(seen.map(\.lineID) == ["police", CallLine.healthID])
        #expect(seen.first?.profile.lineCategory == "eleve")
    }
}
