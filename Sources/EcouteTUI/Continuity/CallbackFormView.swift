import EcouteCore

/// The callback request form: motif, urgency, number, one step at a time.
enum CallbackFormView {
    static func draw(_ model: AppModel, _ form: CallbackForm, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 72)
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 6, left: left, width: width, height: 11, title: s["callback.form.title"])
        let fieldWidth = width - 4
        var r = top
        let motifLabel = grid.put(s["callback.form.motif"] + " ", row: r, column: inner, maxWidth: fieldWidth)
        if form.step == .motif {
            TextFieldView.drawLine(form.motif, into: &grid, row: r, column: motifLabel, width: inner + fieldWidth - motifLabel)
        } else {
            grid.put(form.motif.text, row: r, column: motifLabel, maxWidth: inner + fieldWidth - motifLabel)
        }
        r += 1
        if form.step != .motif {
            let label = grid.put(s["callback.form.urgency"] + " ", row: r, column: inner, maxWidth: fieldWidth)
            var column = label
            for (i, urgency) in CallbackUrgency.allCases.enumerated() {
                let text = "\(i + 1) " + s["callback.urgency.\(urgency.rawValue)"]
                column = grid.put(text, row: r, column: column, style: urgency == form.urgency ? .reverse : .normal,
                                  maxWidth: inner + fieldWidth - column) + 2
            }
            r += 1
        }
        if form.step == .number {
            let label = grid.put(s["callback.form.number"] + " ", row: r, column: inner, maxWidth: fieldWidth)
            TextFieldView.drawLine(form.number, into: &grid, row: r, column: label, width: inner + fieldWidth - label)
            r += 1
            r += Layout.putWrapped(&grid, s["callback.form.numberNote"], row: r, column: inner, width: fieldWidth, maxRows: 3, style: .dim)
        }
        if let refusal = form.refusal {
            Layout.putWrapped(&grid, refusal, row: top + 6, column: inner, width: fieldWidth, maxRows: 2, style: .alert)
        }
        grid.put(KeyHint.line(CallbackKeymap.keymap(form), s), row: top + 8,
                 column: inner, style: .dim, maxWidth: fieldWidth)
    }
}
