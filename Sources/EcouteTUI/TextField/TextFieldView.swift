import EcouteCore

/// Draws a text field: wrapped over several rows (notes, reasons) or on one row that scrolls
/// with the cursor (searches, forms). The cursor is the character under it in reverse video; at
/// the end of the text it is `endGlyph` (« _ »), or a reverse-video blank when that is a space.
public enum TextFieldView {
    /// Draws the rows of the wrapped text that hold the cursor, the last rows when it is at the
    /// end; returns the number of rows drawn.
    @discardableResult
    static func draw(_ field: TextField, into grid: inout Grid, row: Int, column: Int, width: Int, rows: Int,
                     endGlyph: Character = "_") -> Int {
        guard width > 0, rows > 0 else { return 0 }
        let shown = field.characters + [field.isCursorAtEnd ? endGlyph : " "]
        let lines = wrappedRanges(shown, width: width)
        let (cursorLine, cursorColumn) = locate(field.cursor, in: lines, shown)
        var first = max(0, lines.count - rows)
        if cursorLine < first { first = cursorLine }
        for (i, range) in lines.enumerated().dropFirst(first).prefix(rows) {
            grid.put(String(shown[range]), row: row + i - first, column: column)
        }
        drawCursor(field, shown, into: &grid, row: row + cursorLine - first, column: column + cursorColumn, endGlyph: endGlyph)
        return min(rows, lines.count - first)
    }

    /// Draws the field on one row of `width` columns, scrolled so the cursor shows.
    static func drawLine(_ field: TextField, into grid: inout Grid, row: Int, column: Int, width: Int, endGlyph: Character = "_") {
        guard width > 0 else { return }
        let shown = field.characters + [field.isCursorAtEnd ? endGlyph : " "]
        // The first character shown: the start, unless the cursor would be past the right edge.
        var start = 0
        while start < field.cursor, columns(shown[start...field.cursor]) > width { start += 1 }
        var end = start
        var used = 0
        while end < shown.count, used + DisplayWidth.of(shown[end]) <= width {
            used += DisplayWidth.of(shown[end])
            end += 1
        }
        grid.put(String(shown[start..<end]), row: row, column: column)
        drawCursor(field, shown, into: &grid, row: row, column: column + columns(shown[start..<field.cursor]), endGlyph: endGlyph)
    }

    private static func drawCursor(_ field: TextField, _ shown: [Character], into grid: inout Grid, row: Int, column: Int, endGlyph: Character) {
        if field.isCursorAtEnd, endGlyph != " " { return }
        grid.put(String(shown[field.cursor]), row: row, column: column, style: .reverse)
    }

    static func columns(_ characters: ArraySlice<Character>) -> Int { characters.reduce(0) { $0 + DisplayWidth.of($1) } }

    /// The line and column of a cursor position in wrapped lines.
    static func locate(_ cursor: Int, in lines: [Range<Int>], _ characters: [Character]) -> (line: Int, column: Int) {
        let line = lines.lastIndex { $0.lowerBound <= cursor } ?? 0
        let range = lines[line]
        return (line, columns(characters[range.lowerBound..<min(max(cursor, range.lowerBound), range.upperBound)]))
    }

    /// The lines `wrap` makes of these characters, as ranges of them: broken at spaces where
    /// possible (the space at a break belongs to no line), a word longer than a line cut.
    static func wrappedRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        guard width > 0 else { return [0..<characters.count] }
        var result: [Range<Int>] = []
        var line = 0..<0
        var lineWidth = 0
        // Whether the line has its first word, an empty one included (text that begins with a
        // space, or two spaces in a row): the space after it is then part of the line.
        var started = false
        var start = 0
        while true {
            var end = start
            while end < characters.count, characters[end] != " " { end += 1 }
            var word = start..<end
            var wordWidth = columns(characters[word])
            while wordWidth > width {
                if started, !line.isEmpty {
                    result.append(line)
                    line = word.lowerBound..<word.lowerBound
                    started = false
                }
                var head = word.lowerBound
                var used = 0
                while head < word.upperBound {
                    let w = DisplayWidth.of(characters[head])
                    if used + w > width, head > word.lowerBound { break }
                    used += w
                    head += 1
                }
                result.append(word.lowerBound..<head)
                word = head..<word.upperBound
                wordWidth = columns(characters[word])
            }
            if !started {
                line = word
                lineWidth = wordWidth
                started = true
            } else if lineWidth + 1 + wordWidth <= width {
                line = line.lowerBound..<word.upperBound
                lineWidth += 1 + wordWidth
            } else {
                result.append(line)
                line = word
                lineWidth = wordWidth
            }
            if end >= characters.count { break }
            start = end + 1
        }
        result.append(line)
        return result
    }
}
