import EcouteCore
import Foundation
import GRDB
import Testing
@testable import EcouteStore

@Suite struct CallRepositoryTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func fullDraft() -> CallDraft {
        var d = CallDraft(id: "c1", operatorName: "psy1", pickedUpAt: Self.t0)
        d.phase = .emergency
        d.phaseBeforeEmergency = .wrapUp
        d.endedAt = Self.t0 + 1500
        d.endReason = .hungUp
        d.profile = CallerProfile(category: .student, profession: .sageFemme, status: .student, sector: .training,
                                  departement: "2A", isRepeatCaller: true)
        d.level = .imminentRisk
        d.addiction = true
        d.hospitalisation = true
        d.notes = "Épuisée, « nuits » difficiles"
        d.emergency = EmergencyProtocol(openedAt: Self.t0 + 600, steps: [.supervisorCalled: Self.t0 + 650])
        d.referrals = [
            Referral(kind: .emergency, entryID: nil, name: "3114", contact: "3114", tier: .national),
            Referral(kind: .unit, entryID: nil, name: "Unité", contact: "x", tier: .region, status: .declined, origin: .chosen),
        ]
        d.updatedAt = Self.t0 + 1600
        return d
    }

    @Test func persistedDraftComesBackIdentical() throws {
        let t = try TemporaryDatabase()
        let d = fullDraft()
        try t.calls.persist(d)
        #expect(try t.calls.unfinishedCalls(operatorName: "psy1") == [d])
        #expect(try t.calls.unfinishedCalls(operatorName: "someone-else").isEmpty)
        // Persisting again updates in place.
        var later = d
        later.notes = "mis à jour"
        later.referrals.removeLast()
        try t.calls.persist(later)
        #expect(try t.calls.unfinishedCalls(operatorName: "psy1") == [later])
    }

    @Test func finalizedCallIsNoLongerUnfinishedAndCountsForRotation() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("g1", .gp, "69"), entry("g2", .gp, "69")])
        let gp = try #require(try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 1).first)
        var d = CallDraft(id: "c2", operatorName: "psy1", pickedUpAt: Self.t0)
        d.endedAt = Self.t0 + 1200
        d.level = .anxiety
        d.referrals = [ReferralProposer.referral(gp)]
        d.phase = .saved
        d.savedAt = Self.t0 + 1300
        try t.calls.finalize(d)
        #expect(try t.calls.unfinishedCalls(operatorName: "psy1").isEmpty)
        #expect(try t.calls.call(id: "c2") == d)
        let given = try t.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT times_given FROM directory_entries WHERE id = ?", arguments: [gp.entry.id])
        }
        #expect(given == 1)
        #expect(try t.calls.averageDuration() == 1200)
    }

    @Test func averageCountsOnlySavedCalls() throws {
        let t = try TemporaryDatabase()
        #expect(try t.calls.averageDuration() == nil)
        for (i, minutes) in [20.0, 30.0].enumerated() {
            var d = CallDraft(id: "s\(i)", operatorName: "p", pickedUpAt: Self.t0)
            d.endedAt = Self.t0 + minutes * 60
            d.phase = .saved
            try t.calls.finalize(d)
        }
        var open = CallDraft(id: "open", operatorName: "p", pickedUpAt: Self.t0)
        open.endedAt = Self.t0 + 9999
        open.phase = .wrapUp
        try t.calls.persist(open)
        let average = try #require(try t.calls.averageDuration())
        #expect(abs(average - 1500) < 0.01)
    }
}
