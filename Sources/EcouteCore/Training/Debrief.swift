import Foundation

/// What a trainee did on a scripted call, beside what the scenario expected.
public struct Debrief: Equatable, Sendable {
    /// One thing checked: the trainee's answer, the expected one, and whether they agree.
    public struct Item: Equatable, Sendable {
        public var field: Field
        public var entered: String?
        public var expected: String?
        public var matches: Bool
    }

    public enum Field: String, CaseIterable, Sendable {
        case line, lineCategory
        case category, profession, status, sector, departement, repeatCaller, level, addiction, hospitalisation, emergencyProtocol
        case urgence, dangerosite, meansAtHand, supervisorCallback, motifs
    }

    public var scenario: Scenario
    /// The lines configured, to name a line and its categories in the debrief.
    public var lines: [CallLine] = []
    public var items: [Item]
    /// Expected referral kinds the trainee gave, missed, and gave beyond the expected ones.
    public var referralsMatched: [ReferralKind]
    public var referralsMissed: [ReferralKind]
    public var referralsExtra: [ReferralKind]
    /// Demo time from pick-up to save.
    public var callDuration: TimeInterval
    /// Level 5 with a disclosure in the script: when the protocol was opened relative to it
    /// (negative: before the caller said it), and when the disclosure came.
    public var protocolAfterDisclosure: TimeInterval?
    public var disclosureAt: TimeInterval?

    public var score: (matched: Int, total: Int) {
        let matched = items.filter(\.matches).count + referralsMatched.count
        return (matched, items.count + referralsMatched.count + referralsMissed.count)
    }

    /// Compares a saved call with its scenario. Profile fields the scenario leaves out are not
    /// checked; referral kinds are compared as a multiset (three emergency numbers count three).
    public static func compare(_ scenario: Scenario, _ call: CallDraft) -> Debrief { compare(scenario, call, callbackRequested: false) }

    /// `callbackRequested`: whether the trainee asked a supervisor's callback for the call; `lines`:
    /// the lines configured, which name a line and its categories.
    public static func compare(_ scenario: Scenario, _ call: CallDraft, callbackRequested: Bool, lines: [CallLine] = []) -> Debrief {
        var items: [Item] = []
        let caller = scenario.caller
        let profile = call.profile
        func add<T: Equatable>(_ field: Field, _ entered: T?, _ expected: T?, _ text: (T) -> String) {
            guard let expected else { return }
            items.append(Item(field: field, entered: entered.map(text), expected: text(expected), matches: entered == expected))
        }
        // The line only for a scenario that names one (every other is the health line's).
        add(.line, call.lineID, scenario.line, { $0 })
        add(.lineCategory, profile.lineCategory, caller.lineCategory, { $0 })
        add(.category, profile.category, caller.category, \.rawValue)
        add(.profession, profile.profession, caller.profession, \.rawValue)
        add(.status, profile.status, caller.status, \.rawValue)
        add(.sector, profile.sector, caller.sector, \.rawValue)
        add(.departement, profile.departement, caller.departement, { $0 })
        add(.repeatCaller, profile.isRepeatCaller, caller.isRepeatCaller, { $0 ? "yes" : "no" })
        add(.level, call.level, scenario.expected.level, { "\($0.rawValue)" })
        add(.addiction, call.addiction, scenario.expected.addiction, { $0 ? "yes" : "no" })
        add(.hospitalisation, call.hospitalisation, scenario.expected.hospitalisation, { $0 ? "yes" : "no" })
        add(.urgence, call.assessment?.urgence, scenario.expected.urgence, \.rawValue)
        add(.dangerosite, call.assessment?.dangerosite, scenario.expected.dangerosite, \.rawValue)
        add(.meansAtHand, call.assessment?.meansAtHand, scenario.expected.meansAtHand, { $0 ? "yes" : "no" })
        add(.supervisorCallback, callbackRequested, scenario.expected.supervisorCallback, { $0 ? "yes" : "no" })
        // Motifs: the same main motif first, and the same ones (in any order after it).
        if let expected = scenario.expected.motifs {
            let entered = call.motifs ?? []
            items.append(Item(field: .motifs, entered: entered.isEmpty ? nil : CallMotif.text(entered), expected: CallMotif.text(expected),
                              matches: entered.first == expected.first && Set(entered) == Set(expected)))
        }
        if scenario.expected.level == .imminentRisk {
            let done = call.emergency?.steps.count ?? 0
            items.append(Item(field: .emergencyProtocol, entered: "\(done)/\(EmergencyStep.allCases.count)",
                              expected: "\(EmergencyStep.allCases.count)/\(EmergencyStep.allCases.count)",
                              matches: done == EmergencyStep.allCases.count))
        }
        var given = call.referrals.filter { $0.status == .given }.map(\.kind)
        var matched: [ReferralKind] = []
        var missed: [ReferralKind] = []
        for kind in scenario.expected.referralKinds {
            if let i = given.firstIndex(of: kind) {
                given.remove(at: i)
                matched.append(kind)
            } else {
                missed.append(kind)
            }
        }
        let end = call.savedAt ?? call.endedAt ?? call.updatedAt
        let disclosure = scenario.expected.level == .imminentRisk ? scenario.disclosureAt : nil
        let opened = call.emergency.map { $0.openedAt.timeIntervalSince(call.pickedUpAt) }
        var debrief = Debrief(scenario: scenario, items: items, referralsMatched: matched, referralsMissed: missed,
                              referralsExtra: given, callDuration: max(0, end.timeIntervalSince(call.pickedUpAt)),
                              protocolAfterDisclosure: disclosure.flatMap { d in opened.map { $0 - d } }, disclosureAt: disclosure)
        debrief.lines = lines
        return debrief
    }
}
