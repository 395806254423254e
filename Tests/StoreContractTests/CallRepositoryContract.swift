import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// What every backend must do with a console's calls.
@Suite struct CallRepositoryContract {
    typealias F = ContractFixtures

    @Test(arguments: StoreBackend.allCases)
    func aPersistedCallComesBackIdenticalAndUpdatesInPlace(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        let d = F.fullDraft()
        try calls.persist(d)
        #expect(try calls.unfinishedCalls(operatorName: "psy1") == [d])
        #expect(try calls.unfinishedCalls(operatorName: "someone-else").isEmpty)
        #expect(try calls.call(id: "c1") == d)
        #expect(try calls.call(id: "nope") == nil)
        var later = d
        later.notes = "mis à jour"
        later.referrals.removeLast()
        try calls.persist(later)
        #expect(try calls.unfinishedCalls(operatorName: "psy1") == [later])
    }

    @Test(arguments: StoreBackend.allCases)
    func unfinishedCallsComeOldestFirst(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var late = CallDraft(id: "late", operatorName: "p", pickedUpAt: F.t0 + 100)
        late.phase = .wrapUp
        try calls.persist(late)
        try calls.persist(CallDraft(id: "early", operatorName: "p", pickedUpAt: F.t0))
        #expect(try calls.unfinishedCalls(operatorName: "p").map(\.id) == ["early", "late"])
    }

    @Test(arguments: StoreBackend.allCases)
    func aSavedCallIsNoLongerUnfinishedAndTheAverageCountsOnlySavedCalls(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        #expect(try calls.averageDuration(overLastDays: 30) == nil)
        for (i, minutes) in [20.0, 30.0].enumerated() {
            var d = CallDraft(id: "s\(i)", operatorName: "p", pickedUpAt: F.t0)
            try calls.persist(d)   // written at pick-up, as the console does
            d.endedAt = F.t0 + minutes * 60
            d.phase = .saved
            try calls.finalize(d)
        }
        var open = CallDraft(id: "open", operatorName: "p", pickedUpAt: F.t0)
        open.endedAt = F.t0 + 9999
        open.phase = .wrapUp
        try calls.persist(open)
        #expect(try calls.unfinishedCalls(operatorName: "p").map(\.id) == ["open"])
        let average = try #require(try calls.averageDuration(overLastDays: 30))
        #expect(abs(average - 1500) < 0.01)
        // Outside the window: a call picked up before it counts no more.
        var older = CallDraft(id: "older", operatorName: "p", pickedUpAt: F.t0 - 40 * 86_400)
        older.endedAt = older.pickedUpAt + 3_600
        older.phase = .saved
        try calls.finalize(older)
        #expect(abs((try calls.averageDuration(overLastDays: 30) ?? 0) - 1500) < 0.01)
        #expect(abs((try calls.averageDuration(overLastDays: 50) ?? 0) - 2200) < 0.01)
    }

    @Test(arguments: StoreBackend.allCases)
    func theAverageWindowIsCalendarDaysInUTCEndingOnTheLatestSavedCallsDay(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        // F.t0 is 06:00 UTC: its day starts six hours before it.
        let dayStart = F.t0 - 6 * 3_600
        func save(_ id: String, at pickedUp: Date, minutes: Double) throws {
            var d = CallDraft(id: id, operatorName: "p", pickedUpAt: pickedUp)
            d.endedAt = pickedUp + minutes * 60
            d.phase = .saved
            try calls.finalize(d)
        }
        try save("latest", at: F.t0, minutes: 10)
        try save("first-day-in", at: dayStart - 29 * 86_400 + 1, minutes: 30)   // day D-29: inside 30 days
        try save("last-day-out", at: dayStart - 29 * 86_400 - 1, minutes: 500)  // day D-30, 23:59:59: outside
        #expect(abs((try calls.averageDuration(overLastDays: 30) ?? 0) - 1_200) < 0.01)
        #expect(abs((try calls.averageDuration(overLastDays: 1) ?? 0) - 600) < 0.01)
        #expect(abs((try calls.averageDuration(overLastDays: 31) ?? 0) - 10_800) < 0.01)
    }

    @Test(arguments: StoreBackend.allCases)
    func aGivenReferralRotatesTheDirectory(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.add([entry("g1", .gp, "69"), entry("g2", .gp, "69")])
        let directory = opened.store.directory
        let first = try #require(try directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 2).first)
        func save(_ id: String, _ status: ReferralStatus) throws -> CallDraft {
            var d = CallDraft(id: id, operatorName: "psy1", pickedUpAt: F.t0)
            d.endedAt = F.t0 + 1200
            d.level = .anxiety
            var referral = ReferralProposer.referral(first)
            referral.status = status
            d.referrals = [referral]
            d.phase = .saved
            d.savedAt = F.t0 + 1300
            try opened.store.calls(shiftID: nil).finalize(d)
            return d
        }
        // Proposed and not given: the entry keeps its place.
        _ = try save("c1", .proposed)
        #expect(try directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 2).first == first)
        let d = try save("c2", .given)
        #expect(try opened.store.calls(shiftID: nil).call(id: "c2") == d)
        // The entry just given goes after the one never given.
        let next = try directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 2)
        #expect(next.map(\.entry.id) == [next[0].entry.id, first.entry.id] && next[0].entry.id != first.entry.id)
    }
}
