import EcouteCore
import Testing
@testable import EcouteTUI

/// The text grid: clipping (text cut says so: « … » in its last cell), wrapping, formatting, key decoding.
@Suite struct GridTests {
    func row(_ text: String, width: Int = 20, column: Int = 0, maxWidth: Int? = nil) -> String {
        var grid = Grid(width: width, height: 1)
        grid.put(text, row: 0, column: column, maxWidth: maxWidth)
        return grid.text
    }

    @Test func textCutAtItsWidthOrTheEdgeEndsWithAnEllipsis() {
        #expect(row("Centre médico-psychologique", maxWidth: 10) == "Centre mé…")
        #expect(row("Unité de soins des soignants — Charleville-Mézières") == "Unité de soins des …")
        #expect(row("abcdefghij", width: 12, column: 4) == "    abcdefg…")
        // Whole text, or only spaces cut: no ellipsis.
        #expect(row("Lyon", maxWidth: 4) == "Lyon")
        #expect(row("Lyon          ", maxWidth: 6) == "Lyon")
    }

    @Test func aWideCharacterCutKeepsTheGridWhole() {
        // 東京 is two columns a character: the ellipsis takes the cell the last one could not.
        #expect(row("ab東京都", maxWidth: 5) == "ab東…")
        #expect(row("ab東京都", maxWidth: 6) == "ab東…")
        var grid = Grid(width: 6, height: 1)
        grid.put("ab東京都", row: 0, column: 0)
        #expect(grid.cell(row: 0, column: 4).character == "…")
        #expect(grid.cell(row: 0, column: 5).isContinuation == false)
    }

    @Test func textIsClippedAtTheEdgeAndTrailingSpacesTrimmed() {
        var g = Grid(width: 5, height: 2)
        let end = g.put("abcdefg", row: 0, column: 2)
        #expect(end == 5)
        g.put("x", row: 1, column: -1)
        g.put("y", row: 5, column: 0)
        #expect(g.text == "  ab…\n")
        #expect(g.cell(row: 0, column: 2).character == "a")
    }

    @Test func wrapBreaksAtSpacesAndSplitsLongWords() {
        #expect(wrap("un deux trois", width: 7) == ["un deux", "trois"])
        #expect(wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(wrap("a\nb", width: 4) == ["a", "b"])
    }

    @Test func durationsAndClock() {
        #expect(Formatting.duration(0) == "00:00")
        #expect(Formatting.duration(25 * 60 + 7) == "25:07")
        #expect(Formatting.duration(3600 + 61) == "1:01:01")
        #expect(Formatting.clock(TUIFixtures.t0, timeZone: TUIFixtures.utc) == "14:13")
    }

    @Test func controlCharactersDecode() {
        #expect(Terminal.character(3) == .control("c"))
        #expect(Terminal.character(19) == .control("s"))
        #expect(Terminal.character(13) == .enter)
        #expect(Terminal.character(127) == .backspace)
        #expect(Terminal.character(27) == .escape)
        #expect(Terminal.character(0xE9) == .character("é"))
    }
}
