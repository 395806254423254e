import EcouteCore
import Foundation

/// One call, read-only, with its corrections.
enum ReviewCallView {
    static func draw(_ m: ReviewModel, _ area: Layout.Area, into grid: inout Grid) {
        let s = m.strings
        guard let c = m.openCall else { return }
        var r = area.top
        let duration = c.durationSeconds.map { Formatting.duration(TimeInterval($0)) } ?? "--:--"
        grid.put(" " + s.format("review.call.title", ReviewView.dayAndTime(c.pickedUpAt, m), duration, c.operatorName),
                 row: r, column: 0, style: .bold, maxWidth: grid.width - 1)
        r += 1
        // The call's line, and the caller's category there, in the lines' words when configured.
        let line = m.lines.first { $0.id == c.lineID }
        let lineCategory = c.profile.lineCategory.map { id in line?.category(id)?.label(s.language) ?? id }
        let profile = [s["field.line"] + " " + (line?.short ?? c.lineID), lineCategory ?? Labels.caller(c.profile, s), c.profile.status.map { s["status.\($0.rawValue)"] },
                       c.profile.departement, c.profile.isRepeatCaller.map { $0 ? s["repeat.yes"] : s["repeat.no"] }]
            .compactMap { $0 }.joined(separator: " · ")
        grid.put(" " + profile, row: r, column: 0, maxWidth: grid.width - 1)
        r += 1
        let level = c.level.map { "\($0.rawValue) " + s[$0.stringKey] + (c.addiction ? " · " + s["wrapUp.withAddiction"] : "") } ?? "—"
        grid.put(" " + s.format("review.call.level", level) + (c.hospitalisation ? " · " + s["review.call.hospitalisation"] : ""),
                 row: r, column: 0, maxWidth: grid.width - 1)
        r += 1
        if let e = c.emergency {
            let steps = EmergencyStep.allCases.map { step in
                // A step not done shows the reason given for it.
                s["step.\(step.rawValue).short"] + " " + (e.steps[step].map { Formatting.clock($0, timeZone: m.timeZone) }
                    ?? "✗" + ((e.skipped[step] ?? "").isEmpty ? "" : " (\(e.skipped[step]!))"))
            }.joined(separator: " · ")
            r += Layout.putWrapped(&grid, s.format("review.call.protocol", Formatting.clock(e.openedAt, timeZone: m.timeZone), steps),
                                   row: r, column: 1, width: grid.width - 2, maxRows: 2,
                                   style: e.steps.count == EmergencyStep.allCases.count ? .normal : .warn)
        }
        if let motifs = c.motifs, !motifs.isEmpty {
            grid.put(" " + s.format("review.call.motifs", motifs.map { s[$0.stringKey] }.joined(separator: ", ")), row: r, column: 0,
                     maxWidth: grid.width - 1)
            r += 1
        }
        if let a = c.assessment {
            r += Layout.putWrapped(&grid, s.format("review.call.assessment", Labels.assessment(a, s)), row: r, column: 1,
                                   width: grid.width - 2, maxRows: 2)
        }
        r += 1
        grid.put(" " + s["review.call.referrals"], row: r, column: 0, style: .bold)
        r += 1
        // Referrals and the reasons for those not given, as many as fit; the rest counted (« … +3 autres »).
        let lines: [(String, TextStyle)] = c.referrals.map { ref in
            ("  \(ref.status == .given ? "✓" : "✗") " + s["kind.\(ref.kind.rawValue)"] + " — " + ref.name, .normal)
        } + c.referralGaps.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map { kind, gap in
            ("  · " + s.format("review.call.gap", s["kind.\(kind.rawValue)"], Labels.gap(gap, s)), .dim)
        }
        let room = max(1, area.bottom - 5 - r)
        let shown = lines.count > room ? room - 1 : lines.count
        for (text, style) in lines.prefix(shown) {
            grid.put(text, row: r, column: 0, style: style, maxWidth: grid.width - 2)
            r += 1
        }
        if shown < lines.count {
            grid.put("  … " + s.format("review.more", "\(lines.count - shown)"), row: r, column: 0, style: .dim, maxWidth: grid.width - 2)
            r += 1
        }
        let missing = c.unjustifiedReferralKinds
        if !missing.isEmpty {
            grid.put("  ⚠ " + s.format("review.call.missing", missing.map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")),
                     row: r, column: 0, style: .warn, maxWidth: grid.width - 2)
            r += 1
        }
        if let followUp = c.followUp {
            grid.put("  " + s.format("review.call.followUp", followUp), row: r, column: 0, maxWidth: grid.width - 2)
            r += 1
        }
        if !c.notes.isEmpty {
            r += Layout.putWrapped(&grid, s["review.call.notes"] + " " + c.notes, row: r, column: 1, width: grid.width - 2,
                                   maxRows: 2, style: .dim)
        }
        if let status = m.followUpStatus {
            grid.put("  ⏲ " + FollowUpLabels.line(status, s, timeZone: m.timeZone), row: r, column: 0,
                     style: status.outcome == .overdue ? .warn : .normal, maxWidth: grid.width - 2)
            r += 1
        }
        // The same caller's other calls, linked by the code they gave.
        if !m.linkedCalls.isEmpty {
            let list = m.linkedCalls.map { ReviewView.dayAndTime($0.pickedUpAt, m) + " (" + $0.operatorName + ")" }.joined(separator: ", ")
            r += Layout.putWrapped(&grid, "↔ " + s.format("review.call.linked", "\(m.linkedCalls.count)", list), row: r, column: 1,
                                   width: grid.width - 2, maxRows: 2)
        }
        // Handovers at the end of a shift: who handed the call to whom (they are no corrections).
        for h in m.audit.compactMap(RecordedHandover.init) where r < area.bottom - 2 {
            r += Layout.putWrapped(&grid, "⇄ " + Labels.handover(h, s) { ReviewView.dayAndTime($0, m) }, row: r, column: 1,
                                   width: grid.width - 2, maxRows: 2)
        }
        // Takeovers: who had the call, until when, and who took it over.
        for t in m.takeovers where r < area.bottom - 2 {
            r += Layout.putWrapped(&grid, "⇄ " + Labels.takeover(t, s) { ReviewView.dayAndTime($0, m) }, row: r, column: 1,
                                   width: grid.width - 2, maxRows: 2, style: .warn)
        }
        r += 1
        grid.put(" " + s["review.call.audit"], row: r, column: 0, style: .bold)
        r += 1
        let corrections = m.audit.filter { RecordedHandover($0) == nil }
        if corrections.isEmpty {
            grid.put("  " + s["review.call.noAudit"], row: r, column: 0, style: .dim)
        }
        for entry in corrections where r <= area.bottom {
            let line = Formatting.timestamp(entry.at, timeZone: m.timeZone) + " · " + entry.by + " · " + Labels.auditField(entry.field, s)
                + " : " + Labels.auditValue(entry.oldValue, s) + " → " + Labels.auditValue(entry.newValue, s) + " — " + entry.reason
            r += Layout.putWrapped(&grid, line, row: r, column: 2, width: grid.width - 3, maxRows: area.bottom - r + 1)
        }
    }
}
