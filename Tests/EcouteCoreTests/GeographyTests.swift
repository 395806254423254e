import Testing
@testable import EcouteCore

@Suite struct GeographyTests {
    static let geo = Geography(
        regions: [Region(code: "84", name: "Auvergne-Rhône-Alpes"), Region(code: "94", name: "Corse")],
        departements: [
            Departement(code: "01", name: "Ain", regionCode: "84", prefecture: "Bourg-en-Bresse"),
            Departement(code: "07", name: "Ardèche", regionCode: "84", prefecture: "Privas"),
            Departement(code: "69", name: "Rhône", regionCode: "84", prefecture: "Lyon"),
            Departement(code: "73", name: "Savoie", regionCode: "84", prefecture: "Chambéry"),
            Departement(code: "74", name: "Haute-Savoie", regionCode: "84", prefecture: "Annecy"),
            Departement(code: "2A", name: "Corse-du-Sud", regionCode: "94", prefecture: "Ajaccio"),
        ],
        neighbours: [("01", "69"), ("69", "01"), ("01", "73"), ("73", "74")])

    @Test func codesAndNamePrefixesFindDepartements() {
        #expect(Self.geo.search("69").map(\.code) == ["69"])
        #expect(Self.geo.search("0").map(\.code) == ["01", "07"])
        #expect(Self.geo.search("rho").map(\.code) == ["69"])
        #expect(Self.geo.search("ARDE").map(\.code) == ["07"])
        #expect(Self.geo.search("2a").map(\.code) == ["2A"])
        // A word inside the name matches after names that start with it.
        #expect(Self.geo.search("sav").map(\.code) == ["73", "74"])
        #expect(Self.geo.search("").count == 6)
        #expect(Self.geo.search("zzz").isEmpty)
    }

    @Test func neighboursAreSymmetricAndRegionExcludesSelf() {
        #expect(Self.geo.neighbours(of: "01") == ["69", "73"])
        #expect(Self.geo.neighbours(of: "74") == ["73"])
        #expect(Self.geo.sameRegion(as: "69") == ["01", "07", "73", "74"])
        #expect(Self.geo.departement("2a")?.name == "Corse-du-Sud")
    }
}

@Suite struct PluralTests {
    @Test func zeroAndOneAreSingularInFrench() {
        let s = Strings(language: .fr, table: ["x.one": "{1} appel", "x.other": "{1} appels"])
        #expect(s.plural("x", 0) == "0 appel" && s.plural("x", 1) == "1 appel" && s.plural("x", 2) == "2 appels")
    }
}
