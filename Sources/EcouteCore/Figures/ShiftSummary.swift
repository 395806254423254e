import Foundation

/// The figures of a shift (or of any set of calls) for supervisors: volume, durations against the
/// line's 25-minute reference, classification, who called, what was given, and every level 4–5
/// call with what the protocol still lacks. Every figure comes from saved calls only; calls not
/// saved yet (in progress, or interrupted and not resumed) are listed apart and counted nowhere.
/// Durations are the calls' whole seconds (`WholeSeconds`).
public struct ShiftSummary: Equatable, Sendable {
    public static let referenceDuration: TimeInterval = 25 * 60

    /// Saved calls.
    public var callCount: Int
    /// Calls not saved yet, oldest first: never in the figures.
    public var unfinished: [CallDraft]
    /// Over saved calls.
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
    /// Calls by the caller's département code ("" when not asked).
    public var departements: [String: Int]
    public var riskyCalls: [RiskyCall]
    /// Alerts raised for the saved calls, those taken, and how long they waited to be taken.
    public var alertCount: Int
    public var alertsTaken: Int
    public var meanTimeToTake: TimeInterval?
    public var longestTimeToTake: TimeInterval?
    /// Alerts the psychologist said were raised by mistake (F9 pressed by accident): counted apart,
    /// in none of the figures above.
    public var alertsRaisedByMistake = 0
    /// Classified calls whose required referrals were each given or, when not, justified (and at
    /// level 5, whose protocol steps were each done or explained).
    public var adherentCount: Int

    public var openCount: Int { unfinished.count }
    /// Share of saved calls with a duration that reached the 25-minute reference.
    public var overReferenceShare: Double? { callCount == 0 ? nil : Double(overReferenceCount) / Double(callCount) }
    public var classifiedCount: Int { levels.values.reduce(0, +) }
    public var addictionShare: Double? {
        classifiedCount == 0 ? nil : Double(levelsWithAddiction.values.reduce(0, +)) / Double(classifiedCount)
    }
    public var adherence: Double? {
        classifiedCount == 0 ? nil : Double(adherentCount) / Double(classifiedCount)
    }

    /// A saved level 4 or 5 call and what it lacks: only what reports and screens show of it,
    /// not the whole call (a report over a million calls keeps a third of a million of these).
    public struct RiskyCall: Equatable, Sendable {
        public var id: String
        public var pickedUpAt: Date
        public var operatorName: String
        public var level: ClassificationLevel
        /// When each protocol step was done (nil: the protocol was never opened).
        public var protocolSteps: [EmergencyStep: Date]?
        /// Each step not done of an opened protocol, with the reason given ("" when none).
        public var stepsNotDone: [EmergencyStep: String] = [:]
        /// Kinds of the referrals given.
        public var given: [ReferralKind]
        /// Why a required referral was not given, by kind.
        public var referralGaps: [ReferralKind: ReferralGap]
        public var duration: TimeInterval?
        /// Referral kinds the rules require that were neither given nor justified.
        public var missingReferrals: [ReferralKind]
        /// Level 5: emergency protocol steps neither done nor explained (all of them when it was
        /// never opened).
        public var missingSteps: [EmergencyStep]
        /// The call's risk assessment, when it has one.
        public var assessment: RiskAssessment? = nil

        public var isComplete: Bool { missingReferrals.isEmpty && missingSteps.isEmpty }
    }

    public static func compute(_ calls: [CallDraft], timeZone: TimeZone) -> ShiftSummary {
        var builder = Builder(timeZone: timeZone)
        for call in calls { builder.add(call) }
        return builder.summary
    }

    /// Builds a summary one call at a time, so a report can stream calls from the store: it
    /// keeps the durations (for the median) and the level 4–5 calls, never the whole set.
    public struct Builder: Sendable {
        /// The zone's offset, asked once per period between transitions (calls come in time order).
        private var offsets: UTCOffsets
        private var durations: [TimeInterval] = []
        private var takeTimes: [TimeInterval] = []
        private var partial = ShiftSummary(
            callCount: 0, unfinished: [], totalDuration: 0, meanDuration: nil, medianDuration: nil, longestDuration: nil,
            overReferenceCount: 0, levels: [:], levelsWithAddiction: [:], callers: [:], statuses: [:], referralsGiven: [:],
            callsByHour: [:], departements: [:], riskyCalls: [], alertCount: 0, alertsTaken: 0, meanTimeToTake: nil, longestTimeToTake: nil,
            adherentCount: 0)

        /// Whether `riskyCalls` lists every level 4–5 call (reports that print them) or only those
        /// whose protocol or referrals are incomplete (a report that names only those keeps a
        /// million-call period's memory down).
        private let keepingCompleteRiskyCalls: Bool

        public init(timeZone: TimeZone, keepingCompleteRiskyCalls: Bool = true) {
            offsets = UTCOffsets(timeZone)
            self.keepingCompleteRiskyCalls = keepingCompleteRiskyCalls
        }

        public mutating func add(_ call: CallDraft) {
            guard call.phase == .saved else {
                partial.unfinished.append(call)
                return
            }
            partial.callCount += 1
            if let seconds = call.durationSeconds { durations.append(TimeInterval(seconds)) }
            partial.callers[Labels.callerKey(call.profile), default: 0] += 1
            partial.statuses[call.profile.status?.rawValue ?? "unknown", default: 0] += 1
            partial.callsByHour[CivilTime(call.pickedUpAt, offset: offsets.offset(for: call.pickedUpAt)).hour, default: 0] += 1
            partial.departements[call.profile.departement ?? "", default: 0] += 1
            for referral in call.referrals where referral.status == .given {
                partial.referralsGiven[referral.kind, default: 0] += 1
            }
            for alert in call.alerts {
                guard alert.raisedByMistake == nil else { partial.alertsRaisedByMistake += 1; continue }
                partial.alertCount += 1
                if let wait = alert.secondsToTake { takeTimes.append(TimeInterval(wait)) }
            }
            guard let level = call.level else { return }
            partial.levels[level, default: 0] += 1
            if call.addiction { partial.levelsWithAddiction[level, default: 0] += 1 }
            // Level 5 also counts its protocol: every step done, or not done with a reason.
            let steps = level == .imminentRisk ? (call.emergency?.unexplainedSteps ?? EmergencyStep.allCases) : []
            let unjustified = call.unjustifiedReferralKinds
            if unjustified.isEmpty && steps.isEmpty { partial.adherentCount += 1 }
            if level.rawValue >= ClassificationLevel.suicidalIdeation.rawValue {
                let risky = RiskyCall(
                    id: call.id, pickedUpAt: call.pickedUpAt, operatorName: call.operatorName, level: level,
                    protocolSteps: call.emergency?.steps, given: call.referrals.filter { $0.status == .given }.map(\.kind),
                    referralGaps: call.referralGaps, duration: call.durationSeconds.map(TimeInterval.init),
                    missingReferrals: unjustified, missingSteps: steps)
                var kept = risky
                kept.assessment = call.assessment
                if let e = call.emergency { kept.stepsNotDone = Dictionary(uniqueKeysWithValues: e.pendingSteps.map { ($0, e.skipped[$0] ?? "") }) }
                if keepingCompleteRiskyCalls || !kept.isComplete { partial.riskyCalls.append(kept) }
            }
        }

        /// The figures of every call added so far.
        public var summary: ShiftSummary {
            var s = partial
            let ended = durations.sorted()
            let total = ended.reduce(0, +)
            s.totalDuration = total
            if !ended.isEmpty {
                let mid = ended.count / 2
                s.medianDuration = ended.count % 2 == 1 ? ended[mid] : (ended[mid - 1] + ended[mid]) / 2
                s.meanDuration = total / Double(ended.count)
                s.longestDuration = ended.last
            }
            s.overReferenceCount = ended.filter { $0 >= referenceDuration }.count
            s.alertsTaken = takeTimes.count
            s.meanTimeToTake = takeTimes.isEmpty ? nil : takeTimes.reduce(0, +) / Double(takeTimes.count)
            s.longestTimeToTake = takeTimes.max()
            return s
        }
    }
}
