import EcouteCore
import Foundation
import Testing

/// The string tables' reader agrees with Foundation's JSON on every table it accepts, and refuses
/// what is not an object of strings, naming the line.
@Suite struct StringTableJSONTests {
    static func foundation(_ text: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    @Test func agreesWithFoundationOnEscapesAndUnicode() throws {
        let text = #"""
            {
              "plain": "Prêt à décrocher",
              "quotes": "il a dit \"non\" \\ puis /\/",
              "controls": "a\tb\nc\rd\be\ff",
              "unicode": "\u00e9\u20AC \ud83d\ude00 ⟦x⟧",
              "empty": "",
              "": "empty key"
            }
            """#
        let parsed = try StringTableJSON.parse(Array(text.utf8))
        #expect(parsed == (try Self.foundation(text)))
        #expect(parsed["unicode"] == "é€ 😀 ⟦x⟧")
    }

    @Test func agreesWithFoundationOnRandomTables() throws {
        var random = SeededGenerator(seed: 11)
        let alphabet = Array("aé\"\\/\n\t€😀 zZ0{}:,") + [Character(Unicode.Scalar(0x01))]
        for _ in 0..<200 {
            var table: [String: String] = [:]
            for k in 0..<Int.random(in: 0...12, using: &random) {
                let value = String((0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                table["k\(k)"] = value
            }
            let encoded = try JSONEncoder().encode(table)
            #expect(try StringTableJSON.parse(encoded) == table)
        }
    }

    @Test func theShippedTablesReadTheSameAsWithFoundation() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Resources/strings")
        for language in Language.allCases {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(language.rawValue).json"))
            let table = try StringTableJSON.parse(data)
            #expect(table.count > 500)
            #expect(table == (try JSONDecoder().decode([String: String].self, from: data)))
        }
    }

    @Test(arguments: [
        ("{\n\"a\": \"x\",\n\"a\": \"y\"\n}", 3, "the key \"a\" is repeated"),
        ("{\n\"a\": 3\n}", 2, "expected a string"),
        ("{\n\"a\": \"x\"\n\"b\": \"y\"}", 3, "expected , or } after the value of \"a\""),
        ("{\"a\": \"x\\q\"}", 1, "unknown escape \\q"),
        ("{\"a\": \"\\ud83d\"}", 1, "a lone high surrogate"),
        ("{\"a\": \"x}", 1, "unterminated string"),
        ("{\"a\": \"x\"} []", 1, "unexpected text after the object"),
        ("[]", 1, "expected {"),
    ])
    func refusesWhatIsNotAnObjectOfStrings(_ text: String, _ line: Int, _ reason: String) {
        #expect(throws: StringTableJSON.Invalid(line: line, reason: reason)) { try StringTableJSON.parse(Array(text.utf8)) }
    }
}

/// Placeholders are replaced in one pass, as the old one-by-one replacement did for every
/// template whose arguments hold no placeholder themselves.
@Suite struct StringsFormatTests {
    static func oneByOne(_ template: String, _ arguments: [String]) -> String {
        var s = template
        for (i, a) in arguments.enumerated() { s = s.replacingOccurrences(of: "{\(i + 1)}", with: a) }
        return s
    }

    @Test func agreesWithReplacingOneByOne() {
        let pieces = ["{1}", "{2}", "{3}", "{12}", "{", "}", "{0}", "{x}", "é", "Prêt ", "à ", "{1", "1}", "—", "{{2}}"]
        var random = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let template = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let arguments = (0..<Int.random(in: 0...3, using: &random)).map { _ in ["lun.", "9h", "", "Dr Émile"].randomElement(using: &random)! }
            let table = Strings(language: .fr, table: ["k": template])
            #expect(table.format("k", arguments: arguments) == Self.oneByOne(template, arguments), "\(template) \(arguments)")
        }
    }

    @Test func anArgumentIsNeverReadAsATemplate() {
        let table = Strings(language: .fr, table: ["k": "{1} et {2}"])
        #expect(table.format("k", "{2}", "b") == "{2} et b")
    }
}
