import EcouteCore
import Foundation
import Testing

/// Each association is proposed as its published remit says (`docs/associations.md`), through
/// the real matching over the shipped sample directory: for each, a caller it must be proposed
/// to and one it must not. Associations are named by their source id, never by their label.
@Suite struct AssociationRemitTests {
    struct Caller: CustomTestStringConvertible {
        var profession: Profession
        var student = false
        var departement: String?
        var testDescription: String { "\(profession.rawValue)\(student ? " (student)" : "") in \(departement ?? "—")" }
    }

    struct Case: CustomTestStringConvertible {
        var association: String
        /// A caller it must be proposed to; nil for one whose remit no source establishes.
        var proposedTo: Caller?
        var notProposedTo: Caller
        var testDescription: String { association }
    }

    static let cases: [Case] = [
        // « médecins et internes » on the national line; medical students are not named.
        Case(association: "aapml", proposedTo: Caller(profession: .interne, departement: "13"),
             notProposedTo: Caller(profession: .medecin, student: true, departement: "75")),
        // Pharmacists, nationwide since 2020; pharmacy technicians are not named.
        Case(association: "adop", proposedTo: Caller(profession: .pharmacien, departement: "13"),
             notProposedTo: Caller(profession: .preparateurPharmacie, departement: "69")),
        // Physicians and internes of Alsace and Lorraine only: not nurses, not elsewhere.
        Case(association: "arene", proposedTo: Caller(profession: .interne, departement: "67"),
             notProposedTo: Caller(profession: .infirmier, departement: "67")),
        // No remit established: proposed to no one (see `noRemitNoProposal`), even in its region.
        Case(association: "asspc", proposedTo: nil,
             notProposedTo: Caller(profession: .infirmier, departement: "86")),
        // Physicians and the ordered professions (nurses among them); internes are not named.
        Case(association: "mots", proposedTo: Caller(profession: .infirmier, departement: "31"),
             notProposedTo: Caller(profession: .interne, departement: "31")),
        // Physicians (anesthesia first, then every medical speciality); internes only within
        // anesthesia, which the console cannot tell, so not proposed to them.
        Case(association: "smart", proposedTo: Caller(profession: .medecin, departement: nil),
             notProposedTo: Caller(profession: .interne, departement: "69")),
    ]

    /// Every association the directory has for the caller (no limit of two: the remit, not the rotation).
    func served(_ caller: Caller, _ t: TemporaryDatabase) throws -> [String] {
        try t.directory.associations(serving: caller.profession, student: caller.student,
                                     near: caller.departement, limit: 20).map(\.entry.sourceID)
    }

    @Test(arguments: cases)
    func eachAssociationFollowsItsPublishedRemit(_ c: Case) throws {
        let t = try TemporaryDatabase(seedSample: true)
        if let caller = c.proposedTo {
            #expect(try served(caller, t).contains(c.association))
        }
        #expect(try !served(c.notProposedTo, t).contains(c.association))
    }

    @Test func noRemitNoProposal() throws {
        let t = try TemporaryDatabase(seedSample: true)
        for profession in Profession.allCases {
            #expect(try !served(Caller(profession: profession, departement: "86"), t).contains("asspc"))
        }
        // Still in the directory, found by hand.
        let all = try t.directory.allEntries().filter { $0.kind == .association }
        #expect(all.map(\.sourceID).sorted() == ["aapml", "adop", "arene", "asspc", "mots", "smart"])
    }

    @Test func aStudentIsOfferedNoAssociationWhoseRemitLeavesStudentsOut() throws {
        let t = try TemporaryDatabase(seedSample: true)
        for profession in Profession.allCases {
            #expect(try served(Caller(profession: profession, student: true, departement: "67"), t).isEmpty)
        }
        // Through the proposer, from a call whose caller is a medical student.
        var draft = CallDraft(id: "c1", operatorName: "op", pickedUpAt: Date(timeIntervalSince1970: 0))
        draft.profile.setCaller(.student, profession: .medecin)
        draft.profile.departement = "67"
        draft.level = .burnout
        let request = try #require(draft.referralRequest)
        #expect(request.callerIsStudent)
        let proposal = try ReferralProposer.propose(request, from: t.directory)
        #expect(proposal.referrals.allSatisfy { $0.kind != .association })
    }

    @Test func noAssociationServesEveryProfessionWithoutASourceSayingSo() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let all = try t.directory.allEntries().filter { $0.kind == .association }
        #expect(all.allSatisfy { !$0.specialities.contains(ReferralKind.everyProfessionTag) })
        #expect(all.allSatisfy { !$0.specialities.contains(ReferralKind.studentsTag) })
        // A number only where a source gives one; otherwise the details are marked to check.
        #expect(all.allSatisfy { !$0.phones.isEmpty || !$0.address.isEmpty })
    }
}
