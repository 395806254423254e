import EcouteCore

/// A supervisor's correction: field, new value, reason.
enum CorrectionView {
    static func draw(_ m: ReviewModel, _ form: CorrectionForm, into grid: inout Grid) {
        let s = m.strings
        let width = 64
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 5, left: left, width: width, height: 16, title: s["review.correction.title"])
        let fields = CorrectableField.allCases
        for (i, field) in fields.enumerated() {
            let selected = field == form.field
            grid.put((selected ? "▸ " : "  ") + s["review.field.\(field.rawValue)"], row: top + i, column: inner,
                     style: selected && form.step == .field ? .reverse : (selected ? .bold : .normal))
        }
        let valueRow = top + fields.count + 1
        grid.put(s["review.correction.value"] + " ", row: valueRow, column: inner, style: .bold)
        drawField(form.valueField, typing: form.step == .value, row: valueRow, column: inner + 16, width: width - 19, into: &grid)
        grid.put(s["review.correction.reason"] + " ", row: valueRow + 1, column: inner, style: .bold)
        drawField(form.reasonField, typing: form.step == .reason, row: valueRow + 1, column: inner + 16, width: width - 19, into: &grid)
        // Corrected notes, and an assessment's « non évaluable » reason, get the console's warning
        // when they look identifying.
        let concerns = form.field == .notes || form.field == .assessment ? NotesPolicy.concerns(in: form.value) : []
        if concerns.isEmpty {
            _ = Layout.putWrapped(&grid, s["review.correction.hint.\(form.field.rawValue)"], row: valueRow + 3, column: inner,
                                  width: width - 4, maxRows: 4, style: .dim)
        } else {
            grid.put(s.format("notes.looksIdentifying", Labels.concerns(concerns, s)),
                     row: valueRow + 3, column: inner, style: .alert, maxWidth: width - 4)
        }
    }

    /// A field: with its cursor while it is typed, else its text cut to the width.
    static func drawField(_ field: TextField, typing: Bool, row: Int, column: Int, width: Int, into grid: inout Grid) {
        if typing {
            TextFieldView.drawLine(field, into: &grid, row: row, column: column, width: width)
        } else {
            grid.put(Layout.fit(field.text, width - 1), row: row, column: column)
        }
    }
}
