/// One line of text being typed, with its cursor: every text input of every screen (notes,
/// reasons, the follow-up, searches and filters, the board's and the review's forms) is one of
/// these. Positions count characters (grapheme clusters), so an accented letter or an emoji is
/// one step of the cursor. A word is a run of characters other than spaces.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Where the next character goes: 0 before the first, `characters.count` after the last.
    public private(set) var cursor: Int
    /// Longest text accepted (nil: no limit).
    public let maximumLength: Int?

    /// The text with the cursor at its end.
    public init(_ text: String = "", maximumLength: Int? = nil) {
        characters = Array(text)
        if let maximumLength, characters.count > maximumLength { characters.removeLast(characters.count - maximumLength) }
        cursor = characters.count
        self.maximumLength = maximumLength
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    public var isCursorAtEnd: Bool { cursor == characters.count }
}

/// What can be done to a text field: its events.
public enum TextFieldEdit: Equatable, Sendable {
    /// Typed or pasted text, inserted at the cursor in one piece (line breaks and tabs become spaces).
    case insert(String)
    case left, right, home, end, wordLeft, wordRight
    /// Deletes the character before the cursor (Backspace) or under it (Delete).
    case deleteBackward, deleteForward
    /// Deletes from the start of the line to the cursor (Ctrl-U), the word before the cursor
    /// (Ctrl-W, Alt-Backspace), from the cursor to the end (Ctrl-K), the word after it (Alt-D).
    case deleteToStart, deleteWordBackward, deleteToEnd, deleteWordForward
}

extension TextField {
    /// What an edit did.
    public struct Outcome: Equatable, Sendable {
        /// The text changed (not only the cursor).
        public var changed: Bool
        /// Part of the inserted text did not fit under the maximum length and was left out.
        public var truncated: Bool
    }

    /// The field's update: applies one edit.
    @discardableResult
    public mutating func apply(_ edit: TextFieldEdit) -> Outcome {
        let before = characters
        var truncated = false
        switch edit {
        case .insert(let text):
            var piece = Array(Self.flattened(text))
            if let maximumLength, characters.count + piece.count > maximumLength {
                piece = Array(piece.prefix(max(0, maximumLength - characters.count)))
                truncated = true
            }
            characters.insert(contentsOf: piece, at: cursor)
            cursor += piece.count
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight: cursor = wordEnd(after: cursor)
        case .deleteBackward:
            guard cursor > 0 else { break }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { break }
            characters.remove(at: cursor)
        case .deleteToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .deleteWordBackward:
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .deleteToEnd:
            characters.removeSubrange(cursor...)
        case .deleteWordForward:
            characters.removeSubrange(cursor..<wordEnd(after: cursor))
        }
        return Outcome(changed: characters != before, truncated: truncated)
    }

    /// Replaces the whole text, the cursor at its end.
    public mutating func set(_ text: String) { self = TextField(text, maximumLength: maximumLength) }

    /// Text as one line: line breaks and tabs become spaces, other control characters go.
    static func flattened(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { !($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) })
    }

    /// The start of the word before `index` (spaces before it skipped).
    func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1].isWhitespace { i -= 1 }
        while i > 0, !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }

    /// The end of the word after `index` (spaces before it skipped).
    func wordEnd(after index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        while i < characters.count, !characters[i].isWhitespace { i += 1 }
        return i
    }
}
