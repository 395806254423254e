import EcouteCore
import Foundation

/// Three months of a small line (September to November 2026, UTC), for the activity report:
/// two psychologists, every level, students and a family member, three regions, an alert taken
/// after 90 s, and one call never saved.
public enum ActivityFixtures {
    public static let utc = TimeZone(identifier: "UTC")!
    /// 2026-09-01 00:00 UTC.
    public static let start = Date(timeIntervalSince1970: 1_788_220_800)
    /// 2026-12-01 00:00 UTC.
    public static let end = Date(timeIntervalSince1970: 1_796_083_200)

    static func day(_ d: Int, _ hour: Int) -> Date { start + TimeInterval((d - 1) * 86_400 + hour * 3600) }

    static func call(_ id: String, _ at: Date, minutes: Int, by name: String, level: ClassificationLevel, addiction: Bool = false,
                     caller: CallerProfile, given: [ReferralKind]) -> CallDraft {
        var c = CallDraft(id: id, operatorName: name, pickedUpAt: at)
        c.profile = caller
        c.level = level
        c.addiction = addiction
        c.endedAt = at + TimeInterval(minutes * 60)
        c.endReason = .hungUp
        c.phase = .saved
        c.savedAt = c.endedAt! + 60
        c.updatedAt = c.savedAt!
        c.referrals = given.map { Referral(kind: $0, entryID: nil, name: $0.rawValue, contact: "", tier: .sameDepartement, status: .given) }
        return c
    }

    static func pro(_ p: Profession, _ dep: String) -> CallerProfile {
        CallerProfile(category: .professional, profession: p, status: .salaried, departement: dep)
    }

    public static let calls: [CallDraft] = {
        var urgent = call("n3", day(70, 23), minutes: 40, by: "psy-b", level: .imminentRisk, caller: pro(.infirmier, "13"),
                          given: [.emergency, .unit])
        urgent.emergency = EmergencyProtocol(openedAt: day(70, 23) + 300,
                                             steps: [.emergencyServicesCalled: day(70, 23) + 320, .supervisorCalled: day(70, 23) + 330,
                                                     .callerKeptOnLine: day(70, 23) + 900])
        urgent.alerts = [Alert(id: "al", callID: "n3", operatorName: "psy-b", departement: "13", level: .imminentRisk, reason: .imminentRisk,
                               callElapsed: 300, raisedAt: day(70, 23) + 300, takenBy: "chef", takenAt: day(70, 23) + 390)]
        var open = CallDraft(id: "n9", operatorName: "psy-a", pickedUpAt: day(85, 10))
        open.level = .anxiety
        return [
            call("s1", day(3, 9), minutes: 20, by: "psy-a", level: .anxiety, caller: pro(.infirmier, "69"), given: [.psychologist, .gp]),
            call("s2", day(10, 22), minutes: 30, by: "psy-b", level: .burnout, caller: pro(.medecin, "69"), given: [.gp, .psychiatrist]),
            call("s3", day(18, 14), minutes: 15, by: "psy-a", level: .administrative, caller: pro(.pharmacien, "75"), given: [.legal, .administrative]),
            call("o1", day(33, 8), minutes: 25, by: "psy-a", level: .depression, addiction: true,
                 caller: CallerProfile(category: .student, profession: .infirmier, status: .student, departement: "59"),
                 given: [.psychologist, .gp, .addiction]),
            call("o2", day(40, 21), minutes: 35, by: "psy-b", level: .suicidalIdeation, caller: pro(.sageFemme, "59"),
                 given: [.gp, .psychiatrist]),
            call("o3", day(52, 3), minutes: 10, by: "psy-a", level: .anxiety,
                 caller: CallerProfile(category: .family, profession: .medecin, status: .family, departement: nil), given: [.psychologist, .gp]),
            call("n1", day(62, 11), minutes: 22, by: "psy-b", level: .burnout, caller: pro(.aideSoignant, "13"), given: [.gp, .psychiatrist]),
            call("n2", day(66, 16), minutes: 28, by: "psy-a", level: .depression, caller: pro(.infirmier, "69"), given: [.psychologist, .gp]),
            urgent,
            open,
        ]
    }()
}
