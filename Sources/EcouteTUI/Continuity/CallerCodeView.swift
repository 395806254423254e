import EcouteCore
import Foundation

/// The caller code's form (`k`) and a caller's earlier calls.
enum CallerCodeView {
    static func drawForm(_ model: AppModel, _ form: CallerCodeForm, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 72)
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 6, left: left, width: width, height: 10, title: s["callerCode.form.title"])
        let fieldWidth = width - 4
        let label = grid.put(s["callerCode.form.typed"] + " ", row: top, column: inner, maxWidth: fieldWidth)
        TextFieldView.drawLine(form.field, into: &grid, row: top, column: label, width: inner + fieldWidth - label)
        Layout.putWrapped(&grid, s["callerCode.form.note"], row: top + 2, column: inner, width: fieldWidth, maxRows: 3, style: .dim)
        if let refusal = form.refusal {
            Layout.putWrapped(&grid, refusal, row: top + 5, column: inner, width: fieldWidth, maxRows: 2, style: .alert)
        }
        grid.put(KeyHint.line(CallerCodeKeymap.form, s), row: top + 7, column: inner, style: .dim, maxWidth: fieldWidth)
    }

    /// One block per earlier call, newest first, from `panel.first`.
    static func drawHistory(_ model: AppModel, _ panel: CallerHistoryPanel, into grid: inout Grid) {
        let s = model.strings
        let width = max(20, grid.width - 4)
        let height = max(6, grid.height - 4)
        let (top, inner) = Layout.box(&grid, top: 2, left: 2, width: width, height: height,
                                      title: s.format("callerCode.history.title", panel.code.spoken, "\(panel.calls.count)"))
        let textWidth = width - 4
        // The box's last inner row holds the keys, the one above the position.
        let last = top + height - 3
        var r = top
        for call in panel.calls.dropFirst(panel.first) {
            guard r < last - 2 else { break }
            let when = Formatting.dayAndTime(call.pickedUpAt, timeZone: model.timeZone) { s["weekday.\($0)"] }
            let duration = call.endedAt.map { " · " + Formatting.duration($0.timeIntervalSince(call.pickedUpAt)) } ?? ""
            let level = call.level.map { " · " + s.format("callerCode.history.level", "\($0.rawValue)", s["level.\($0.rawValue)"]) } ?? ""
            grid.put(when + duration + level, row: r, column: inner, style: .bold, maxWidth: textWidth)
            r += 1
            // Who answered, and whether they are on shift now: on a line of its own, never cut.
            var details = [s.format(call.operatorOnShift ? "callerCode.history.onShift" : "callerCode.history.offShift", call.operatorName)]
            if !call.motifs.isEmpty {
                details.append(s.format("callerCode.history.motifs", call.motifs.map { s["motif.\($0.rawValue)"] }.joined(separator: ", ")))
            }
            details.append(call.referrals.isEmpty ? s["callerCode.history.noReferral"]
                           : s.format("callerCode.history.referrals",
                                      call.referrals.map { s["kind.\($0.kind.rawValue).short"] + " " + $0.name }.joined(separator: ", ")))
            if let followUp = call.followUp, !followUp.isEmpty { details.append(s.format("callerCode.history.followUp", followUp)) }
            if let notes = call.notes, !notes.isEmpty { details.append(s.format("callerCode.history.notes", notes)) }
            for line in details where r < last - 1 {
                r += Layout.putWrapped(&grid, "  " + line, row: r, column: inner, width: textWidth, maxRows: min(2, last - 1 - r))
            }
            r += 1
        }
        if panel.calls.count > 1 {
            grid.put(s.format("callerCode.history.position", "\(panel.first + 1)", "\(panel.calls.count)"), row: last - 1, column: inner,
                     style: .dim, maxWidth: textWidth)
        }
        grid.put(KeyHint.line(CallerCodeKeymap.history, s), row: last, column: inner, style: .dim, maxWidth: textWidth)
    }
}
