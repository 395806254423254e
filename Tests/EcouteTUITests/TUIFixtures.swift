import EcouteCore
import EcouteTestSupport
import EcouteResources
import EcouteStore
import Foundation
import Testing
@testable import EcouteTUI

enum TUIFixtures {
    static let geography = TestResources.geography
    static let french = TestResources.french
    static let english = TestResources.english
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21 14:13:20 UTC
    static let utc = TimeZone(identifier: "UTC")!

    static func strings(_ language: Language) -> Strings { language == .fr ? french : english }

    static func model(_ session: SessionState, _ language: Language = .fr, elapsed: TimeInterval = 754) -> AppModel {
        var m = AppModel(session: session, strings: strings(language), geography: geography, operatorName: "psy-test",
                         now: t0 + elapsed, timeZone: utc)
        m.lineAverage = 1452
        m.nextCallID = "next-call"
        m.unfinishedChecked = true
        return m
    }

    static func draft(_ phase: CallPhase = .inCall) -> CallDraft {
        var d = CallDraft(id: "c-1", operatorName: "psy-test", pickedUpAt: t0)
        d.phase = phase
        d.profile = CallerProfile(category: .professional, profession: .infirmier, status: .salaried, sector: .hospital,
                                  departement: "48", isRepeatCaller: false)
        d.notes = "Nuits difficiles depuis la réorganisation du service ; conflit avec l'encadrement."
        d.updatedAt = t0 + 600
        return d
    }

    static let referrals = [
        Referral(kind: .gp, entryID: 1, name: "Dr Claire Martin", contact: "04 65 71 12 34 · Mende (48)", tier: .sameDepartement,
                 status: .given),
        Referral(kind: .psychiatrist, entryID: 2, name: "Dr Karim Benali, psychiatre", contact: "04 65 71 56 78 · Privas (07)", tier: .neighbour,
                 status: .given),
        Referral(kind: .unit, entryID: 3, name: "Unité de soins des soignants — Montpellier", contact: "04 65 71 00 11 · Montpellier (34)",
                 tier: .region, status: .declined, origin: .chosen),
    ]

    static let directoryEntries = [
        DirectoryEntry(id: 21, source: "sample", sourceID: "p1", kind: .psychologist, name: "Claire Moreau, psychologue",
                       organisation: "Cabinet libéral", address: "4 rue de l'Épine", postcode: "48000", city: "Mende",
                       departement: "48", region: "76", phones: ["04 65 71 20 28"], teleconsultation: true,
                       specialities: ["burnout", "sleep"], openingHours: "Lundi–vendredi, 9h–19h", lastVerified: "2026-03-02"),
        DirectoryEntry(id: 22, source: "sample", sourceID: "g1", kind: .gp, name: "Dr Paul Garnier", city: "Marvejols",
                       departement: "48", region: "76", phones: ["04 65 71 99 26"], specialities: ["burnout"]),
        DirectoryEntry(id: 23, source: "ars-occ", sourceID: "u1", kind: .unit, name: "Unité de soins des soignants — Montpellier",
                       organisation: "CHU de Montpellier", address: "191 avenue du Doyen Gaston Giraud", postcode: "34090",
                       city: "Montpellier", departement: "34", region: "76", phones: ["04 67 00 00 11", "04 67 00 00 12"],
                       email: "unite.soignants@example.org", website: "https://example.org/unite", languages: ["fr", "en"],
                       specialities: ["burnout", "depression", "addiction", "harassment"], capacity: 24,
                       openingHours: "Admissions du lundi au vendredi", lastVerified: "2026-06-30"),
    ]

    static func wrapUpDraft() -> CallDraft {
        var d = draft(.wrapUp)
        d.endedAt = t0 + 1510
        d.endReason = .hungUp
        d.level = .burnout
        d.addiction = true
        d.hospitalisation = true
        d.referrals = referrals
        return d
    }

    /// An alert raised for a level-5 call in the Rhône, not taken.
    static func alert(callID: String, raisedAt: Date) -> Alert {
        Alert(id: "a-\(callID)", callID: callID, operatorName: "psy-b", departement: "69", level: .imminentRisk, reason: .imminentRisk,
              callElapsed: 420, raisedAt: raisedAt)
    }

    static func emergencyDraft() -> CallDraft {
        var d = draft(.emergency)
        d.phaseBeforeEmergency = .inCall
        d.level = .imminentRisk
        d.emergency = EmergencyProtocol(openedAt: t0 + 700, steps: [.emergencyServicesCalled: t0 + 720])
        d.referrals = [
            Referral(kind: .emergency, entryID: 10, name: "SAMU — 15", contact: "15", tier: .national, status: .given),
            Referral(kind: .emergency, entryID: 11, name: "Numéro d'urgence européen — 112", contact: "112", tier: .national),
            Referral(kind: .emergency, entryID: 12, name: "3114 — prévention du suicide", contact: "3114", tier: .national),
            Referral(kind: .unit, entryID: 3, name: "Unité de soins des soignants — Montpellier", contact: "04 65 71 00 11 · Montpellier (34)", tier: .region),
        ]
        return d
    }
}

/// Compares a rendered screen with its checked-in snapshot (Tests/EcouteTUITests/Snapshots).
/// A missing snapshot is written and the test fails, so every new screen is reviewed once;
/// `ECOUTE_RECORD_SNAPSHOTS=1` (make snapshots) rewrites them all after an intended change.
func assertSnapshot(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try assertGolden(grid.text + "\n", file: "Snapshots/\(name).txt", besides: #filePath, sourceLocation: sourceLocation)
}

