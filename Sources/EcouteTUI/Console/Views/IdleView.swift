import EcouteCore

/// Waiting for a call.
enum IdleView {
    static func draw(_ model: AppModel, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        let mid = area.top + max(1, area.rows / 2 - 3)
        // Until the store has said whether an unfinished call waits, the screen does not claim
        // to be ready for a new one (a call can still be picked up).
        let title = model.unfinishedChecked || model.readError != nil ? s["idle.title"] : s["idle.checking"]
        grid.put(Layout.centered(title, width: grid.width), row: mid, column: 0, style: .bold)
        grid.put(Layout.centered(s["idle.pickUp"], width: grid.width), row: mid + 2, column: 0)
        grid.put(Layout.centered(s["idle.reminder"], width: grid.width), row: mid + 4, column: 0, style: .dim)
        let average = model.lineAverage.map(Formatting.duration) ?? "--:--"
        grid.put(Layout.centered(s.format("idle.average", average, "\(AppModel.lineAverageDays)"), width: grid.width), row: mid + 5, column: 0, style: .dim)
        if !model.newerSchema.isEmpty {
            // Shown between calls only: a newer ecoute upgraded the database; this one keeps working.
            grid.put(Layout.centered(s["idle.restartAdvised"], width: grid.width), row: max(area.top, mid - 2), column: 0, style: .warn)
        }
        // The last shift's handoff notes, newest first, under the reminders.
        var row = mid + 7
        // Each on up to three rows (their words, then what was left), as many as the screen has.
        for handoff in model.handoffs.prefix(2) where row < area.bottom - 1 {
            row += Layout.putWrapped(&grid, " ⇢ " + HandoffView.line(handoff, s, timeZone: model.timeZone), row: row, column: 0,
                                     width: grid.width - 2, maxRows: min(3, area.bottom - 1 - row),
                                     style: handoff.callsInProgress.isEmpty ? .normal : .warn)
        }
        // The follow-ups due during this shift, soonest first: who may call back with their code,
        // which callbacks the supervisors owe.
        if !model.followUpsDue.isEmpty, row < area.bottom - 1 {
            grid.put(" " + s.format("idle.followUpsDue", "\(model.followUpsDue.count)"), row: row, column: 0, style: .bold, maxWidth: grid.width - 2)
            row += 1
            let shown = model.followUpsDue.prefix(max(0, min(3, area.bottom - 1 - row)))
            for status in shown {
                // Due date and outcome first, never cut; then the kind.
                let text = "   ⏲ " + Formatting.dayAndTime(status.followUp.dueAt, timeZone: model.timeZone) { s["weekday.\($0)"] }
                    + " · " + FollowUpLabels.outcome(status.outcome, s, timeZone: model.timeZone) + " · " + FollowUpLabels.kind(status.followUp.kind, s)
                grid.put(text, row: row, column: 0, style: status.outcome == .overdue ? .alert : .normal, maxWidth: grid.width - 2)
                row += 1
            }
            if shown.count < model.followUpsDue.count, row < area.bottom {
                grid.put("   " + s.format("idle.followUpsDue.more", "\(model.followUpsDue.count - shown.count)"), row: row, column: 0,
                         style: .dim, maxWidth: grid.width - 2)
                row += 1
            }
        }
        for (i, held) in model.heldElsewhere.prefix(max(0, area.bottom - row)).enumerated() {
            guard let h = held.holder else { continue }
            grid.put(" " + s.format("idle.heldElsewhere", h.console.host, "\(h.console.pid)", Formatting.clock(h.heartbeatAt, timeZone: model.timeZone)),
                     row: row + i, column: 0, style: .warn, maxWidth: grid.width - 2)
        }
    }
}
