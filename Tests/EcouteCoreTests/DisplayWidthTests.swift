import EcouteCore
import Testing

/// The fast path for Latin text measures and cuts exactly as the character-by-character rule.
@Suite struct DisplayWidthTests {
    /// The rule, one grapheme cluster at a time (what `of` and `fit` did before the fast path).
    static func referenceWidth(_ text: String) -> Int { text.reduce(0) { $0 + DisplayWidth.of($1) } }

    static func referenceFit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if referenceWidth(text) <= width { return text }
        var out = "", used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    @Test func agreesWithTheRuleOnRandomText() {
        let pieces: [String] = ["a", "Z", " ", "é", "ç", "Œ", "ÿ", "ſ", "\u{AD}", "e\u{301}", "\u{301}", "漢", "😀", "❤\u{FE0F}",
                                "\t", "\r\n", "\u{200B}", "·", "—", "…", "ǅ", "ʼ", "\u{2FF}", "\u{300}", "’", "«\u{202F}", "▸", "█",
                                "€", "\u{2028}", "\u{202A}", "✓", "\u{25FD}", "\u{200D}", "\u{2060}", "→", "\u{FE0F}", "\u{20DD}"]
        var random = SeededGenerator(seed: 21)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(DisplayWidth.of(text) == Self.referenceWidth(text), "\(text.debugDescription)")
            let width = Int.random(in: 0...18, using: &random)
            #expect(DisplayWidth.fit(text, width) == Self.referenceFit(text, width), "\(text.debugDescription) in \(width)")
        }
    }

    @Test func frenchTextIsOneColumnACharacter() {
        #expect(DisplayWidth.of("Prêt à décrocher — Œuvre") == 24)
        #expect(DisplayWidth.fit("Centre médico-psychologique", 10) == "Centre mé…")
        #expect(DisplayWidth.of("漢字") == 4)
    }
}
