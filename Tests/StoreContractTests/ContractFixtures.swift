import EcouteCore
import EcouteTestSupport
import Foundation

enum ContractFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)
    static let alice = Viewer(name: "alice", role: .psychologist)
    static let bob = Viewer(name: "bob", role: .psychologist)
    static let chef = Viewer(name: "chef", role: .supervisor)

    /// A call with every field set, unfinished (in the emergency protocol).
    static func fullDraft(_ id: String = "c1", by name: String = "psy1") -> CallDraft {
        var d = CallDraft(id: id, operatorName: name, pickedUpAt: t0)
        d.phase = .emergency
        d.phaseBeforeEmergency = .wrapUp
        d.endedAt = t0 + 1500
        d.endReason = .hungUp
        d.profile = CallerProfile(category: .student, profession: .sageFemme, status: .student, sector: .training,
                                  departement: "2A", isRepeatCaller: true)
        d.level = .imminentRisk
        d.addiction = true
        d.hospitalisation = true
        d.notes = "Épuisée, « nuits » difficiles"
        d.followUp = "demain 10h, par la même écoutante"
        d.referralGaps = [.unit: ReferralGap(reason: .other, note: "lit déjà réservé")]
        d.emergency = EmergencyProtocol(openedAt: t0 + 600, steps: [.supervisorCalled: t0 + 650])
        d.referrals = [
            Referral(kind: .emergency, entryID: nil, name: "3114", contact: "3114", tier: .national),
            Referral(kind: .unit, entryID: nil, name: "Unité", contact: "x", tier: .region, status: .declined, origin: .chosen),
        ]
        d.updatedAt = t0 + 1600
        return d
    }

    static func savedCall(_ id: String, by name: String, at start: Date, level: ClassificationLevel = .anxiety) -> CallDraft {
        var c = CallDraft(id: id, operatorName: name, pickedUpAt: start)
        c.endedAt = start + 1200
        c.level = level
        c.phase = .saved
        c.savedAt = start + 1300
        c.updatedAt = start + 1300
        return c
    }

    /// Two shifts: alice (two calls, ended) and bob (one call, still open).
    static func twoShifts(_ store: any Store) throws -> (alice: String, bob: String) {
        let a = try store.shifts.startShift(operatorName: "alice", at: t0)
        let b = try store.shifts.startShift(operatorName: "bob", at: t0 + 3600)
        try store.calls(shiftID: a).persist(savedCall("a1", by: "alice", at: t0 + 60))
        try store.calls(shiftID: a).persist(savedCall("a2", by: "alice", at: t0 + 2000, level: .suicidalIdeation))
        try store.calls(shiftID: b).persist(savedCall("b1", by: "bob", at: t0 + 4000))
        try store.shifts.endShift(a, at: t0 + 7200)
        return (a, b)
    }
}
