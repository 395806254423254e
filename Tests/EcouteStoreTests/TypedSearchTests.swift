import EcouteCore
import EcouteTestSupport
import Testing

/// Kind words, places and « téléconsultation » read out of what a psychologist types, in any order.
@Suite struct TypedSearchTests {
    let g = TestResources.geography

    @Test func kindsAndPlacesInAnyOrder() {
        #expect(TypedSearch.read("psychiatre lyon", geography: g) == TypedSearch(kind: .psychiatrist, departement: "69", commune: "Lyon", placeWords: ["lyon"]))
        #expect(TypedSearch.read("Lyon PSYCHIATRES", geography: g) == TypedSearch(kind: .psychiatrist, departement: "69", commune: "Lyon", placeWords: ["Lyon"]))
        #expect(TypedSearch.read("médecin généraliste 69", geography: g) == TypedSearch(kind: .gp, departement: "69", placeWords: ["69"]))
        #expect(TypedSearch.read("psychologue ajaccio", geography: g) == TypedSearch(kind: .psychologist, departement: "2A", commune: "Ajaccio", placeWords: ["ajaccio"]))
        #expect(TypedSearch.read("addicto 13 téléconsultation", geography: g)
                == TypedSearch(kind: .addiction, departement: "13", teleconsultation: true, placeWords: ["13"]))
        #expect(TypedSearch.read("psychologue corse-du-sud sommeil", geography: g)
                == TypedSearch(kind: .psychologist, departement: "2A", words: ["sommeil"], placeWords: ["corse", "du", "sud"]))
        #expect(TypedSearch.read("généraliste 69003", geography: g) == TypedSearch(kind: .gp, departement: "69", placeWords: ["69003"]))
        #expect(TypedSearch.read("psychiatre 974", geography: g) == TypedSearch(kind: .psychiatrist, departement: "974", placeWords: ["974"]))
    }

    /// ASCII text is cut from its bytes: the same words as Unicode's letters and digits give.
    @Test func asciiWordsAreCutAsUnicodeCutsThem() {
        func unicode(_ text: String) -> [String] { text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
        var samples = ["martin", "  Dr  Jean-Pierre MARTIN, 69003 Lyon\r\n", "a_b~c|d{e}f@g", "l'Haÿ-les-Roses", "Saint-Étienne 42",
                       "\t\n\r\u{0}\u{7F}x9", "", "----", "CSAPA/CMP (13)", "élodie", "naïve café"]
        samples.append(String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }))
        for text in samples { #expect(TypedSearch.words(text) == unicode(text), "\(text.debugDescription)") }
    }

    @Test func namesStayWords() {
        #expect(TypedSearch.read("Martin", geography: g) == TypedSearch(words: ["Martin"]))
        #expect(TypedSearch.read("MOTS médecins", geography: g) == TypedSearch(words: ["MOTS", "médecins"]))
        #expect(TypedSearch.read("psychia", geography: g) == TypedSearch(words: ["psychia"]))
        #expect(TypedSearch.read("Dr Garnier psychiatre", geography: g) == TypedSearch(kind: .psychiatrist, words: ["Dr", "Garnier"]))
        // A second kind or place is a word of a name.
        #expect(TypedSearch.read("psychiatre lyon rhône", geography: g)
                == TypedSearch(kind: .psychiatrist, departement: "69", commune: "Lyon", words: ["rhône"], placeWords: ["lyon"]))
    }
}
