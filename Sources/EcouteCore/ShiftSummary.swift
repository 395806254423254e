import Foundation

/// The figures of a shift (or of any set of calls) for supervisors: volume, durations against the
/// line's 25-minute reference, classification, who called, what was given, and every level 4–5
/// call with what the protocol still lacks.
public struct ShiftSummary: Equatable, Sendable {
    public static let referenceDuration: TimeInterval = 25 * 60

    public var callCount: Int
    /// Calls not saved yet (in progress, or interrupted and not resumed).
    public var openCount: Int
    /// Over calls that have ended (hung up or dropped).
    public var totalDuration: TimeInterval
    public var meanDuration: TimeInterval?
    public var medianDuration: TimeInterval?
    public var longestDuration: TimeInterval?
    public var overReferenceCount: Int
    /// Classified calls per level, and how many of them with addiction.
    public var levels: [ClassificationLevel: Int]
    public var levelsWithAddiction: [ClassificationLevel: Int]
    /// Who called: a profession's raw value, or "student", "family", "other", "unknown".
    public var callers: [String: Int]
    /// Employment status raw value, or "unknown".
    public var statuses: [String: Int]
    /// Referrals given (not declined), by kind.
    public var referralsGiven: [ReferralKind: Int]
    /// Calls picked up in each hour of the day (0–23, local time).
    public var callsByHour: [Int: Int]
    public var riskyCalls: [RiskyCall]
    /// Saved, classified calls whose given referrals follow the rule for their level.
    public var adherentCount: Int
    public var classifiedSavedCount: Int

    public var classifiedCount: Int { levels.values.reduce(0, +) }
    public var addictionShare: Double? {
        classifiedCount == 0 ? nil : Double(levelsWithAddiction.values.reduce(0, +)) / Double(classifiedCount)
    }
    public var adherence: Double? {
        classifiedSavedCount == 0 ? nil : Double(adherentCount) / Double(classifiedSavedCount)
    }

    /// A level 4 or 5 call and what it still lacks.
    public struct RiskyCall: Equatable, Sendable {
        public var call: CallDraft
        public var duration: TimeInterval?
        /// Referral kinds the rules require that were not given.
        public var missingReferrals: [ReferralKind]
        /// Level 5: emergency protocol steps not done (all of them when it was never opened).
        public var missingSteps: [EmergencyStep]
        public var isOpen: Bool

        public var isComplete: Bool { missingReferrals.isEmpty && missingSteps.isEmpty && !isOpen }
    }

    public static func compute(_ calls: [CallDraft], timeZone: TimeZone) -> ShiftSummary {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let ended = calls.compactMap { c in c.endedAt.map { $0.timeIntervalSince(c.pickedUpAt) } }.sorted()
        let total = ended.reduce(0, +)
        var median: TimeInterval?
        if !ended.isEmpty {
            let mid = ended.count / 2
            median = ended.count % 2 == 1 ? ended[mid] : (ended[mid - 1] + ended[mid]) / 2
        }
        var summary = ShiftSummary(
            callCount: calls.count, openCount: calls.filter { $0.phase != .saved }.count,
            totalDuration: total, meanDuration: ended.isEmpty ? nil : total / Double(ended.count),
            medianDuration: median, longestDuration: ended.last,
            overReferenceCount: ended.filter { $0 >= referenceDuration }.count,
            levels: [:], levelsWithAddiction: [:], callers: [:], statuses: [:], referralsGiven: [:], callsByHour: [:],
            riskyCalls: [], adherentCount: 0, classifiedSavedCount: 0)
        for call in calls {
            let p = call.profile
            let caller = p.category == .professional ? (p.profession?.rawValue ?? "unknown") : (p.category?.rawValue ?? "unknown")
            summary.callers[caller, default: 0] += 1
            summary.statuses[p.status?.rawValue ?? "unknown", default: 0] += 1
            summary.callsByHour[calendar.component(.hour, from: call.pickedUpAt), default: 0] += 1
            for referral in call.referrals where referral.status == .given {
                summary.referralsGiven[referral.kind, default: 0] += 1
            }
            guard let level = call.level else { continue }
            summary.levels[level, default: 0] += 1
            if call.addiction { summary.levelsWithAddiction[level, default: 0] += 1 }
            if call.phase == .saved {
                summary.classifiedSavedCount += 1
                if call.missingReferralKinds.isEmpty { summary.adherentCount += 1 }
            }
            if level.rawValue >= ClassificationLevel.suicidalIdeation.rawValue {
                let steps = level == .imminentRisk
                    ? EmergencyStep.allCases.filter { call.emergency?.steps[$0] == nil } : []
                summary.riskyCalls.append(RiskyCall(
                    call: call, duration: call.endedAt.map { $0.timeIntervalSince(call.pickedUpAt) },
                    missingReferrals: call.missingReferralKinds, missingSteps: steps, isOpen: call.phase != .saved))
            }
        }
        return summary
    }
}
