import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// The directory as the console and the administrator use it.
@Suite struct DirectoryContract {
    @Test(arguments: StoreBackend.allCases)
    func candidatesComeNearestFirstAndOnlyActive(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.add([entry("far", .gp, "59", tele: true), entry("neighbour", .gp, "01"), entry("same", .gp, "69"),
                        entry("closed", .gp, "69", active: false), entry("psy", .psychologist, "69")])
        let ranked = try opened.store.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 10)
        #expect(ranked.map(\.entry.name) == ["Entry same", "Entry neighbour", "Entry far"])
        #expect(ranked.map(\.tier) == [.sameDepartement, .neighbour, .teleconsultation])
        let excluded = try opened.store.directory.candidates(kind: .gp, near: "69", preferring: nil,
                                                              excluding: [ranked[0].entry.id!], limit: 1)
        #expect(excluded.map(\.entry.name) == ["Entry neighbour"])
    }

    @Test(arguments: StoreBackend.allCases)
    func associationsServeTheirProfessionsInTheirRegionOrNationwide(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        func association(_ id: String, _ professions: [String], region: String?, active: Bool = true) -> DirectoryEntry {
            var e = entry(id, .association, nil, active: active, specialities: professions)
            e.region = region
            return e
        }
        try opened.add([association("doctors", ["medecin", "interne"], region: nil),
                        association("pharmacists-ara", ["pharmacien"], region: "84"),
                        association("everyone-ge", [ReferralKind.everyProfessionTag], region: "44"),
                        association("closed", ["medecin"], region: nil, active: false)])
        let directory = opened.store.directory
        func names(_ profession: Profession, _ dep: String?) throws -> [String] {
            try directory.associations(serving: profession, student: false, near: dep, limit: 5).map(\.entry.name)
        }
        #expect(try names(.medecin, "69") == ["Entry doctors"])
        #expect(try names(.pharmacien, "69") == ["Entry pharmacists-ara"])
        #expect(try names(.pharmacien, "75").isEmpty)
        #expect(try names(.pharmacien, nil).isEmpty)   // a regional association needs the caller's region
        #expect(try names(.medecin, "67") == ["Entry everyone-ge", "Entry doctors"])   // regional first
        #expect(try names(.infirmier, "67") == ["Entry everyone-ge"])
        let ranked = try directory.associations(serving: .medecin, student: false, near: "67", limit: 5)
        #expect(ranked.map(\.tier) == [.region, .national])
        #expect(try directory.associations(serving: .medecin, student: false, near: "67", limit: 1).count == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func searchFoldsAccentsAndFilters(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        var a = entry("a", .psychologist, "69", tele: true)
        a.name = "Hélène Épinal"
        var b = entry("b", .gp, "69")
        b.name = "Dr Hélène Martin"
        try opened.add([a, b, entry("c", .gp, "75")])
        let directory = opened.store.directory
        #expect(try directory.search(DirectoryQuery(text: "helene"), limit: 10).map(\.name) == ["Dr Hélène Martin", "Hélène Épinal"])
        #expect(try directory.search(DirectoryQuery(text: "epi"), limit: 10).map(\.name) == ["Hélène Épinal"])
        #expect(try directory.search(DirectoryQuery(text: "hel", kind: .gp), limit: 10).map(\.name) == ["Dr Hélène Martin"])
        #expect(try directory.search(DirectoryQuery(text: "", departement: "75"), limit: 10).map(\.name) == ["Entry c"])
        #expect(try directory.search(DirectoryQuery(text: "", teleconsultationOnly: true), limit: 10).map(\.name) == ["Hélène Épinal"])
    }

    @Test(arguments: StoreBackend.allCases)
    func aFileWithABadRowImportsNothing(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.add([entry("kept", .gp, "69")])
        let before = try opened.store.directoryMaintenance.allEntries()
        let bad = "source,source_id,kind,name,departement,phones\nt,x1,gp,Dr Un,69,01 99 00 00 01\nt,x2,gp,Dr Deux,999,01 99 00 00 02\n"
        #expect(throws: DirectoryImportRejected.self) {
            try opened.store.directoryMaintenance.importFile(bad, format: .csv, fileName: "bad.csv", defaultSource: "t", skipInvalid: false)
        }
        #expect(try opened.store.directoryMaintenance.allEntries() == before)
        let report = try opened.store.directoryMaintenance.importFile(bad, format: .csv, fileName: "bad.csv", defaultSource: "t",
                                                                      skipInvalid: true)
        #expect(report.inserted == 1 && report.skipped.map(\.line) == [3])
    }

    @Test(arguments: StoreBackend.allCases)
    func statisticsCountActiveEntriesAndGaps(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.add([entry("g", .gp, "69"), entry("g2", .gp, "69", active: false), entry("e", .emergency, nil)])
        let stats = try opened.store.directoryMaintenance.statistics(verifiedCutoff: "2000-01-01")
        #expect(stats.activeByKindAndRegion["gp"] == ["84": 1])
        #expect(stats.activeByKindAndRegion["emergency"] == ["": 1])
        #expect(stats.inactive == 1)
        #expect(stats.departementsWithout[.gp]?.contains("69") == false)
        #expect(stats.departementsWithout[.gp]?.contains("75") == true)
    }
}
