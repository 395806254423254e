import EcouteCore
import Foundation

/// The handoff form, and the handoffs shown to the next shift.
enum HandoffView {
    static func drawForm(_ model: AppModel, _ form: HandoffForm, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 76)
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 4, left: left, width: width, height: 16, title: s["handoff.title"])
        let textWidth = width - 4
        if let facts = form.facts {
            Layout.putWrapped(&grid, summary(facts, s), row: top, column: inner, width: textWidth, maxRows: 2, style: .bold)
        } else {
            grid.put(s["handoff.counting"], row: top, column: inner, style: .dim, maxWidth: textWidth)
        }
        let noteRows = Layout.putWrapped(&grid, s["handoff.note"], row: top + 2, column: inner, width: textWidth, maxRows: 3, style: .dim)
        let callsRow = top + 2 + max(2, noteRows)
        // The unfinished calls, each with whom it goes to (three at most in view, around the selection).
        let calls = form.facts?.callsInProgress ?? []
        let first = max(0, min(form.selectedCall - 1, calls.count - 3))
        for (row, index) in calls.indices.dropFirst(first).prefix(3).enumerated() {
            let call = calls[index]
            let to = form.handedOver.contains(call) ? s.format("handoff.call.done", form.recipients[call] ?? s["handoff.call.supervisors"])
                : form.recipients[call].map { s.format("handoff.call.toColleague", $0) } ?? s["handoff.call.toSupervisors"]
            grid.put((index == form.selectedCall ? "▸ " : "  ") + s.format("handoff.call", String(call.prefix(8)), to),
                     row: callsRow + row, column: inner, style: index == form.selectedCall ? .bold : .normal, maxWidth: textWidth)
        }
        let textRow = callsRow + min(calls.count, 3) + (calls.isEmpty ? 0 : 1)
        let label = grid.put(s["handoff.text"] + " ", row: textRow, column: inner, maxWidth: textWidth)
        TextFieldView.drawLine(form.text, into: &grid, row: textRow, column: label, width: inner + textWidth - label)
        if let refusal = form.refusal {
            Layout.putWrapped(&grid, refusal, row: textRow + 1, column: inner, width: textWidth, maxRows: 2, style: .alert)
        }
        var notices: [String] = []
        if !form.answeredElsewhere.isEmpty {
            let hosts = Set(form.answeredElsewhere.map(\.console.host)).sorted().joined(separator: ", ")
            notices.append(s.format("handoff.answeredElsewhere", "\(form.answeredElsewhere.count)", hosts))
        }
        if !form.handovers.isEmpty, form.colleagues.isEmpty, !form.writeFailed { notices.append(s["handoff.noColleague"]) }
        if !notices.isEmpty, form.refusal == nil {
            Layout.putWrapped(&grid, notices.joined(separator: " · "), row: textRow + 1, column: inner, width: textWidth, maxRows: 2, style: .dim)
        }
        Layout.putWrapped(&grid, KeyHint.line(HandoffKeymap.shown(form), s), row: top + 12, column: inner, width: textWidth, maxRows: 2,
                          style: .dim)
    }

    /// The counted part in words: « 1 appel non terminé remis · 2 suites dues · … », and the
    /// colleagues calls went to (the others went to the supervisors).
    static func summary(_ h: ShiftHandoff, _ s: Strings) -> String {
        let counts = s.format("handoff.summary", "\(h.callsInProgress.count)", "\(h.followUpsDue)", "\(h.callbacksOpen)", "\(h.alertsOpen)")
        let colleagues = Set(h.handedTo.values).sorted()
        return colleagues.isEmpty ? counts : counts + " · " + s.format("handoff.handedTo", colleagues.joined(separator: ", "))
    }

    /// One handoff on a line (or two): who, when, what was left, their words.
    static func line(_ h: ShiftHandoff, _ s: Strings, timeZone: TimeZone) -> String {
        // Their words first (the count is the same shape every time), then the count.
        s.format("handoff.line", h.operatorName, Formatting.dayAndTime(h.writtenAt, timeZone: timeZone) { s["weekday.\($0)"] },
                 (h.text.isEmpty ? "" : "« " + h.text + " » — ") + summary(h, s))
    }
}
