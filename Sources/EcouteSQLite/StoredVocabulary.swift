import EcouteCore

/// The stored enum columns a report reads, with the values this version knows: a value outside
/// them (written by hand, or by a newer version) is read as unknown, never as a failure, and
/// `ecoute check` counts it on either engine.
package enum StoredVocabulary {
    package static var columns: [(table: String, column: String, values: [String])] {
        let kinds = ReferralKind.allCases.map(\.rawValue)
        return [
            ("calls", "phase", CallPhase.allCases.map(\.rawValue)),
            ("calls", "phase_before_emergency", CallPhase.allCases.map(\.rawValue)),
            ("calls", "end_reason", ["hungUp", "dropped", "interrupted"]),
            ("calls", "caller_category", CallerCategory.allCases.map(\.rawValue)),
            ("calls", "profession", Profession.allCases.map(\.rawValue)),
            ("calls", "status", EmploymentStatus.allCases.map(\.rawValue)),
            ("calls", "sector", Sector.allCases.map(\.rawValue)),
            ("calls", "level", ClassificationLevel.allCases.map { "\($0.rawValue)" }),
            ("call_referrals", "kind", kinds),
            ("call_referrals", "status", ["proposed", "given", "declined"]),
            ("call_referrals", "origin", ["proposed", "chosen"]),
            ("call_referrals", "tier", ReferralTier.allCases.map { "\($0.rawValue)" }),
            ("call_referral_gaps", "kind", kinds),
            ("call_referral_gaps", "reason", ReferralGapReason.allCases.map(\.rawValue)),
            ("alerts", "reason", AlertReason.allCases.map(\.rawValue)),
            ("alerts", "level", ClassificationLevel.allCases.map { "\($0.rawValue)" }),
        ]
    }

    /// The rows holding values outside the vocabulary, column by column, as `check` reports them.
    package static func problem(table: String, column: String, count: Int, seen: String) -> StoreProblem {
        StoreProblem(.integrity,
                     "\(count) value(s) of \(table).\(column) unknown to this version (\(seen)): reports show them as unknown — correct them, or upgrade ecoute")
    }
}
