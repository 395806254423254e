import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// Real before sample: the shipped sample directory is marked as fictitious, and once a real
/// source holds a kind, no sample entry of that kind is proposed; kinds only the sample has stay,
/// marked, and the statistics name them.
@Suite struct SampleDataTests {
    typealias T = RPPSImportTests

    static func registerWithGPsAndPsychologists() throws -> String {
        try register([
            T.person("40001", "Hélène", "Roux", profession: "Médecin", skill: "Médecine Générale", site: "S1", postcode: "69003", town: "Lyon", dep: "69"),
            T.person("40002", "Marc", "Vidal", profession: "Psychologue", skill: "", site: "S2", postcode: "13001", town: "Marseille", dep: "13"),
        ])
    }

    /// An RPPS extract of these people, in a temporary file: its path.
    static func register(_ people: [[String: String]]) throws -> String {
        let text = ([T.columns.joined(separator: "|")] + people.map(T.line)).map { $0 + "\n" }.joined()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rpps-\(UUID().uuidString).txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theSampleIsMarkedAndGivesWayToRealEntriesKindByKind() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let all = try t.directory.allEntries()
        #expect(all.filter(\.isSample).count == all.filter { $0.source == "sample" }.count)
        #expect(all.contains { $0.kind == .emergency && !$0.isSample })
        let marked = try t.directoryFile.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries WHERE sample") }
        #expect(marked == all.filter(\.isSample).count && marked! > 1_000)
        // Before any real source: the sample is proposed, and every kind it has is fictitious only.
        let before = try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 5)
        #expect(!before.isEmpty && before.allSatisfy(\.entry.isSample))
        let fictitious: [ReferralKind] = [.psychologist, .gp, .psychiatrist, .unit, .legal, .administrative, .replacement, .addiction]
        #expect(try DirectoryStatistics.compute(t.directoryFile, geography: TestResources.geography, verifiedCutoff: "2026-01-01").onlyFictitious == fictitious)

        let path = try Self.registerWithGPsAndPsychologists()
        defer { unlink(path) }
        _ = try RPPSImporter(file: t.directoryFile, geography: TestResources.geography).importFile(path)
        // GPs and psychologists: only the real ones, however many are asked for; where there is
        // no real one near, nothing rather than the sample.
        for (kind, departement, name) in [(ReferralKind.gp, "69", "Dr Hélène Roux"), (.psychologist, "13", "Marc Vidal")] {
            let ranked = try t.directory.candidates(kind: kind, near: departement, preferring: nil, excluding: [], limit: 50)
            #expect(ranked.map(\.entry.name) == [name], "\(kind) near \(departement)")
            for far in ["2A", "974", "59"] {
                let elsewhere = try t.directory.candidates(kind: kind, near: far, preferring: nil, excluding: [], limit: 50)
                #expect(!elsewhere.contains { $0.entry.isSample }, "\(kind) near \(far)")
            }
        }
        // Psychiatrists (no real one yet) and units (only the sample has them): the sample stays, marked.
        for kind in [ReferralKind.psychiatrist, .unit] {
            let ranked = try t.directory.candidates(kind: kind, near: "69", preferring: nil, excluding: [], limit: 5)
            #expect(!ranked.isEmpty && ranked.allSatisfy(\.entry.isSample), "\(kind)")
        }
        #expect(try DirectoryStatistics.compute(t.directoryFile, geography: TestResources.geography, verifiedCutoff: "2026-01-01").onlyFictitious
                == fictitious.filter { $0 != .gp && $0 != .psychologist })
        // The directory screen's search for a kind: the same rule.
        #expect(try t.directory.search(DirectoryQuery(kind: .gp), limit: 500).map(\.name) == ["Dr Hélène Roux"])
        #expect(try t.directory.search(DirectoryQuery(text: "psychologues"), limit: 500).map(\.name) == ["Marc Vidal"])
        let units = try t.directory.search(DirectoryQuery(kind: .unit), limit: 500)
        #expect(!units.isEmpty && units.allSatisfy(\.isSample))
    }

    /// A name search lists the real entries first: the sample entries a real source supersedes
    /// come after them (marked, still there to be looked at), however their names sort; the
    /// sample's other kinds stay among the real ones by name.
    @Test func aNameSearchListsRealEntriesBeforeTheSampleTheySupersede() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let sampleMartins = try t.directory.search(DirectoryQuery(text: "martin"), limit: 500)
        #expect(sampleMartins.contains { $0.kind == .gp && $0.isSample } && sampleMartins.contains { $0.kind == .legal })
        let path = try Self.register([
            T.person("40011", "Zoé", "Martin", profession: "Médecin", skill: "Médecine Générale", site: "S1", postcode: "69003", town: "Lyon", dep: "69"),
            T.person("40012", "Yves", "Martin", profession: "Psychologue", skill: "", site: "S2", postcode: "13001", town: "Marseille", dep: "13"),
        ])
        defer { unlink(path) }
        _ = try RPPSImporter(file: t.directoryFile, geography: TestResources.geography).importFile(path)

        let superseded: (DirectoryEntry) -> Bool = { $0.isSample && ($0.kind == .gp || $0.kind == .psychologist) }
        let found = try t.directory.search(DirectoryQuery(text: "martin"), limit: 500)
        #expect(found.count == sampleMartins.count + 2)
        // The real entries, by name; then the sample's entries of kinds no real source holds
        // (legal among them), by name; then the sample entries the register supersedes.
        #expect(found.prefix(2).map(\.name) == ["Dr Zoé Martin", "Yves Martin"])
        let firstSuperseded = try #require(found.firstIndex(where: superseded))
        let alone = found[2..<firstSuperseded]
        #expect(alone.contains { $0.kind == .legal } && alone.allSatisfy { $0.isSample && !superseded($0) })
        #expect(alone.map { DirectorySchema.sortKey($0.name) } == alone.map { DirectorySchema.sortKey($0.name) }.sorted())
        #expect(found[firstSuperseded...].allSatisfy(superseded))
        // A short limit keeps the real ones, not the first fictitious names of any kind.
        let two = try t.directory.search(DirectoryQuery(text: "martin"), limit: 2)
        #expect(two.map(\.name) == ["Dr Zoé Martin", "Yves Martin"])
        let three = try t.directory.search(DirectoryQuery(text: "martin"), limit: 3)
        #expect(three.count == 3 && three[2].isSample && !superseded(three[2]))
        // Without words (filters only), the same order.
        let inRhone = try t.directory.search("", kind: .gp, departement: "69", limit: 500)
        #expect(inRhone.first?.name == "Dr Zoé Martin" && inRhone.dropFirst().allSatisfy(\.isSample) && inRhone.count > 1)
        let named = try t.directory.search("", departement: nil, limit: 5_000)
        let ranks = named.map { $0.isSample ? (superseded($0) ? 2 : 1) : 0 }
        #expect(ranks == ranks.sorted() && ranks.contains(0) && ranks.contains(1) && ranks.contains(2))
    }

    /// « médecin lyon »: the register's GPs and psychiatrists of Lyon (its entries never write the
    /// word), before the sample's entries that do; not its psychologists.
    @Test func aWordThatNamesDoctorsFindsTheRegistersGPsAndPsychiatrists() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let path = try Self.register([
            T.person("40021", "Anne", "Perrin", profession: "Médecin", skill: "Médecine Générale", site: "S1", postcode: "69003", town: "Lyon", dep: "69"),
            T.person("40022", "Paul", "Garnier", profession: "Médecin", skill: "Psychiatrie", site: "S2", postcode: "69007", town: "Lyon", dep: "69"),
            T.person("40023", "Lise", "Fabre", profession: "Psychologue", skill: "", site: "S3", postcode: "69001", town: "Lyon", dep: "69"),
            T.person("40024", "Marc", "Roux", profession: "Médecin", skill: "Médecine Générale", site: "S4", postcode: "13001", town: "Marseille", dep: "13"),
        ])
        defer { unlink(path) }
        _ = try RPPSImporter(file: t.directoryFile, geography: TestResources.geography).importFile(path)
        for text in ["médecin lyon", "lyon médecins", "Docteur Lyon", "doctor lyon"] {
            let found = try t.directory.search(DirectoryQuery(text: text), limit: 50)
            let real = found.filter { !$0.isSample }.map(\.name)
            #expect(Set(real) == ["Dr Anne Perrin", "Dr Paul Garnier"], "\(text)")
            #expect(found.prefix(2).allSatisfy { !$0.isSample }, "\(text)")
        }
        // The word still finds what writes it: the associations for doctors.
        let written = try t.directory.search(DirectoryQuery(text: "médecin"), limit: 500)
        #expect(written.contains { $0.kind == .association && $0.specialities.contains(Profession.medecin.rawValue) })
        // A prefix being typed is only a prefix.
        let typing = try t.directory.search(DirectoryQuery(text: "medeci lyon"), limit: 50)
        #expect(typing.allSatisfy { $0.isSample })
    }
}
