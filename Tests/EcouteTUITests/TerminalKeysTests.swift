import Testing
@testable import EcouteTUI

/// The keys the ncurses backend decodes itself, when the terminal's description does not: what
/// follows an Escape in the same write.
@Suite struct TerminalKeysTests {
    @Test func modifiedArrowsHomeEndAndDeleteFromTheirSequences() {
        let cases: [(String, Key)] = [
            ("[1;5D", .controlLeft), ("[1;5C", .controlRight), ("Od", .controlLeft), ("Oc", .controlRight),
            ("[1;3D", .altLeft), ("[1;3C", .altRight),
            ("[H", .home), ("OH", .home), ("[1~", .home), ("[7~", .home), ("[F", .end), ("OF", .end), ("[4~", .end), ("[8~", .end),
            ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown), ("[A", .up), ("OB", .down), ("[Z", .backTab),
        ]
        for (sequence, key) in cases { #expect(Terminal.escapeSequence(sequence) == key, "\(sequence)") }
    }

    @Test func altWithTheTextFieldsLettersOnly() {
        #expect(Terminal.escapeSequence("b") == .alt("b"))
        #expect(Terminal.escapeSequence("f") == .alt("f"))
        #expect(Terminal.escapeSequence("d") == .alt("d"))
        // Escape then q stays Escape then q (leaving a screen, then quitting).
        #expect(Terminal.escapeSequence("q") == nil)
        #expect(Terminal.escapeSequence("[1;9Q") == nil)
    }

    @Test func aSequenceEndsAtItsFinalByte() {
        #expect(!Terminal.endsSequence("1") && !Terminal.endsSequence(";"))
        #expect(Terminal.endsSequence("D") && Terminal.endsSequence("~") && Terminal.endsSequence("H"))
    }

    @Test func controlCharactersAreControlKeys() {
        #expect(Terminal.character(21) == .control("u"))
        #expect(Terminal.character(23) == .control("w"))
        #expect(Terminal.character(11) == .control("k"))
        #expect(Terminal.character(127) == .backspace)
    }
}
