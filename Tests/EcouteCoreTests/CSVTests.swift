import Testing
@testable import EcouteCore

@Suite struct CSVTests {
    @Test func quotedFieldsMayHoldCommasNewlinesAndQuotes() throws {
        let text = "a,b\n\"x, y\",\"line1\nline2\"\n\"say \"\"hi\"\"\",\"\"\"\"\n"
        let r = try CSV.parse(text)
        #expect(r.map(\.fields) == [["a", "b"], ["x, y", "line1\nline2"], ["say \"hi\"", "\""]])
        // Records report the line they start on, counting newlines inside quotes.
        #expect(r.map(\.line) == [1, 2, 4])
    }

    @Test func doubledQuoteNextToANewline() throws {
        let r = try CSV.parse("a\n\"\"\"\nb\"\"\"\n")
        #expect(r.map(\.fields) == [["a"], ["\"\nb\""]])
    }

    @Test func allLineEndingsAndABOM() throws {
        #expect(try CSV.parse("\u{FEFF}a,b\r\n1,2\r\n").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try CSV.parse("a,b\r1,2\r").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try CSV.parse("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try CSV.parse("a\r\n\"x\r\ny\"\r\n").map(\.fields) == [["a"], ["x\ny"]])
    }

    @Test func blankLinesAreSkippedAndRaggedRowsKept() throws {
        let r = try CSV.parse("a,b\n\n1\n1,2,3\n,\n")
        #expect(r.map(\.fields) == [["a", "b"], ["1"], ["1", "2", "3"], ["", ""]])
        #expect(r.map(\.line) == [1, 3, 4, 5])
    }

    @Test func malformedInputThrowsWithTheLineInsteadOfTrapping() {
        #expect(throws: CSV.ParseError(line: 2, reason: "quoted field never closed")) { try CSV.parse("a\n\"open\nmore") }
        #expect(throws: CSV.ParseError(line: 1, reason: "unexpected quote inside an unquoted field")) { try CSV.parse("ab\"c\n") }
        #expect(throws: CSV.ParseError(line: 1, reason: "text after a closing quote")) { try CSV.parse("\"ab\"c\n") }
    }

    @Test func formatRoundTrips() throws {
        let fields = ["plain", "with, comma", "with \"quote\"", "two\nlines", ""]
        #expect(try CSV.parse(CSV.format(fields) + "\n").map(\.fields) == [fields])
    }
}
