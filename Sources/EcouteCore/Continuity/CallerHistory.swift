import Foundation

/// One earlier call of a caller who gave their code, as the psychologist of the new call sees it:
/// the structured record, the notes only for the psychologist who wrote them or a supervisor.
public struct CallerHistoryCall: Equatable, Sendable {
    public var callID: String
    public var pickedUpAt: Date
    public var endedAt: Date?
    public var level: ClassificationLevel?
    public var motifs: [CallMotif]
    /// The referrals given to the caller (kind and name).
    public var referrals: [GivenReferral]
    /// Who answered.
    public var operatorName: String
    /// Whether who answered is on shift now (an open shift whose console is alive).
    public var operatorOnShift: Bool
    /// The follow-up agreed at that call, if any.
    public var followUp: String?
    /// The call's notes: nil unless the reader answered that call or is a supervisor.
    public var notes: String?

    public init(callID: String, pickedUpAt: Date, endedAt: Date?, level: ClassificationLevel?, motifs: [CallMotif],
                referrals: [GivenReferral], operatorName: String, operatorOnShift: Bool, followUp: String?, notes: String?) {
        self.callID = callID
        self.pickedUpAt = pickedUpAt
        self.endedAt = endedAt
        self.level = level
        self.motifs = motifs
        self.referrals = referrals
        self.operatorName = operatorName
        self.operatorOnShift = operatorOnShift
        self.followUp = followUp
        self.notes = notes
    }
}

/// A referral given at an earlier call, as the history shows it.
public struct GivenReferral: Equatable, Sendable {
    public var kind: ReferralKind
    public var name: String
    public init(kind: ReferralKind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// Another call with the same caller code, as the review links it.
public struct LinkedCall: Equatable, Sendable {
    public var callID: String
    public var pickedUpAt: Date
    public var operatorName: String
    public init(callID: String, pickedUpAt: Date, operatorName: String) {
        self.callID = callID
        self.pickedUpAt = pickedUpAt
        self.operatorName = operatorName
    }
}

/// One read of a caller's history, as the audit keeps it: who, when, from which call, how many
/// calls were shown. Append-only.
public struct CallerHistoryRead: Equatable, Sendable {
    public var code: String
    public var forCall: String
    public var at: Date
    public var by: String
    public var callsShown: Int

    public init(code: String, forCall: String, at: Date, by: String, callsShown: Int) {
        self.code = code
        self.forCall = forCall
        self.at = at
        self.by = by
        self.callsShown = callsShown
    }
}

/// Caller codes over a time, for the activity report: codes given, calls that carried a code,
/// and repeat calls (a call whose code an earlier saved call already carried).
public struct CallerCodeFigures: Equatable, Sendable {
    public var codesIssued: Int
    public var callsWithCode: Int
    public var repeatCalls: Int

    public init(codesIssued: Int = 0, callsWithCode: Int = 0, repeatCalls: Int = 0) {
        self.codesIssued = codesIssued
        self.callsWithCode = callsWithCode
        self.repeatCalls = repeatCalls
    }
}

extension CallerHistoryCall {
    /// Motifs as stored (comma-separated raw values); unknown ones are kept out.
    public static func motifs(fromStored text: String?) -> [CallMotif] {
        (text ?? "").split(separator: ",").compactMap { CallMotif(rawValue: String($0)) }
    }

    /// Given referrals as stored by the history's read (`kind:name` per line).
    public static func referrals(fromStored text: String?) -> [GivenReferral] {
        (text ?? "").split(separator: "\n").compactMap { line -> GivenReferral? in
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let kind = ReferralKind(rawValue: String(parts[0])) else { return nil }
            return GivenReferral(kind: kind, name: String(parts[1]))
        }
    }
}
