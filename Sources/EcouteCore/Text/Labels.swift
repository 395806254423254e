import Foundation

/// Domain values as people read them, in the UI language: shared by the screens and the
/// reports, so a label or a flag is worded once.
public enum Labels {
    /// What makes a text look identifying, in words (« un numéro de téléphone, une adresse e-mail »).
    public static func concerns(_ concerns: [NotesPolicy.Concern], _ s: Strings) -> String {
        concerns.map { s["notes.concern.\($0.rawValue)"] }.joined(separator: ", ")
    }

    /// A corrected field's name as a supervisor reads it (« Classification », not « level »).
    public static func auditField(_ field: String, _ s: Strings) -> String {
        (CorrectableField.allCases.map(\.rawValue) + ["phase", "operator", CallHandover.auditField, UnsavedVersion.auditField, CallLine.sealedAuditField]).contains(field)
            ? s["review.field.\(field)"] : field
    }

    /// A corrected value as a supervisor reads it: yes and no in words, the rest as kept.
    public static func auditValue(_ value: String?, _ s: Strings) -> String {
        switch value {
        case nil: return "—"
        case "yes"?: return s["yes"]
        case "no"?: return s["no"]
        case let v?: return v.isEmpty ? "—" : v
        }
    }

    /// A takeover in words: when and by whom, and who held the call until when.
    /// « Remis le … par alice à bob en fin de permanence » (or « aux cadres »).
    public static func handover(_ h: RecordedHandover, _ s: Strings, time: (Date) -> String) -> String {
        s.format("review.call.handover", time(h.at), h.by, h.to.map { s.format("review.call.handover.to", $0) } ?? s["review.call.handover.toSupervisors"])
    }

    public static func takeover(_ t: CallTakeover, _ s: Strings, time: (Date) -> String) -> String {
        let by = "\(t.by.host), pid \(t.by.pid)"
        guard let from = t.from else { return s.format("review.call.takeoverFree", time(t.at), t.by.operatorName, by) }
        return s.format("review.call.takeover", time(t.at), t.by.operatorName, by, time(from.heartbeatAt), from.console.operatorName,
                        "\(from.console.host), pid \(from.console.pid)")
    }

    /// What a report says of a protocol step not done: the reason given (its words only with the
    /// notes, « explained » without), or « unexplained » — keyed by the step's raw value.
    public static func stepsNotDone(_ e: EmergencyProtocol?, withNotes: Bool) -> [(step: EmergencyStep, text: String)] {
        guard let e else { return [] }
        return e.pendingSteps.map { step in
            let reason = e.skipped[step] ?? ""
            return (step, reason.isEmpty ? "unexplained" : (withNotes ? reason : "explained"))
        }
    }

    /// Who called, as a key: a profession's raw value, or "student", "family", "other", "unknown".
    public static func callerKey(_ p: CallerProfile) -> String {
        p.category == .professional ? (p.profession?.rawValue ?? "unknown") : (p.category?.rawValue ?? "unknown")
    }

    /// A caller key (`callerKey`) in words.
    public static func caller(_ key: String, _ s: Strings) -> String {
        if key.isEmpty || key == "unknown" { return s["report.unknown"] }
        if key == CallerCategory.student.rawValue { return s["status.student"] }
        if Profession(rawValue: key) != nil { return s["profession.\(key)"] }
        return s["category.\(key)"]
    }

    /// Who called, in words: the profession when known, else the category ("professional",
    /// "family"…), else "unknown".
    public static func caller(_ p: CallerProfile, _ s: Strings) -> String {
        caller(p.category == .professional ? (p.profession?.rawValue ?? "professional") : (p.category?.rawValue ?? ""), s)
    }

    /// An entry's opening now, in words (« ouvert », « ouvre à 14h », « ouvre lun. 9h »), at `date`
    /// in the entry's own time zone; hours that cannot be read are given as written; « horaires
    /// inconnus » when the source gave none.
    public static func opening(_ hours: String, departement: String?, at date: Date, _ s: Strings) -> String {
        // Foundation's trimming is a tenth of a directory row's drawing: only when needed.
        let edges = [hours.unicodeScalars.first, hours.unicodeScalars.last].compactMap { $0 }
        let written = edges.allSatisfy({ $0.isASCII && $0 != " " && $0 != "\t" }) ? hours : hours.trimmingCharacters(in: .whitespaces)
        // A source that gives no hours is said so: never left for « open » to be assumed.
        guard !written.isEmpty else { return s["hours.unknown"] }
        return openingStatus(written, departement: departement, at: date, s) ?? written
    }

    /// The same, only for hours that could be read; nil otherwise.
    public static func openingStatus(_ hours: String, departement: String?, at date: Date, _ s: Strings) -> String? {
        guard let status = OpeningHours.read(hours)?.status(at: date, in: OpeningHours.timeZone(departement: departement)) else {
            return nil
        }
        switch status {
        case .alwaysOpen: return s["hours.alwaysOpen"]
        case .open: return s["hours.open"]
        case .opensToday(let minute): return s.format("hours.opensToday", clock(minute, s))
        case .opensOn(let weekday, let minute): return s.format("hours.opensOn", s["weekday.\(weekday)"], clock(minute, s))
        }
    }

    /// A time of day as the language writes it (« 9h », « 8h30 »; "9:00").
    static func clock(_ minute: Int, _ s: Strings) -> String {
        let (h, m) = (minute / 60, minute % 60)
        return m == 0 ? s.format("hours.clock", "\(h)") : s.format("hours.clockMinutes", "\(h)", Formatting.zeroPadded(m))
    }

    /// "42 %", or "—" when there is nothing to divide.
    /// Rounded as `%.0f` rounds: to the nearest, a tie to the even (12.5 → 12).
    public static func percent(_ share: Double?) -> String {
        guard let share else { return "—" }
        let rounded = (share * 100).rounded(.toNearestOrEven)
        return rounded.isFinite ? "\(Int(rounded)) %" : "—"
    }

    /// A bar of about `width` cells for `value` out of `maximum` (at least one cell when not zero).
    public static func bar(_ value: Int, of maximum: Int, width: Int) -> String {
        guard maximum > 0, value > 0 else { return "" }
        return String(repeating: "█", count: max(1, Int((Double(value) / Double(maximum) * Double(width)).rounded())))
    }

    /// A level 4–5 call's state: "✓" when nothing is missing, else "⚠ " and what is (not saved,
    /// referral kinds, protocol steps), in short words for screens or in full for reports.
    public static func riskFlag(_ r: ShiftSummary.RiskyCall, _ s: Strings, short: Bool) -> String {
        let suffix = short ? ".short" : ""
        let missing = r.missingReferrals.map { s["kind.\($0.rawValue)\(suffix)"] } + r.missingSteps.map { s["step.\($0.rawValue)\(suffix)"] }
        return missing.isEmpty ? "✓" : "⚠ " + missing.joined(separator: ", ")
    }

    /// Why a required referral was not given, in words (the psychologist's own for « other »).
    public static func gap(_ gap: ReferralGap, _ s: Strings) -> String {
        gap.reason == .other && !gap.note.isEmpty ? gap.note : s["gap.\(gap.reason.rawValue)"]
    }

    /// A debrief value (as `Debrief` keeps it) in words.
    public static func debriefValue(_ field: Debrief.Field, _ raw: String?, _ s: Strings, lines: [CallLine] = []) -> String {
        guard let raw else { return s["debrief.none"] }
        switch field {
        case .line: return lines.first { $0.id == raw }?.name(s.language) ?? raw
        case .lineCategory: return lines.lazy.compactMap { $0.category(raw) }.first?.label(s.language) ?? raw
        case .motifs: return raw.split(separator: ",").map { s["motif.\($0)"] }.joined(separator: ", ")
        case .category: return s["category.\(raw)"]
        case .sector: return s["sector.\(raw)"]
        case .repeatCaller: return raw == "yes" ? s["repeat.yes"] : s["repeat.no"]
        case .profession: return s["profession.\(raw)"]
        case .status: return s["status.\(raw)"]
        case .level: return ClassificationLevel(rawValue: Int(raw) ?? -1).map { "\($0.rawValue) " + s[$0.stringKey] } ?? raw
        case .addiction, .hospitalisation, .meansAtHand, .supervisorCallback: return raw == "yes" ? s["yes"] : s["no"]
        case .urgence, .dangerosite: return s["rud.degree.\(raw)"]
        case .departement, .emergencyProtocol: return raw
        }
    }

    /// When the protocol was opened against the caller's disclosure, in words (nil: nothing to say).
    public static func protocolTiming(_ d: Debrief, _ s: Strings) -> String? {
        guard let disclosure = d.disclosureAt else { return nil }
        guard let after = d.protocolAfterDisclosure else { return s.format("debrief.protocol.never", Formatting.duration(disclosure)) }
        return s.format(after >= 0 ? "debrief.protocol.after" : "debrief.protocol.before", Formatting.duration(abs(after)),
                        Formatting.duration(disclosure))
    }

    /// Referral kinds in words, or "none".
    public static func kinds(_ kinds: [ReferralKind], _ s: Strings) -> String {
        kinds.isEmpty ? s["debrief.none"] : kinds.map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")
    }

    /// A debrief's referrals: given as expected, missed, and beyond what was expected (the last is
    /// not a fault); each line with whether it is good news.
    public static func debriefReferralLines(_ d: Debrief, _ s: Strings) -> [(String, Bool)] {
        var lines = [(s.format("debrief.referrals.matched", kinds(d.referralsMatched, s)), true)]
        if !d.referralsMissed.isEmpty { lines.append((s.format("debrief.referrals.missed", kinds(d.referralsMissed, s)), false)) }
        if !d.referralsExtra.isEmpty { lines.append((s.format("debrief.referrals.extra", kinds(d.referralsExtra, s)), true)) }
        return lines
    }
}
