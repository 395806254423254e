import Foundation

/// The version of a call that a console could not write because another console took the call
/// over: what it had, in a few stable words, kept with the call's audit trail for supervisors.
public enum UnsavedVersion {
    /// The audit field under which it is kept.
    public static let auditField = "unsavedVersion"
    private static let utc = TimeZone(identifier: "UTC")!

    /// Why it is kept, in stored words: which console had it, and who holds the call now.
    public static func reason(console: ConsoleIdentity, holder: CallHolder?) -> String {
        let mine = "kept by the console of \(console.operatorName) on \(console.host) (pid \(console.pid))"
        guard let holder else { return mine + ": the call was taken over" }
        return mine + ": the call was taken over by the console of \(holder.console.operatorName) on \(holder.console.host) "
            + "(pid \(holder.console.pid))"
    }

    /// The draft as one line of JSON (sorted keys, stored values): phase, times, profile, level,
    /// referrals given, protocol steps, notes and follow-up.
    public static func summary(_ d: CallDraft) -> String {
        var object: [String: Any] = [
            "phase": d.phase.rawValue,
            "picked_up_at": Formatting.isoTimestamp(d.pickedUpAt, timeZone: utc),
            "updated_at": Formatting.isoTimestamp(d.updatedAt, timeZone: utc),
            "addiction": d.addiction,
            "hospitalisation": d.hospitalisation,
            "referrals_given": d.referrals.filter { $0.status == .given }.map { "\($0.kind.rawValue): \($0.name)" },
            "notes": d.notes,
        ]
        if let ended = d.endedAt { object["ended_at"] = Formatting.isoTimestamp(ended, timeZone: utc) }
        if let level = d.level { object["level"] = level.rawValue }
        if let profession = d.profile.profession { object["profession"] = profession.rawValue }
        if let category = d.profile.category { object["caller"] = category.rawValue }
        if let departement = d.profile.departement { object["departement"] = departement }
        if let followUp = d.followUp { object["follow_up"] = followUp }
        if let emergency = d.emergency {
            object["emergency_steps"] = EmergencyStep.allCases.compactMap { step in
                emergency.steps[step].map { "\(step.rawValue) \(Formatting.isoTimestamp($0, timeZone: utc))" }
                    ?? emergency.skipped[step].map { "\(step.rawValue) not done: \($0)" }
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
