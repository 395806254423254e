import Foundation

/// Where a call stands. Persisted with the call, so a call found unfinished at start-up resumes
/// where it was.
public enum CallPhase: String, Codable, Sendable, CaseIterable {
    case inCall
    case dropped
    case emergency
    case wrapUp
    case saved
    /// Left unfinished and closed by a supervisor (its console gone), with a reason in the audit
    /// log: never offered again, never counted as saved.
    case closed

    /// The phases of a call not saved nor closed, named one by one: a query asks for these
    /// (`phase IN …`, an index seek each) rather than « not saved » (a scan of every call).
    public static let unfinished: [CallPhase] = allCases.filter { $0 != .saved && $0 != .closed }
}

/// How the conversation ended.
public enum CallEndReason: String, Codable, Sendable {
    case hungUp
    case dropped
    /// The console stopped (crash, killed terminal) and the call was closed on resumption.
    case interrupted
}

/// Everything recorded about one call, from pick-up to save. Anonymous by construction.
public struct CallDraft: Equatable, Sendable, Codable {
    public var id: String
    /// Pseudonymous operator (the psychologist's login or chosen name).
    public var operatorName: String
    public var phase: CallPhase
    /// The phase the emergency protocol returns to when closed.
    public var phaseBeforeEmergency: CallPhase?
    public var pickedUpAt: Date
    public var endedAt: Date?
    public var endReason: CallEndReason?
    public var profile: CallerProfile
    public var level: ClassificationLevel?
    public var addiction: Bool
    public var hospitalisation: Bool
    public var notes: String
    /// A follow-up call agreed with the caller: when, and by whom (a few words).
    public var followUp: String?
    public var referrals: [Referral]
    /// Why a required kind was not given (each one missing at save needs a reason).
    public var referralGaps: [ReferralKind: ReferralGap]
    public var emergency: EmergencyProtocol?
    /// The suicide-risk assessment (RUD, C-SSRS), needed before a level-4 or -5 call is saved.
    public var assessment: RiskAssessment?
    /// Why the caller calls: up to three, the main one first (nil, like empty: none given).
    public var motifs: [CallMotif]?
    /// The line the call came in on (`CallLine.id`); nil: the health professionals' line, which
    /// every call had before lines were recorded (stores write it as `CallLine.healthID`).
    public var line: String?
    /// Alerts raised for this call (read with the call; written by the alert desk, never by a
    /// console's write of the call).
    public var alerts: [Alert]
    public var updatedAt: Date
    public var savedAt: Date?

    public init(id: String, operatorName: String, pickedUpAt: Date) {
        self.id = id
        self.operatorName = operatorName
        self.phase = .inCall
        self.pickedUpAt = pickedUpAt
        self.profile = CallerProfile()
        self.addiction = false
        self.hospitalisation = false
        self.notes = ""
        self.referrals = []
        self.referralGaps = [:]
        self.alerts = []
        self.updatedAt = pickedUpAt
    }

    /// The call's duration so far: from pick-up to the end of the conversation, or to `now`.
    public func elapsed(now: Date) -> TimeInterval {
        max(0, (endedAt ?? now).timeIntervalSince(pickedUpAt))
    }

    /// What to ask the directory for, given the classification so far; nil before classification.
    public var referralRequest: ReferralRequest? {
        guard let level else { return nil }
        // The motifs add what they call for (a legal service, trauma care) beside the level's needs.
        var needs = ReferralRules.needs(level: level, hospitalisation: hospitalisation, addiction: addiction)
        var speciality = ReferralRules.preferredSpeciality(level: level, addiction: addiction)
        // The first motif that prefers a speciality is more precise than a level 0–3 (at 4 and 5
        // suicidal risk comes first; addiction flagged, its services do).
        for motif in motifs ?? [] {
            if let need = motif.refinement.need, !needs.contains(where: { $0.kind == need.kind }) { needs.append(need) }
        }
        if !addiction, level < .suicidalIdeation, let preferred = (motifs ?? []).lazy.compactMap({ $0.refinement.speciality }).first { speciality = preferred }
        return ReferralRequest(
            needs: needs,
            departement: profile.departement,
            preferredSpeciality: speciality,
            profession: profile.profession,
            callerIsStudent: profile.category == .student || profile.status == .student
        )
    }

    /// The id of the call's line, the health professionals' when none is recorded.
    public var lineID: String { line ?? CallLine.healthID }

    /// Required kinds not covered by a given referral (empty before classification).
    public var missingReferralKinds: [ReferralKind] {
        guard let level else { return [] }
        return ReferralRules.missingKinds(level: level, hospitalisation: hospitalisation, addiction: addiction, given: referrals)
    }

    /// A level-4 or -5 call without an answered assessment: what stops its save.
    public var needsAssessment: Bool {
        guard let level, level >= .suicidalIdeation else { return false }
        return !(assessment?.isAnswered ?? false)
    }

    /// Required kinds neither given nor justified: what stops a save.
    public var unjustifiedReferralKinds: [ReferralKind] { missingReferralKinds.filter { referralGaps[$0] == nil } }

    /// The protocol's emergency numbers given to (or called for) the caller, in the protocol's order.
    public var emergencyNumbersCalled: [EmergencyNumber] {
        EmergencyNumber.allCases.filter { number in referrals.contains { $0.status == .given && number.matches($0) } }
    }

    /// Whether the protocol has begun (a step done, a number called): its alert was then not
    /// raised by mistake, and cannot be withdrawn as such.
    public var emergencyUnderway: Bool {
        !(emergency?.steps.isEmpty ?? true) || !emergencyNumbersCalled.isEmpty
    }
}
