import Foundation
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

@Suite struct PlaceKeyTests {
    /// Every name the shipped geography holds is read from its bytes, and read as the long fold reads it.
    @Test func everyShippedPlaceNameIsReadQuicklyAsTheFoldReadsIt() throws {
        let geography = ScenarioTests.geography
        #expect(geography.departements.count >= 101)
        for name in geography.departements.flatMap({ [$0.name, $0.prefecture] }) {
            let quick = try #require(TypedSearch.Places.quickKey(name), "\(name) left to the long fold")
            #expect(quick == TypedSearch.Places.foldedKey(name), "\(name)")
        }
    }

    /// Whatever the quick reading takes, it reads as the long fold; what it leaves, it says so.
    @Test func theQuickReadingAgreesWithTheFoldOrStepsAside() {
        let listed = ["Côte-d'Or", "  Saint--Étienne ", "ÆSØP", "Straße", "L'Haÿ-les-Roses", "×÷", "Ðð", "Þþ",
                      "e\u{301}vry", "Œuvre", "Ÿ", "À.B,C", "", "  ", "97 4", "İstanbul"]
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 -'.,ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿœŒŸ\u{301}")
        let random = (0..<2_000).map { _ in String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
        var quick = 0
        for name in listed + random {
            guard let key = TypedSearch.Places.quickKey(name) else { continue }
            quick += 1
            #expect(key == TypedSearch.Places.foldedKey(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(quick > 100)
        #expect(TypedSearch.Places.quickKey("Œuvre") == nil && TypedSearch.Places.quickKey("e\u{301}vry") == nil
                && TypedSearch.Places.quickKey("×") == nil)
        #expect(TypedSearch.Places.quickKey("  Saint--Étienne ") == "saint etienne")
    }
}

@Suite struct GeographyFileTests {
    func folder(_ files: [String: [UInt8]]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("geography-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    static let good: [String: [UInt8]] = [
        "regions.csv": Array("code,name\n84,Auvergne-Rhône-Alpes\n".utf8),
        "departements.csv": Array("code,name,region,prefecture\n01,Ain,84,Bourg-en-Bresse\n69,Rhône,84,Lyon\n".utf8),
        "neighbours.csv": Array("departement,neighbour\n01,69\n".utf8),
    ]

    @Test func theFilesAreReadAsWritten() throws {
        let folder = try folder(Self.good)
        defer { try? FileManager.default.removeItem(at: folder) }
        let geography = try Geography.load(from: folder)
        #expect(geography.departement("69")?.name == "Rhône" && geography.regions.map(\.name) == ["Auvergne-Rhône-Alpes"])
        #expect(geography.neighbours(of: "69") == ["01"] && geography.neighbours(of: "01") == ["69"])
    }

    @Test func aMissingFileOrOneNotInUTF8IsNamed() throws {
        var latin1 = Self.good
        latin1["departements.csv"] = Array("code,name,region,prefecture\n69,Rh".utf8) + [0xF4] + Array("ne,84,Lyon\n".utf8)
        let badFolder = try folder(latin1)
        defer { try? FileManager.default.removeItem(at: badFolder) }
        #expect { try Geography.load(from: badFolder) } throws: { "\($0)".contains("departements.csv: not UTF-8 text") }
        var missing = Self.good
        missing["neighbours.csv"] = nil
        let missingFolder = try folder(missing)
        defer { try? FileManager.default.removeItem(at: missingFolder) }
        #expect { try Geography.load(from: missingFolder) } throws: { "\($0)".contains("neighbours.csv: cannot read (No such file or directory)") }
    }
}

@Suite struct PluralTests {
    @Test func zeroAndOneAreSingularInFrench() {
        let s = Strings(language: .fr, table: ["x.one": "{1} appel", "x.other": "{1} appels"])
        #expect(s.plural("x", 0) == "0 appel" && s.plural("x", 1) == "1 appel" && s.plural("x", 2) == "2 appels")
    }
}
