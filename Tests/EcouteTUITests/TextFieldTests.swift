import EcouteCore
import Testing
@testable import EcouteTUI

/// The one text field: every edit, its keys, and how it is drawn.
@Suite struct TextFieldTests {
    /// A field holding `text` with the cursor at `cursor`.
    static func field(_ text: String, cursor: Int? = nil, maximumLength: Int? = nil) -> TextField {
        var f = TextField(text, maximumLength: maximumLength)
        if let cursor { for _ in 0..<(text.count - cursor) { f.apply(.left) } }
        return f
    }

    @Test func typingGoesInAtTheCursor() {
        var f = Self.field("nuit calme", cursor: 4)
        #expect(f.apply(.insert(" très")) == TextField.Outcome(changed: true, truncated: false))
        #expect(f.text == "nuit très calme" && f.cursor == 9)
    }

    @Test func leftAndRightStopAtTheEnds() {
        var f = Self.field("ab")
        f.apply(.right)
        #expect(f.cursor == 2)
        for _ in 0..<5 { f.apply(.left) }
        #expect(f.cursor == 0)
        #expect(f.apply(.left).changed == false)
    }

    @Test func homeAndEnd() {
        var f = Self.field("épuisement", cursor: 3)
        f.apply(.home)
        #expect(f.cursor == 0)
        f.apply(.end)
        #expect(f.cursor == 10 && f.isCursorAtEnd)
    }

    @Test func wordJumpsSkipSpacesThenAWord() {
        var f = Self.field("conflit avec  l'encadrement")
        f.apply(.wordLeft)
        #expect(f.cursor == 14)   // before « l'encadrement »
        f.apply(.wordLeft)
        #expect(f.cursor == 8)    // before « avec »
        f.apply(.wordRight)
        #expect(f.cursor == 12)   // after « avec »
        f.apply(.home); f.apply(.wordRight)
        #expect(f.cursor == 7)
    }

    /// Each deletion from a cursor in the middle: the text and the cursor after it.
    @Test(arguments: [
        ("nuiit", 3, TextFieldEdit.deleteBackward, "nuit", 2),
        ("nuiit", 2, .deleteForward, "nuit", 2),
        ("rappel jeudi 14h", 7, .deleteToStart, "jeudi 14h", 0),   // Ctrl-U
        ("rappel jeudi 14h", 6, .deleteToEnd, "rappel", 6),        // Ctrl-K
    ])
    func deletingInTheMiddle(_ text: String, _ cursor: Int, _ edit: TextFieldEdit, _ after: String, _ cursorAfter: Int) {
        var f = Self.field(text, cursor: cursor)
        #expect(f.apply(edit).changed)
        #expect(f.text == after && f.cursor == cursorAfter)
    }

    @Test func nothingToDeleteAtTheEnds() {
        var f = Self.field("nuit")
        #expect(f.apply(.deleteForward).changed == false && f.apply(.deleteToEnd).changed == false)
        f.apply(.home)
        #expect(f.apply(.deleteBackward).changed == false && f.apply(.deleteToStart).changed == false)
    }

    @Test func controlWDeletesTheWordBeforeAltDTheWordAfter() {
        var f = Self.field("rappel jeudi 14h", cursor: 13)
        f.apply(.deleteWordBackward)
        #expect(f.text == "rappel 14h" && f.cursor == 7)
        f.apply(.deleteWordForward)
        #expect(f.text == "rappel " && f.cursor == 7)
    }

    @Test func aPasteIsOnePieceAtTheCursorOnOneLine() {
        var f = Self.field("avant après", cursor: 6)
        f.apply(.insert("ligne 1\nligne 2\tfin "))
        #expect(f.text == "avant ligne 1 ligne 2 fin après" && f.cursor == 26)
    }

    @Test func whatDoesNotFitIsLeftOutAndSaid() {
        var f = Self.field("abc", cursor: 1, maximumLength: 5)
        #expect(f.apply(.insert("XYZ")) == TextField.Outcome(changed: true, truncated: true))
        #expect(f.text == "aXYbc" && f.cursor == 3)
        #expect(f.apply(.insert("Q")) == TextField.Outcome(changed: false, truncated: true))
    }

    @Test func theKeysOfTheKeymap() {
        let cases: [(Key, TextFieldEdit)] = [
            (.left, .left), (.right, .right), (.home, .home), (.control("a"), .home), (.end, .end), (.control("e"), .end),
            (.controlLeft, .wordLeft), (.altLeft, .wordLeft), (.alt("b"), .wordLeft),
            (.controlRight, .wordRight), (.altRight, .wordRight), (.alt("f"), .wordRight),
            (.backspace, .deleteBackward), (.delete, .deleteForward), (.control("u"), .deleteToStart),
            (.control("w"), .deleteWordBackward), (.control("k"), .deleteToEnd), (.alt("d"), .deleteWordForward),
            (.character("é"), .insert("é")),
        ]
        for (key, edit) in cases { #expect(TextFieldKeymap.edit(for: key) == edit, "\(key)") }
        #expect(TextFieldKeymap.edit(for: .function(5)) == nil && TextFieldKeymap.edit(for: .enter) == nil)
    }

    @Test func everyEditingKeyIsInTheHelpLine() {
        let s = TUIFixtures.french
        let summary = TextFieldKeymap.summary(s)
        for binding in TextFieldKeymap.keymap.bindings { #expect(summary.contains(s[binding.description + ".short"])) }
    }

    // MARK: - Drawing

    @Test func atTheEndTheFieldWrapsLikeTheTextWithItsCursor() {
        let text = "Nuits difficiles depuis la réorganisation du service ; conflit avec l'encadrement, arrêt de travail refusé."
        var grid = Grid(width: 40, height: 6)
        let rows = TextFieldView.draw(TextField(text), into: &grid, row: 0, column: 0, width: 30, rows: 6)
        let expected = wrap(text + "_", width: 30)
        #expect(rows == expected.count)
        for (i, line) in expected.enumerated() { #expect(grid.row(i).hasPrefix(line)) }
    }

    @Test func theCursorInTheMiddleIsTheCharacterInReverseVideo() {
        var grid = Grid(width: 20, height: 2)
        TextFieldView.draw(Self.field("abcdef", cursor: 2), into: &grid, row: 0, column: 1, width: 10, rows: 1)
        #expect(grid.row(0).hasPrefix(" abcdef "))
        #expect(grid.cell(row: 0, column: 3) == Cell(character: "c", style: .reverse))
        #expect(grid.cell(row: 0, column: 2).style == .normal)
    }

    /// A text that begins with a space (Alt-D at the start, a paste) shows it: the first word is
    /// not drawn over the cursor (« alpha beta » less its first word showed « eta »).
    @Test(arguments: [" beta gamma", "  deux espaces", "a  b"])
    func leadingAndDoubledSpacesAreDrawnAndTheCursorOnThem(_ text: String) {
        var grid = Grid(width: 30, height: 2)
        TextFieldView.draw(Self.field(text, cursor: 0), into: &grid, row: 0, column: 0, width: 20, rows: 2)
        #expect(grid.row(0).hasPrefix(text))
        #expect(grid.cell(row: 0, column: 0) == Cell(character: text.first!, style: .reverse))
    }

    @Test func theRowsShownFollowTheCursor() {
        let text = (1...12).map { "mot\($0)" }.joined(separator: " ")   // 4 lines of 20 columns
        var grid = Grid(width: 20, height: 2)
        TextFieldView.draw(Self.field(text, cursor: 0), into: &grid, row: 0, column: 0, width: 20, rows: 2)
        #expect(grid.row(0).hasPrefix("mot1 mot2") && grid.cell(row: 0, column: 0).style == .reverse)
        grid = Grid(width: 20, height: 2)
        TextFieldView.draw(TextField(text), into: &grid, row: 0, column: 0, width: 20, rows: 2)
        #expect(grid.row(1).contains("mot12_"))
    }

    @Test func oneRowScrollsSoTheCursorShows() {
        var grid = Grid(width: 10, height: 1)
        TextFieldView.drawLine(TextField("0123456789abc"), into: &grid, row: 0, column: 0, width: 10)
        #expect(grid.row(0) == "456789abc_")
        grid = Grid(width: 10, height: 1)
        TextFieldView.drawLine(Self.field("0123456789abc", cursor: 0), into: &grid, row: 0, column: 0, width: 10)
        #expect(grid.row(0) == "0123456789" && grid.cell(row: 0, column: 0).style == .reverse)
    }
}
