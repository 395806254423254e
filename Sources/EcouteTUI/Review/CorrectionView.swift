import EcouteCore

/// A supervisor's correction: field, new value, reason.
enum CorrectionView {
    static func draw(_ m: ReviewModel, _ form: CorrectionForm, into grid: inout Grid) {
        let s = m.strings
        let width = 64
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 6, left: left, width: width, height: 11, title: s["review.correction.title"])
        for (i, field) in CorrectableField.allCases.enumerated() {
            let selected = field == form.field
            grid.put((selected ? "▸ " : "  ") + s["review.field.\(field.rawValue)"], row: top + i, column: inner,
                     style: selected && form.step == .field ? .reverse : (selected ? .bold : .normal))
        }
        grid.put(s["review.correction.value"] + " ", row: top + 5, column: inner, style: .bold)
        drawField(form.valueField, typing: form.step == .value, row: top + 5, column: inner + 16, width: width - 19, into: &grid)
        grid.put(s["review.correction.reason"] + " ", row: top + 6, column: inner, style: .bold)
        drawField(form.reasonField, typing: form.step == .reason, row: top + 6, column: inner + 16, width: width - 19, into: &grid)
        // Corrected notes get the same warning as in the console when they look identifying.
        let concerns = form.field == .notes ? NotesPolicy.concerns(in: form.value) : []
        if concerns.isEmpty {
            grid.put(s["review.correction.hint.\(form.field.rawValue)"], row: top + 8, column: inner, style: .dim, maxWidth: width - 4)
        } else {
            grid.put(s.format("notes.looksIdentifying", concerns.map { s["notes.concern.\($0.rawValue)"] }.joined(separator: ", ")),
                     row: top + 8, column: inner, style: .alert, maxWidth: width - 4)
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
