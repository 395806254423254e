import Foundation
@testable import EcouteCore

/// A controllable clock for session tests: every step advances by a known amount.
struct TestClock {
    var now = Date(timeIntervalSince1970: 1_790_000_000)
    mutating func advance(_ seconds: TimeInterval) { now += seconds }
}

enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Applies events in order, failing loudly on a refusal.
    static func run(_ events: [SessionEvent], from state: SessionState = .idle, at now: Date = start) -> SessionState {
        var s = state
        for e in events {
            switch CallSession.reduce(s, e, now: now) {
            case .success(let (next, _)): s = next
            case .failure(let r): fatalError("fixture event \(e) refused: \(r)")
            }
        }
        return s
    }

    static let pickUp = SessionEvent.pickUp(callID: "call-1", operatorName: "psy1")

    /// One state of every phase.
    static func state(_ phase: SessionPhase) -> SessionState {
        switch phase {
        case .idle: return .idle
        case .inCall: return run([pickUp])
        case .dropped: return run([pickUp, .lineDropped])
        case .emergency: return run([pickUp, .openEmergency])
        case .wrapUp: return run([pickUp, .hangUp])
        case .saved: return run([pickUp, .hangUp, .classify(.anxiety), .justifyReferralGap(.psychologist, callerDeclined),
                                 .justifyReferralGap(.gp, callerDeclined), .save])
        case .interrupted: return .interrupted(run([pickUp]).draft!)
        }
    }

    static let levelFiveRequest = ReferralRequest(
        needs: ReferralRules.needs(level: .imminentRisk, hospitalisation: false),
        departement: nil, preferredSpeciality: "suicide")

    static let callerDeclined = ReferralGap(reason: .callerDeclined)

    static let sampleReferral = Referral(kind: .gp, entryID: 7, name: "Dr Test", contact: "01 99 00 00 01", tier: .sameDepartement)

    /// One event of every kind, named for the table below.
    static let events: [(String, SessionEvent)] = [
        ("pickUp", pickUp),
        ("hangUp", .hangUp),
        ("lineDropped", .lineDropped),
        ("callerBack", .callerBack),
        ("wrapUpAfterDrop", .wrapUpAfterDrop),
        ("updateProfile", .updateProfile(CallerProfile(category: .professional, profession: .infirmier))),
        ("setNotes", .setNotes("épuisée")),
        ("setFollowUp", .setFollowUp("jeudi 14h, par l'écoutante")),
        ("classify", .classify(.burnout)),
        ("setAddiction", .setAddiction(true)),
        ("setHospitalisation", .setHospitalisation(true)),
        ("referralsProposed", .referralsProposed(levelFiveRequest, [sampleReferral])),
        ("setReferralStatus", .setReferralStatus(index: 0, .declined)),
        ("replaceReferral", .replaceReferral(index: 0, sampleReferral)),
        ("addReferral", .addReferral(sampleReferral)),
        ("justifyReferralGap", .justifyReferralGap(.gp, callerDeclined)),
        ("openEmergency", .openEmergency),
        ("toggleEmergencyStep", .toggleEmergencyStep(.supervisorCalled)),
        ("explainSkippedStep", .explainSkippedStep(.callerKeptOnLine, "l'appelant a raccroché")),
        ("closeEmergency", .closeEmergency),
        ("save", .save),
        ("acknowledge", .acknowledge),
        ("resume", .resume),
        ("wrapUpInterrupted", .wrapUpInterrupted),
    ]
}
