/// How a cell is drawn. Raw values match the ECOUTE_STYLE_* constants of the C shim.
public enum TextStyle: Int32, Sendable {
    case normal = 0, bold, reverse, alert, dim, header, ok, warn
}

/// One character cell of the screen.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: TextStyle
}

/// An in-memory screen: views draw here, the ncurses backend copies it to the terminal, and tests
/// compare its text with snapshots. Every character is one column wide (ecoute writes only
/// Latin text, punctuation and box-drawing characters).
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(character: " ", style: .normal), count: self.width * self.height)
    }

    /// Writes text from (row, column), clipped at `maxWidth` columns and at the grid's edge.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: TextStyle = .normal, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let limit = min(width, column + (maxWidth ?? width))
        var c = column
        for ch in text {
            if c >= limit { break }
            if c >= 0 {
                let printable: Character = (ch == "\n" || ch == "\t" || ch == "\r") ? " " : ch
                cells[row * width + c] = Cell(character: printable, style: style)
            }
            c += 1
        }
        return c
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
            var line = String(cells[(r * width)..<((r + 1) * width)].map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    public func row(_ r: Int) -> String {
        String(cells[(r * width)..<((r + 1) * width)].map(\.character))
    }
}

/// Wraps text into lines of at most `width` characters, breaking at spaces where possible.
public func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            var w = String(word)
            while w.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(w.prefix(width)))
                w = String(w.dropFirst(width))
            }
            if line.isEmpty { line = w } else if line.count + 1 + w.count <= width { line += " " + w } else {
                lines.append(line)
                line = w
            }
        }
        lines.append(line)
    }
    return lines
}
