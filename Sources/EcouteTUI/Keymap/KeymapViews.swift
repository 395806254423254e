import EcouteCore

/// The bottom bar of every screen: the keys its keymap shows there, htop-style (the key, then
/// what it does), as many as fit.
enum KeyBarView {
    static func draw<Action>(_ keymap: Keymap<Action>, _ strings: Strings, into grid: inout Grid) {
        let row = grid.height - 1
        grid.fillRow(row, style: .header)
        var column = 0
        for binding in keymap.bar {
            let label = KeyLabel.display(binding.label, strings)
            let description = strings[binding.description + ".short"]
            if column + DisplayWidth.of(label) + DisplayWidth.of(description) + 3 > grid.width { break }
            column = grid.put(" " + label, row: row, column: column, style: .normal)
            column = grid.put(" " + description + " ", row: row, column: column, style: .header)
        }
    }
}

/// A form's keys on one line, from its keymap: « ↑↓ : Appel · Tab : À qui · … ».
public enum KeyHint {
    public static func line<Action>(_ keymap: Keymap<Action>, _ strings: Strings) -> String {
        keymap.bar.map { strings.format("keyHint.entry", KeyLabel.display($0.label, strings), strings[$0.description + ".short"]) }
            .joined(separator: " · ")
    }
}

/// The help of every screen: one line per binding of its keymap, the keys then what they do.
enum KeymapHelp {
    /// Draws at most `rows` rows from `row`, each description on up to `rowsEach` rows (cut
    /// with « … » beyond); returns the row after the last one.
    static func draw<Action>(_ keymap: Keymap<Action>, _ strings: Strings, into grid: inout Grid, row: Int, column: Int, rows: Int,
                             rowsEach: Int = 1) -> Int {
        let lines = keymap.helpLines(strings)
        if rowsEach == 1, lines.count > rows {
            // More keys than rows: two columns, so no key goes unlisted.
            let perColumn = (lines.count + 1) / 2
            let half = (grid.width - column - 3) / 2
            for (i, line) in lines.enumerated() where i % perColumn < rows {
                let c = column + (i < perColumn ? 0 : half)
                let r = row + i % perColumn
                grid.put(Layout.padded(line.keys, 8), row: r, column: c, style: .bold)
                grid.put(line.text, row: r, column: c + 9, maxWidth: half - 10)
            }
            return row + min(rows, perColumn)
        }
        // The keys' column as wide as its widest keys (« Entrée Échap u »), 12 to 16 columns.
        let keys = min(16, max(12, lines.map { DisplayWidth.of($0.keys) }.max() ?? 0))
        var r = row
        for line in lines where r < row + rows {
            grid.put(Layout.padded(line.keys, keys), row: r, column: column, style: .bold)
            r += Layout.putWrapped(&grid, line.text, row: r, column: column + keys + 1, width: grid.width - column - keys - 4,
                                   maxRows: min(rowsEach, row + rows - r))
        }
        return r
    }

    /// A help box over a screen (the board's, the review's): the keymap, then `note` and the text
    /// fields' editing keys, dimmed.
    static func drawBox<Action>(_ keymap: Keymap<Action>, _ strings: Strings, title: String, note: String?, into grid: inout Grid) {
        let height = grid.height - 4
        let width = grid.width - 4
        let (top, inner) = Layout.box(&grid, top: 2, left: 2, width: width, height: height, title: title)
        let closeRow = top + height - 3
        var r = draw(keymap, strings, into: &grid, row: top, column: inner, rows: height - 6, rowsEach: 2) + 1
        for text in [note, TextFieldKeymap.summary(strings)].compactMap({ $0 }) where r < closeRow {
            r += Layout.putWrapped(&grid, text, row: r, column: inner, width: width - 4, maxRows: closeRow - r, style: .dim) + 1
        }
        grid.put(strings["help.close"], row: closeRow, column: inner, style: .dim)
    }
}
