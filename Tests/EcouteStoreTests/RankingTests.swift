import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

@Suite struct RankingTests {
    func names(_ r: [RankedEntry]) -> [String] { r.map(\.entry.sourceID) }

    @Test func sameDepartementThenNeighboursThenRegionThenTeleconsultationThenNational() throws {
        let t = try TemporaryDatabase()
        // 69 Rhône: neighbours 01, 38, 42, 71; 07 is in the region but not a neighbour.
        try t.add([
            entry("tele", .psychiatrist, "75", tele: true),
            entry("far", .psychiatrist, "75"),
            entry("region", .psychiatrist, "07"),
            entry("neighbour", .psychiatrist, "42"),
            entry("same", .psychiatrist, "69"),
        ])
        let r = try t.directory.candidates(kind: .psychiatrist, near: "69", preferring: nil, excluding: [], limit: 10)
        #expect(names(r) == ["same", "neighbour", "region", "tele"])
        #expect(r.map(\.tier) == [.sameDepartement, .neighbour, .region, .teleconsultation])
    }

    @Test func aDepartementWithNothingWidensAndSaysSo() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("n", .gp, "43"), entry("p", .psychologist, "15")])
        let proposal = try ReferralProposer.propose(
            ReferralRequest(needs: [ReferralNeed(.psychologist), ReferralNeed(.gp), ReferralNeed(.legal)], departement: "15", preferredSpeciality: nil),
            from: t.directory)
        #expect(proposal.referrals.map(\.tier) == [.sameDepartement, .neighbour])
        #expect(proposal.widened == [.gp: .neighbour])
        #expect(proposal.gaps == [.legal])
    }

    @Test func inactiveEntriesAreNeverProposed() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("off", .gp, "69", active: false), entry("on", .gp, "01")])
        let r = try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 5)
        #expect(names(r) == ["on"])
    }

    @Test func fullUnitsComeAfterEveryAvailableOne() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("full", .unit, "69", capacity: 0), entry("free", .unit, "63", capacity: 25)])
        let r = try t.directory.candidates(kind: .unit, near: "69", preferring: nil, excluding: [], limit: 5)
        #expect(names(r) == ["free", "full"])
    }

    @Test func preferredSpecialityFirstWithinATierButNeverBeforeANearerTier() throws {
        let t = try TemporaryDatabase()
        try t.add([
            entry("a", .psychologist, "69"), entry("b-addiction", .psychologist, "69", specialities: ["addiction"]),
            entry("c-addiction", .psychologist, "01", specialities: ["addiction"]),
        ])
        let r = try t.directory.candidates(kind: .psychologist, near: "69", preferring: "addiction", excluding: [], limit: 3)
        #expect(names(r) == ["b-addiction", "a", "c-addiction"])
    }

    @Test func emergencyNumbersAreNationalWhateverTheDepartement() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let proposal = try ReferralProposer.propose(
            ReferralRequest(needs: ReferralRules.needs(level: .imminentRisk, hospitalisation: false), departement: "974", preferredSpeciality: "suicide"),
            from: t.directory)
        let emergency = proposal.referrals.filter { $0.kind == .emergency }
        #expect(emergency.count == 3)
        #expect(emergency.allSatisfy { $0.tier == .national })
        #expect(Set(emergency.map(\.contact)) == ["15", "112", "3114"])
        #expect(proposal.referrals.contains { $0.kind == .unit && $0.tier == .sameDepartement })
        #expect(proposal.gaps.isEmpty)
    }

    @Test func theCallersProfessionsAssociationsComeAsExtrasWithTheirDetailsToCheck() throws {
        let t = try TemporaryDatabase(seedSample: true)
        func proposal(_ profession: Profession?, _ dep: String) throws -> ReferralProposer.Proposal {
            try ReferralProposer.propose(
                ReferralRequest(needs: ReferralRules.needs(level: .burnout, hospitalisation: false), departement: dep,
                                preferredSpeciality: "burnout", profession: profession),
                from: t.directory)
        }
        func associations(_ p: ReferralProposer.Proposal) -> [String] {
            p.referrals.filter { $0.kind == .association }.compactMap { $0.entryID.flatMap { p.entries[$0]?.sourceID } }
        }
        let pharmacist = try proposal(.pharmacien, "69")
        #expect(pharmacist.referrals.map(\.kind) == [.gp, .psychiatrist, .association, .association])
        #expect(Set(associations(pharmacist)) == ["adop", "mots"])
        #expect(pharmacist.referrals.allSatisfy { $0.status == .proposed })
        #expect(associations(try proposal(.pharmacien, "13")).contains("adop"))   // national since 2020
        #expect(associations(try proposal(.preparateurPharmacie, "69")).isEmpty)
        let doctor = try proposal(.medecin, "13")
        #expect(doctor.referrals.filter { $0.kind == .association }.count == ReferralProposer.maxAssociations)
        #expect(associations(try proposal(.medecin, "67")).first == "arene")   // the region's first
        #expect(!associations(try proposal(.infirmier, "67")).contains("arene"))
        // A number only where a source publishes one; otherwise the details are to be checked.
        let smart = try #require(try t.directory.allEntries().first { $0.sourceID == "smart" })
        #expect(ReferralProposer.referral(RankedEntry(entry: smart, tier: .national)).contact == smart.address)
        #expect(try proposal(nil, "67").referrals.allSatisfy { $0.kind != .association })
        // Never required: a call saved without one misses nothing.
        #expect(ReferralRules.needs(level: .burnout, hospitalisation: true, addiction: true).allSatisfy { $0.kind != .association })
    }

    @Test func theDirectoryScreenFindsTheRegionsUnitFromADepartementWithout() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let query = DirectoryQuery(kind: .unit, departement: "69")
        #expect(try t.directory.search(query, limit: 100).isEmpty)   // no unit in the Rhône itself
        let listed = try DirectoryLookup.entries(for: query, limit: 100, in: t.directory)
        #expect(listed.first?.region == "84" && listed.first?.kind == .unit)
        #expect(listed.allSatisfy { $0.kind == .unit })
        // The kind's word typed is read as the kind (TypedSearch): the units of the Rhône's
        // neighbours, by name.
        let neighbours = TestResources.geography.neighbours(of: "69")
        let near = try t.directory.allEntries().filter { $0.kind == .unit && $0.active && neighbours.contains($0.departement ?? "") }
        #expect(!near.isEmpty)
        #expect(try DirectoryLookup.entries(for: DirectoryQuery(text: "unité", kind: .unit, departement: "69"), limit: 100,
                                            in: t.directory).map(\.id) == near.sorted { ($0.name, $0.id!) < ($1.name, $1.id!) }.map(\.id))
        // Other words: the search as typed.
        #expect(try DirectoryLookup.entries(for: DirectoryQuery(text: "zzz", kind: .unit, departement: "69"), limit: 100,
                                            in: t.directory).isEmpty)
    }

    @Test func unknownDepartementFallsBackToTeleconsultation() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("local", .gp, "69"), entry("tele", .gp, "33", tele: true)])
        let r = try t.directory.candidates(kind: .gp, near: nil, preferring: nil, excluding: [], limit: 2)
        #expect(names(r) == ["tele", "local"])
        #expect(r.map(\.tier) == [.teleconsultation, .national])
    }

    @Test func rotationSpreadsGivenReferralsFairly() throws {
        let t = try TemporaryDatabase()
        try t.add((1...4).map { entry("gp\($0)", .gp, "69") })
        var counts: [String: Int] = [:]
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        for i in 0..<40 {
            let best = try #require(try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 1).first)
            counts[best.entry.sourceID, default: 0] += 1
            var d = CallDraft(id: "r\(i)", operatorName: "p", pickedUpAt: t0 + Double(i) * 60)
            d.phase = .saved
            d.savedAt = t0 + Double(i) * 60 + 30
            var given = ReferralProposer.referral(best)
            given.status = .given
            d.referrals = [given]
            try t.calls.finalize(d)
        }
        #expect(counts == ["gp1": 10, "gp2": 10, "gp3": 10, "gp4": 10])
    }

    @Test func excludedEntriesGiveTheNextAlternatives() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("a", .gp, "69"), entry("b", .gp, "69"), entry("c", .gp, "01")])
        let first = try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 1)
        let rest = try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: Set(first.compactMap(\.entry.id)), limit: 5)
        #expect(names(first) == ["a"])
        #expect(names(rest) == ["b", "c"])
    }
}
