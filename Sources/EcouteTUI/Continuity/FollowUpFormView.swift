import EcouteCore

/// The follow-up form (`g`).
enum FollowUpFormView {
    static func draw(_ model: AppModel, _ form: FollowUpForm, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 72)
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 6, left: left, width: width, height: 10, title: s["followUp.form.title"])
        let fieldWidth = width - 4
        var column = grid.put(s["followUp.form.kind"] + " ", row: top, column: inner, maxWidth: fieldWidth)
        for (i, kind) in [FollowUpKind.supervisorCallback, .callerCallsBack].enumerated() {
            column = grid.put("\(i + 1) " + FollowUpLabels.kind(kind, s), row: top, column: column, style: kind == form.kind ? .reverse : .normal,
                              maxWidth: inner + fieldWidth - column) + 2
        }
        if form.kind == .callerCallsBack {
            column = grid.put(s["followUp.form.days"] + " ", row: top + 1, column: inner, maxWidth: fieldWidth)
            for (i, days) in FollowUp.offeredDays.enumerated() {
                column = grid.put(s.format("followUp.form.daysValue", "\(days)"), row: top + 1, column: column,
                                  style: i == form.daysIndex ? .reverse : .normal, maxWidth: inner + fieldWidth - column) + 2
            }
        }
        Layout.putWrapped(&grid, s["followUp.form.note"], row: top + 3, column: inner, width: fieldWidth, maxRows: 3, style: .dim)
        grid.put(KeyHint.line(FollowUpKeymap.keymap, s), row: top + 7, column: inner, style: .dim, maxWidth: fieldWidth)
    }
}
