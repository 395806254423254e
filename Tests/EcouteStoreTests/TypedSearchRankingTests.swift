import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteSQLite

/// « psychiatre lyon » as the directory screen and `directory search` read it: entries of the
/// kind in the commune, then the rest of the département, then its neighbours, then names
/// matching every word; other kinds, far places and fictitious entries of a kind a real source
/// holds left out.
@Suite struct TypedSearchRankingTests {
    static func person(_ id: String, _ kind: ReferralKind, _ name: String, city: String, dep: String, source: String = "t",
                       tele: Bool = false) -> DirectoryEntry {
        DirectoryEntry(source: source, sourceID: id, kind: kind, name: name, city: city, departement: dep,
                       region: TestResources.geography.departement(dep)?.regionCode, phones: ["04 99 00 00 00"], teleconsultation: tele)
    }

    static let entries = [
        person("p1", .psychiatrist, "Dr Zoé Perrin", city: "Lyon", dep: "69"),
        person("p2", .psychiatrist, "Dr Alain Bernard", city: "Lyon", dep: "69"),
        person("p3", .psychiatrist, "Dr Anne Collet", city: "Villeurbanne", dep: "69"),
        person("p4", .psychiatrist, "Dr Marc Ain", city: "Bourg-en-Bresse", dep: "01"),
        person("p5", .psychiatrist, "Dr Paul Lyon", city: "Marseille", dep: "13"),
        person("p6", .psychiatrist, "Dr Jean Paris", city: "Paris", dep: "75"),
        person("g1", .gp, "Dr Hélène Roux", city: "Lyon", dep: "69"),
        person("s1", .psychiatrist, "Dr Fictif Lyonnais", city: "Lyon", dep: "69", source: "sample"),
        person("y1", .psychologist, "Rose Santoni", city: "Bastia", dep: "2B"),
        person("y2", .psychologist, "Marie Leca", city: "Ajaccio", dep: "2A"),
        person("y3", .psychologist, "Luc Pietri", city: "Porto-Vecchio", dep: "2A"),
        person("a1", .addiction, "CSAPA Nord", city: "Marseille", dep: "13", tele: true),
        person("a2", .addiction, "CSAPA Sud", city: "Marseille", dep: "13"),
    ]

    @Test func kindThenCommuneThenDepartementThenNeighboursThenNames() throws {
        let t = try TemporaryDatabase()
        try t.add(Self.entries)
        func names(_ text: String, kind: ReferralKind? = nil) throws -> [String] {
            try t.directory.search(DirectoryQuery(text: text, kind: kind), limit: 20).map(\.name)
        }
        let expected = ["Dr Alain Bernard", "Dr Zoé Perrin", "Dr Anne Collet", "Dr Marc Ain", "Dr Paul Lyon"]
        #expect(try names("psychiatre lyon") == expected)
        #expect(try names("Lyon psychiatres") == expected)
        #expect(try names("lyon", kind: .psychiatrist) == expected)
        #expect(try names("médecin généraliste 69") == ["Dr Hélène Roux"])
        #expect(try names("psychologue ajaccio") == ["Marie Leca", "Luc Pietri", "Rose Santoni"])
        #expect(try names("addicto 13 téléconsultation") == ["CSAPA Nord"])
        // With a name word: only those it matches, in the same order of places.
        #expect(try names("psychiatre collet 69") == ["Dr Anne Collet"])
        // The command reads it the same way.
        let maintenance = SQLiteDirectoryMaintenance(file: t.directoryFile, geography: TestResources.geography)
        #expect(try maintenance.search("psychiatre lyon", kind: nil, departement: nil, region: nil, teleconsultation: nil, limit: 20)
                    .map(\.name) == expected)
        // A word that is neither kind nor place is searched as before, by name; the sample
        // psychiatrist, superseded by real ones, after them.
        #expect(try names("lyon") == ["Dr Alain Bernard", "Dr Hélène Roux", "Dr Paul Lyon", "Dr Zoé Perrin", "Dr Fictif Lyonnais"])
    }
}
