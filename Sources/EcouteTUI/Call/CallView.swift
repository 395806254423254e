import EcouteCore

/// A call in progress: the caller's profile and notes, while the timer runs in the header.
enum CallView {
    static func draw(_ model: AppModel, _ draft: CallDraft, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        grid.put(" " + s.format("call.title", Formatting.clock(draft.pickedUpAt, timeZone: model.timeZone)),
                 row: area.top, column: 0, style: .bold)
        let elapsed = draft.elapsed(now: model.now)
        if elapsed >= AppModel.referenceDuration {
            grid.put(s["call.over25"], row: area.top, column: 44, style: .warn, maxWidth: grid.width - 45)
        } else if elapsed >= AppModel.gentleCue {
            // A gentle cue five minutes before the reference length.
            grid.put(s["call.over20"], row: area.top, column: 44, style: .dim, maxWidth: grid.width - 45)
        }
        grid.put(" " + s["call.callerHeading"], row: area.top + 2, column: 0, style: .bold)
        let next = ProfilePanel.draw(draft.profile, model, row: area.top + 3, into: &grid)
        NotesPanel.draw(draft, model, row: next + 1, maxRows: area.bottom - next - 3, into: &grid)
        grid.put(" " + s["call.hint"], row: area.bottom, column: 0, style: .dim, maxWidth: grid.width - 1)
    }
}

/// The line dropped: wait for the caller to call back, or wrap up.
enum DroppedView {
    static func draw(_ model: AppModel, _ draft: CallDraft, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        let at = draft.endedAt.map { Formatting.clock($0, timeZone: model.timeZone) } ?? "--:--"
        grid.put(" " + s.format("dropped.title", at, Formatting.duration(draft.elapsed(now: model.now))),
                 row: area.top, column: 0, style: .warn)
        Layout.putWrapped(&grid, s["dropped.explain"], row: area.top + 1, column: 1, width: grid.width - 2, maxRows: 2)
        grid.put(" " + s["call.callerHeading"], row: area.top + 4, column: 0, style: .bold)
        let next = ProfilePanel.draw(draft.profile, model, row: area.top + 5, into: &grid)
        NotesPanel.draw(draft, model, row: next + 1, maxRows: area.bottom - next - 1, into: &grid)
    }
}

/// A call found unfinished at start-up, offered for resumption.
enum InterruptedView {
    static func draw(_ model: AppModel, _ draft: CallDraft, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        let r = area.top + 1
        // A call a colleague handed over at the end of their shift says so (their handoff note).
        let handoff = model.handoffs.first { $0.handedTo[draft.id] == model.operatorName }
        grid.put(" " + (handoff.map { s.format("interrupted.handedOver", $0.operatorName, Formatting.clock($0.writtenAt, timeZone: model.timeZone)) }
                        ?? s["interrupted.title"]), row: r, column: 0, style: .warn, maxWidth: grid.width - 1)
        grid.put(" " + s.format("interrupted.started", Formatting.clock(draft.pickedUpAt, timeZone: model.timeZone),
                                Formatting.clock(draft.updatedAt, timeZone: model.timeZone)), row: r + 2, column: 0)
        grid.put(" " + s.format("interrupted.phase", s["phase.\(draft.phase.rawValue)"]), row: r + 3, column: 0)
        grid.put(" " + s.format("interrupted.profile", ProfilePanel.summary(draft.profile, model)), row: r + 4, column: 0,
                 maxWidth: grid.width - 1)
        if let level = draft.level {
            grid.put(" " + s.format("interrupted.level", "\(level.rawValue) " + s[level.stringKey]), row: r + 5, column: 0)
        }
        var choice = r + 7
        if let h = model.desk.resumeFrom {
            let said = s.format("interrupted.takeover", h.console.host, "\(h.console.pid)", Formatting.clock(h.heartbeatAt, timeZone: model.timeZone))
            choice = max(choice, r + 6 + Layout.putWrapped(&grid, said, row: r + 6, column: 1, width: grid.width - 2, maxRows: 2, style: .warn))
        }
        grid.put(" " + s["interrupted.choice"], row: choice, column: 0, style: .bold, maxWidth: grid.width - 1)
        grid.put("   " + s["interrupted.resume"], row: choice + 1, column: 0, maxWidth: grid.width - 1)
        grid.put("   " + s["interrupted.wrapUp"], row: choice + 2, column: 0, maxWidth: grid.width - 1)
    }
}

/// The call just saved.
enum SavedView {
    static func draw(_ model: AppModel, _ draft: CallDraft, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        var r = area.top + 1
        grid.put(" " + s["saved.title"], row: r, column: 0, style: .ok)
        r += 2
        grid.put(" " + s.format("saved.duration", Formatting.duration(draft.elapsed(now: model.now))), row: r, column: 0)
        if let level = draft.level {
            let addiction = draft.addiction ? " · " + s["wrapUp.withAddiction"] : ""
            grid.put(" " + s.format("saved.level", "\(level.rawValue) " + s[level.stringKey] + addiction), row: r + 1, column: 0)
        }
        grid.put(" " + s.format("saved.profile", ProfilePanel.summary(draft.profile, model)), row: r + 2, column: 0, maxWidth: grid.width - 1)
        let given = draft.referrals.filter { $0.status == .given }
        grid.put(" " + s.format("saved.referrals", "\(given.count)"), row: r + 3, column: 0)
        r += 4
        // The referrals given, under their count; then the protocol's steps not done, with their
        // reasons: they are part of what was saved.
        for ref in given where r < area.bottom - 1 {
            grid.put("   " + s["kind.\(ref.kind.rawValue)"] + " — " + ref.name + " — " + ref.contact, row: r, column: 0, maxWidth: grid.width - 2)
            r += 1
        }
        for (step, reason) in (draft.emergency?.skipped ?? [:]).sorted(by: { $0.key.order < $1.key.order })
        where draft.emergency?.steps[step] == nil && r < area.bottom - 1 {
            r += Layout.putWrapped(&grid, s.format("saved.stepSkipped", s["step.\(step.rawValue).short"], reason), row: r, column: 1,
                                   width: grid.width - 2, maxRows: 3, style: .warn)
        }
        grid.put(" " + s["saved.next"], row: area.bottom, column: 0, style: .dim)
    }
}
