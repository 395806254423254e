import EcouteCore

/// Full help for the current screen: every key, and the classification levels.
enum HelpView {
    static func draw(_ model: AppModel, into grid: inout Grid) {
        let s = model.strings
        let height = grid.height - 2
        let (top, left) = Layout.box(&grid, top: 1, left: 1, width: grid.width - 2, height: height, title: s["help.title"])
        // Two rows kept for what works everywhere (help, quitting), whatever the screen's keys.
        var r = KeymapHelp.draw(ConsoleKeymap.current(model), s, into: &grid, row: top, column: left, rows: height - 6)
        let closeRow = top + height - 3
        r += 1 + Layout.putWrapped(&grid, s["help.global"], row: r, column: left, width: grid.width - left - 3,
                                   maxRows: max(0, closeRow - r - 1), style: .dim)
        if model.directory != nil {
            r += 1 + Layout.putWrapped(&grid, TextFieldKeymap.summary(s), row: r, column: left, width: grid.width - left - 3,
                                       maxRows: max(0, closeRow - r - 1), style: .dim)
        }
        if model.directory == nil, model.session.phase == .wrapUp || model.session.phase == .inCall,
           r + ClassificationLevel.allCases.count < closeRow {
            for level in ClassificationLevel.allCases {
                grid.put("\(level.rawValue) " + s[level.stringKey] + " — " + s[level.stringKey + ".help"], row: r, column: left,
                         style: .dim, maxWidth: grid.width - left - 3)
                r += 1
            }
        }
        grid.put(s["help.close"], row: closeRow, column: left, style: .dim)
    }
}

/// Ctrl-C during a call: leave now, the call will be offered for resumption.
enum ConfirmQuitView {
    static func draw(_ model: AppModel, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 70)
        let left = (grid.width - width) / 2
        let key = model.writeFailure == nil ? "quit.confirm" : model.isKeptOnWorkstation ? "quit.confirmKept" : "quit.confirmUnsaved"
        let lines = wrap(s[key], width: width - 4)
        let (top, inner) = Layout.box(&grid, top: 7, left: left, width: width, height: lines.count + 4, title: s["quit.title"])
        for (i, line) in lines.enumerated() { grid.put(line, row: top + i, column: inner) }
        grid.put(s["quit.keys"], row: top + lines.count + 1, column: inner, style: .bold)
    }
}

/// A list to pick from, filtered as you type.
enum PickerView {
    static func draw(_ model: AppModel, _ picker: Picker, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 72)
        let left = (grid.width - width) / 2
        let height = min(grid.height - 4, 20)
        let (top, inner) = Layout.box(&grid, top: 2, left: left, width: width, height: height, title: picker.title)
        let column = grid.put(s["picker.filter"] + " ", row: top, column: inner, style: .bold)
        TextFieldView.drawLine(picker.filterField, into: &grid, row: top, column: column, width: inner + width - 4 - column)
        let items = picker.visibleItems(geography: model.geography)
        let rows = height - 5
        let first = ListCursor.firstVisible(selected: picker.selected, rows: rows, count: items.count)
        var r = top + 2
        for (i, item) in items.enumerated().dropFirst(first).prefix(rows) {
            let selected = i == picker.selected
            grid.put(Layout.padded((selected ? "> " : "  ") + item.label, width - 4), row: r, column: inner,
                     style: selected ? .reverse : .normal)
            r += 1
        }
        if items.isEmpty { grid.put(s["picker.noMatch"], row: r, column: inner, style: .dim) }
        grid.put(s["picker.filterHint"] + " · " + KeyHint.line(OverlayKeymap.picker, s), row: top + height - 3, column: inner, style: .dim, maxWidth: width - 4)
    }
}

/// Editing the notes: kept in the call at every key, written within 300 ms.
enum NotesEditorView {
    static func draw(_ model: AppModel, _ field: TextField, into grid: inout Grid) {
        let s = model.strings
        let notes = field.text
        let width = grid.width - 4
        let (top, inner) = Layout.box(&grid, top: 3, left: 2, width: width, height: 14, title: s["notes.title"])
        grid.put(s["notes.reminder"], row: top, column: inner, style: .warn, maxWidth: width - 4)
        TextFieldView.draw(field, into: &grid, row: top + 2, column: inner, width: width - 4, rows: 7)
        // The warning in full, inside the box.
        let concerns = NotesPolicy.concerns(in: notes)
        if !concerns.isEmpty {
            Layout.putWrapped(&grid, s.format("notes.looksIdentifying", Labels.concerns(concerns, s)),
                              row: top + 9, column: inner, width: width - 4, maxRows: 2, style: .alert)
        }
        grid.put(s.format("notes.keys", "\(notes.count)", "\(NotesPolicy.maximumLength)"), row: top + 11, column: inner, style: .dim,
                 maxWidth: width - 4)
    }
}

/// A few words asked for: an « other » reason for a referral not given, why a step was not done.
enum TextPromptView {
    static func draw(_ model: AppModel, _ prompt: TextPrompt, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 70)
        let left = (grid.width - width) / 2
        let title: String
        switch prompt.purpose {
        case .gapNote(let kind): title = s.format("gap.note.title", s["kind.\(kind.rawValue)"])
        case .skippedStep(let step): title = s.format("step.note.title", s["step.\(step.rawValue).short"])
        case .followUp: title = s["followUp.title"]
        case .raisedByMistake: title = s["mistake.title"]
        case .notAssessable: title = s["rud.notAssessable.title"]
        }
        let text = prompt.text
        let (top, inner) = Layout.box(&grid, top: 8, left: left, width: width, height: 7, title: title)
        TextFieldView.draw(prompt.field, into: &grid, row: top, column: inner, width: width - 4, rows: 2)
        let concerns = NotesPolicy.concerns(in: text)
        if !concerns.isEmpty {
            grid.put(s.format("notes.looksIdentifying", Labels.concerns(concerns, s)),
                     row: top + 2, column: inner, style: .alert, maxWidth: width - 4)
        }
        grid.put(KeyHint.line(OverlayKeymap.prompt, s), row: top + 3, column: inner, style: .dim, maxWidth: width - 4)
    }
}

/// Saving a call whose notes look identifying: asked once.
enum ConfirmIdentifyingView {
    static func draw(_ model: AppModel, _ flagged: [IdentifyingText], into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 70)
        let lines = flagged.flatMap { item in
            wrap(s.format("identifying.text", s["freeText.\(item.field.rawValue)"],
                          Labels.concerns(item.concerns, s)), width: width - 4)
        } + wrap(s["identifying.advice"], width: width - 4)
        let (top, inner) = Layout.box(&grid, top: 7, left: (grid.width - width) / 2, width: width, height: lines.count + 4,
                                      title: s["identifying.title"])
        for (i, line) in lines.enumerated() { grid.put(line, row: top + i, column: inner, style: .warn) }
        grid.put(KeyHint.line(OverlayKeymap.identifying, s), row: top + lines.count + 1, column: inner, style: .bold, maxWidth: width - 4)
    }
}
