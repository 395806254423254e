import EcouteCore

/// How a cell is drawn. Raw values match the ECOUTE_STYLE_* constants of the C shim.
public enum TextStyle: Int32, Sendable {
    case normal = 0, bold, reverse, alert, dim, header, ok, warn
}

/// One character cell of the screen.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: TextStyle
    /// The right half of a two-column character drawn in the cell before it.
    public var isContinuation = false

    public init(character: Character, style: TextStyle, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// An in-memory screen: views draw here, the ncurses backend copies it to the terminal, and tests
/// compare its text with snapshots. Text is measured in display columns (`DisplayWidth`): a wide
/// character (CJK, most emoji) takes two cells, a zero-width one none, so whatever a caller's
/// notes contain, nothing after them shifts.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(character: " ", style: .normal), count: self.width * self.height)
    }

    /// Writes text from (row, column), clipped at `maxWidth` columns and at the grid's edge; text cut
    /// there ends with « … » in its last cell, so a cut name or address never reads as whole.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: TextStyle = .normal, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let limit = min(width, column + (maxWidth ?? width))
        var c = column
        if DisplayWidth.simpleCount(text) != nil {
            // One column a scalar, each its own character: no grapheme breaking (most of a frame).
            let scalars = text.unicodeScalars
            var i = scalars.startIndex
            while i < scalars.endIndex {
                if c + 1 > limit {
                    if Self.hasVisible(scalars[i...]) { markCut(row, from: column, lastStart: c - 1, end: c, limit: limit, style: style) }
                    break
                }
                if c >= 0 { set(row, c, Cell(character: Character(scalars[i]), style: style)) }
                c += 1
                i = scalars.index(after: i)
            }
            return c
        }
        var lastStart = column
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            let printable: Character = (ch == "\n" || ch == "\t" || ch == "\r") ? " " : ch
            let w = DisplayWidth.of(printable)
            if w == 0 { i = text.index(after: i); continue }   // a lone control or zero-width character takes no cell
            if c + w > limit {
                if Self.hasVisible(text[i...].unicodeScalars) { markCut(row, from: column, lastStart: lastStart, end: c, limit: limit, style: style) }
                break
            }
            if c >= 0 {
                set(row, c, Cell(character: printable, style: style))
                if w == 2 { set(row, c + 1, Cell(character: " ", style: style, isContinuation: true)) }
            }
            lastStart = c
            c += w
            i = text.index(after: i)
        }
        return c
    }

    /// Whether what is left of a cut text holds anything but spaces (trailing padding cut is no cut).
    private static func hasVisible(_ rest: Substring.UnicodeScalarView) -> Bool {
        rest.contains { !$0.properties.isWhitespace }
    }

    /// « … » at the end of a cut text: in the free cell a wide character left, else over the last
    /// character written (both halves of a wide one).
    private mutating func markCut(_ row: Int, from column: Int, lastStart: Int, end: Int, limit: Int, style: TextStyle) {
        let at = end < limit ? end : lastStart
        guard at >= max(0, column), at < width else { return }
        set(row, at, Cell(character: "…", style: style))   // `set` blanks the other half of a wide character
    }

    /// Writes one cell, blanking the other half of any wide character it overwrites.
    private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
        let i = row * width + column
        if cells[i].isContinuation, column > 0, !cell.isContinuation {
            cells[i - 1] = Cell(character: " ", style: cells[i - 1].style)
        }
        if !cell.isContinuation, column + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(character: " ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Paints a whole row (or part of it) with a style, keeping its characters.
    public mutating func fillRow(_ row: Int, style: TextStyle, from: Int = 0, to: Int? = nil) {
        guard row >= 0, row < height else { return }
        for c in max(0, from)..<min(width, to ?? width) {
            cells[row * width + c].style = style
        }
    }

    public func cell(row: Int, column: Int) -> Cell { cells[row * width + column] }

    /// The plain text of the screen, trailing spaces trimmed: what snapshots compare.
    public var text: String {
        (0..<height).map { r in
            var line = row(r)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One row as text: as many display columns as the grid is wide.
    public func row(_ r: Int) -> String {
        String(cells[(r * width)..<((r + 1) * width)].filter { !$0.isContinuation }.map(\.character))
    }
}

/// Wraps text into lines of at most `width` display columns, breaking at spaces where possible.
public func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            var w = String(word)
            while DisplayWidth.of(w) > width {
                if !line.isEmpty { lines.append(line); line = "" }
                let head = prefix(w, columns: width)
                lines.append(head)
                w = String(w.dropFirst(head.count))
            }
            if line.isEmpty { line = w } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(w) <= width { line += " " + w } else {
                lines.append(line)
                line = w
            }
        }
        lines.append(line)
    }
    return lines
}

/// The longest prefix of `text` that fits in `columns` (at least one character, so wrapping ends).
func prefix(_ text: String, columns: Int) -> String {
    var out = ""
    var used = 0
    for c in text {
        let w = DisplayWidth.of(c)
        if used + w > columns, !out.isEmpty { break }
        out.append(c)
        used += w
    }
    return out
}
