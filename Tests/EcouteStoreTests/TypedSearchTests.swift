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
