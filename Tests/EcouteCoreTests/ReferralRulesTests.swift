import Testing
@testable import EcouteCore

@Suite struct ReferralRulesTests {
    static let expectedKinds: [ClassificationLevel: [ReferralKind]] = [
        .administrative: [.legal, .administrative],
        .anxiety: [.psychologist, .gp],
        .depression: [.psychologist, .gp],
        .burnout: [.gp, .psychiatrist],
        .suicidalIdeation: [.gp, .psychiatrist],
        .imminentRisk: [.emergency, .unit],
    ]

    @Test(arguments: ClassificationLevel.allCases, [false, true])
    func kindsFollowTheRulesWithOrWithoutAddiction(level: ClassificationLevel, addiction: Bool) throws {
        // Addiction never changes the kinds, only the preferred speciality.
        let kinds = ReferralRules.needs(level: level, hospitalisation: false).map(\.kind)
        #expect(kinds == Self.expectedKinds[level])
        let speciality = ReferralRules.preferredSpeciality(level: level, addiction: addiction)
        if addiction { #expect(speciality == "addiction") } else { #expect(speciality != "addiction") }
    }

    @Test(arguments: ClassificationLevel.allCases)
    func hospitalisationAddsOneDedicatedUnit(level: ClassificationLevel) {
        let kinds = ReferralRules.needs(level: level, hospitalisation: true).map(\.kind)
        #expect(kinds.filter { $0 == .unit }.count == 1)
        #expect(Array(kinds.prefix(2)) == Self.expectedKinds[level])
    }

    @Test func levelFiveProposesTheThreeEmergencyNumbers() {
        let need = ReferralRules.needs(level: .imminentRisk, hospitalisation: false).first
        #expect(need == ReferralNeed(.emergency, count: 3))
    }

    @Test func missingKindsCountOnlyGivenReferrals() {
        let given = [
            Referral(kind: .gp, entryID: 1, name: "", contact: "", tier: .sameDepartement, status: .given),
            Referral(kind: .psychiatrist, entryID: 2, name: "", contact: "", tier: .sameDepartement, status: .declined),
        ]
        #expect(ReferralRules.missingKinds(level: .burnout, hospitalisation: false, given: given) == [.psychiatrist])
        #expect(ReferralRules.missingKinds(level: .burnout, hospitalisation: true, given: given) == [.psychiatrist, .unit])
        // Proposed is not given: a referral only counts once the psychologist marks it.
        let proposedOnly = [Referral(kind: .gp, entryID: 1, name: "", contact: "", tier: .sameDepartement)]
        #expect(proposedOnly[0].status == .proposed)
        #expect(ReferralRules.missingKinds(level: .burnout, hospitalisation: false, given: proposedOnly) == [.gp, .psychiatrist])
    }
}
