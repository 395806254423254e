import EcouteCore
import Foundation

/// One night shift across midnight (UTC), worked by hand in ShiftSummaryTests:
///
/// | call | picked up | ended | minutes | caller | level | referrals given | state |
/// |---|---|---|---|---|---|---|---|
/// | c1 | 22:10 | 22:30 | 20 | nurse, salaried | 3 | GP, psychiatrist | saved |
/// | c2 | 23:40 | 00:10 | 30 | nursing student | 1 + addiction | psychologist (GP declined) | saved |
/// | c3 | 00:30 | 00:55 | 25 | doctor, self-employed | 5 | 15, 112, 3114, unit; protocol 2 of 3 steps | saved |
/// | c4 | 01:20 | 01:30 | 10 | family | 4 | GP only | saved |
/// | c5 | 01:45 | — | — | pharmacist | — | — | still open |
public enum ReviewFixtures {
    public static let utc = TimeZone(identifier: "UTC")!
    /// 2026-11-24 00:00 UTC.
    public static let day = Date(timeIntervalSince1970: 1_795_478_400)

    public static func at(_ hour: Int, _ minute: Int, nextDay: Bool = false) -> Date {
        day + TimeInterval((nextDay ? 86_400 : 0) + hour * 3600 + minute * 60)
    }

    public static func referral(_ kind: ReferralKind, _ name: String, _ status: ReferralStatus = .given) -> Referral {
        Referral(kind: kind, entryID: nil, name: name, contact: "04 65 71 00 00 · Lyon (69)", tier: .sameDepartement, status: status)
    }

    public static func call(_ id: String, _ start: Date, minutes: Int?, _ profile: CallerProfile, level: ClassificationLevel?,
                     addiction: Bool = false, referrals: [Referral] = [], operatorName: String = "psy-a") -> CallDraft {
        var c = CallDraft(id: id, operatorName: operatorName, pickedUpAt: start)
        c.profile = profile
        c.level = level
        c.addiction = addiction
        c.referrals = referrals
        if let minutes {
            c.endedAt = start + TimeInterval(minutes * 60)
            c.endReason = .hungUp
            c.phase = .saved
            c.savedAt = c.endedAt! + 120
        }
        c.updatedAt = c.savedAt ?? start + 60
        c.notes = "Note de \(id)"
        return c
    }

    public static let nightShift: [CallDraft] = {
        var c3 = call("c3", at(0, 30, nextDay: true), minutes: 25, CallerProfile(category: .professional, profession: .medecin, status: .selfEmployed, departement: "13"),
                      level: .imminentRisk, referrals: [referral(.emergency, "SAMU — 15"), referral(.emergency, "112"),
                                                         referral(.emergency, "3114"), referral(.unit, "Unité de soins des soignants")])
        c3.emergency = EmergencyProtocol(openedAt: at(0, 35, nextDay: true),
                                         steps: [.emergencyServicesCalled: at(0, 36, nextDay: true), .supervisorCalled: at(0, 38, nextDay: true)])
        c3.alerts = [Alert(id: "al-c3", callID: "c3", operatorName: "psy-a", departement: "13", level: .imminentRisk, reason: .imminentRisk,
                           callElapsed: 300, raisedAt: at(0, 35, nextDay: true), takenBy: "chef", takenAt: at(0, 37, nextDay: true))]
        return [
            call("c1", at(22, 10), minutes: 20, CallerProfile(category: .professional, profession: .infirmier, status: .salaried, departement: "69"),
                 level: .burnout, referrals: [referral(.gp, "Dr Martin"), referral(.psychiatrist, "Dr Benali")]),
            call("c2", at(23, 40), minutes: 30, CallerProfile(category: .student, profession: .infirmier, status: .student, departement: "59"),
                 level: .anxiety, addiction: true, referrals: [referral(.psychologist, "Claire Moreau"), referral(.gp, "Dr Garnier", .declined)]),
            c3,
            call("c4", at(1, 20, nextDay: true), minutes: 10, CallerProfile(category: .family, status: .family),
                 level: .suicidalIdeation, referrals: [referral(.gp, "Dr Petit")]),
            call("c5", at(1, 45, nextDay: true), minutes: nil, CallerProfile(category: .professional, profession: .pharmacien), level: nil),
        ]
    }()
}
