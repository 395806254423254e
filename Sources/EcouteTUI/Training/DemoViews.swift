import EcouteCore
import Foundation

/// Training mode, before pick-up: the scenario chosen, or how to choose one.
enum DemoIdleView {
    static func draw(_ model: AppModel, _ demo: DemoSession, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        let mid = area.top + max(1, area.rows / 2 - 4)
        guard let scenario = demo.scenario else {
            grid.put(Layout.centered(s["demo.idle.noScenario"], width: grid.width), row: mid, column: 0, style: .bold)
            grid.put(Layout.centered(s["demo.idle.choose"], width: grid.width), row: mid + 2, column: 0)
            return
        }
        grid.put(Layout.centered(s.format("demo.idle.scenario", scenario.title), width: grid.width), row: mid, column: 0, style: .bold)
        Layout.putWrapped(&grid, scenario.summary, row: mid + 2, column: 4, width: grid.width - 8, maxRows: 3, style: .dim)
        grid.put(Layout.centered(s["demo.idle.ring"], width: grid.width), row: mid + 6, column: 0)
        grid.put(Layout.centered(s["demo.idle.keys"], width: grid.width), row: mid + 8, column: 0, style: .dim)
    }
}

/// Training mode, during the call: what the scripted caller has said so far, newest last.
enum TranscriptView {
    static let rows = 7

    static func draw(_ model: AppModel, _ draft: CallDraft, _ scenario: Scenario, top: Int, into grid: inout Grid) {
        let s = model.strings
        let until = draft.endedAt ?? model.now
        let said = scenario.linesSaid(after: until.timeIntervalSince(draft.pickedUpAt))
        let (first, left) = Layout.box(&grid, top: top, left: 0, width: grid.width, height: rows, title: s["demo.transcript"])
        let width = grid.width - left - 2
        // The newest lines that fit whole, each wrapped, with its moment.
        var blocks: [[(String, TextStyle)]] = said.map { line in
            let stamp = Formatting.duration(line.at) + "  "
            return wrap(line.text, width: max(10, width - stamp.count)).enumerated().map { i, part in
                ((i == 0 ? stamp : String(repeating: " ", count: stamp.count)) + part, .normal)
            }
        }
        if said.count < scenario.lines.count, draft.endedAt == nil {
            blocks.append([(s["demo.transcript.listening"], .dim)])
        }
        var shown: [(String, TextStyle)] = []
        for block in blocks.reversed() {
            guard shown.count + block.count <= rows - 2 else { break }
            shown.insert(contentsOf: block, at: 0)
        }
        for (i, (text, style)) in shown.enumerated() {
            grid.put(text, row: first + i, column: left, style: style, maxWidth: width)
        }
    }
}

/// Training mode, after the save: the trainee's call beside what the scenario expected.
enum DebriefView {
    static func draw(_ model: AppModel, _ debrief: Debrief, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        let score = debrief.score
        var r = area.top
        grid.put(" " + s.format("debrief.title", debrief.scenario.title), row: r, column: 0, style: .bold, maxWidth: grid.width - 1)
        r += 1
        grid.put(" " + s.format("debrief.summary", "\(score.matched)", "\(score.total)", Formatting.duration(debrief.callDuration)),
                 row: r, column: 0, style: score.matched == score.total ? .ok : .warn, maxWidth: grid.width - 1)
        r += 2
        grid.put(" " + Layout.padded(s["debrief.column.field"], 20) + Layout.padded(s["debrief.column.entered"], 26) + s["debrief.column.expected"],
                 row: r, column: 0, style: .dim)
        r += 1
        for item in debrief.items where r < area.bottom - 5 {
            let mark = item.matches ? "✓" : "✗"
            let line = " \(mark) " + Layout.padded(Layout.fit(s["debrief.field.\(item.field.rawValue)"], 17), 18)
                + Layout.padded(Labels.debriefValue(item.field, item.entered, s, lines: debrief.lines), 25) + " "
                + Labels.debriefValue(item.field, item.expected, s, lines: debrief.lines)
            grid.put(line, row: r, column: 0, style: item.matches ? .normal : .warn, maxWidth: grid.width - 1)
            r += 1
        }
        if let timing = Labels.protocolTiming(debrief, s), r < area.bottom - 4 {
            grid.put(" " + timing, row: r, column: 0, style: (debrief.protocolAfterDisclosure ?? 1) < 0 ? .ok : .warn, maxWidth: grid.width - 1)
            r += 1
        }
        r += 1
        let referrals = Labels.debriefReferralLines(debrief, s)
        for (text, ok) in referrals where r < area.bottom - 2 {
            grid.put(" " + text, row: r, column: 0, style: ok ? .normal : .warn, maxWidth: grid.width - 1)
            r += 1
        }
        r += 1
        if r < area.bottom {
            grid.put(" " + s["debrief.notes"], row: r, column: 0, style: .bold)
            r += 1
            for note in debrief.scenario.teachingNotes where r < area.bottom {
                grid.put("•", row: r, column: 2)
                r += Layout.putWrapped(&grid, note, row: r, column: 4, width: grid.width - 6, maxRows: area.bottom - r)
            }
        }
        grid.put(" " + s["debrief.keys"], row: area.bottom, column: 0, style: .dim, maxWidth: grid.width - 1)
    }
}
