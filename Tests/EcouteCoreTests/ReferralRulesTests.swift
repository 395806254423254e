import Testing
@testable import EcouteCore

@Suite struct ReferralRulesTests {
    static let expectedKinds: [ClassificationLevel: [ReferralKind]] = [
        .administrative: [.legal, .administrative],
        .anxiety: [.psychologist, .gp],
        .depression: [.psychologist, .gp],
        .burnout: [.gp, .psychiatrist],
        .suicidalIdeation: [.gp, .psychiatrist, .emergency],
        .imminentRisk: [.emergency, .unit],
    ]

    @Test(arguments: ClassificationLevel.allCases, [false, true])
    func kindsFollowTheRulesWithOrWithoutAddiction(level: ClassificationLevel, addiction: Bool) throws {
        // Addiction adds an addiction service at every level (0 included: a call about a licence or
        // a replacement can still reveal an addiction), and prefers addiction specialists.
        let kinds = ReferralRules.needs(level: level, hospitalisation: false, addiction: addiction).map(\.kind)
        let withAddiction = addiction ? [ReferralKind.addiction] : []
        #expect(kinds == Self.expectedKinds[level]! + withAddiction)
        let speciality = ReferralRules.preferredSpeciality(level: level, addiction: addiction)
        if addiction { #expect(speciality == "addiction") } else { #expect(speciality != "addiction") }
    }

    @Test(arguments: ClassificationLevel.allCases)
    func hospitalisationAddsOneDedicatedUnit(level: ClassificationLevel) {
        let kinds = ReferralRules.needs(level: level, hospitalisation: true).map(\.kind)
        #expect(kinds.filter { $0 == .unit }.count == 1)
        // Level 5 has its unit already; elsewhere the unit comes after the level's kinds.
        #expect(level == .imminentRisk ? kinds == Self.expectedKinds[level] : Array(kinds.dropLast()) == Self.expectedKinds[level])
    }

    @Test func levelFourProposesThe3114BesideTheGPAndThePsychiatrist() {
        let needs = ReferralRules.needs(level: .suicidalIdeation, hospitalisation: false)
        #expect(needs.last == ReferralNeed(.emergency, speciality: "suicide"))
        // Whatever the call's own preferred speciality (addiction here), the 3114 is the one asked for.
        let request = ReferralRequest(needs: ReferralRules.needs(level: .suicidalIdeation, hospitalisation: false, addiction: true),
                                      departement: nil, preferredSpeciality: "addiction")
        #expect(request.needs.first { $0.kind == .emergency }?.speciality == "suicide")
    }

    @Test func levelFiveProposesTheThreeEmergencyNumbers() {
        let need = ReferralRules.needs(level: .imminentRisk, hospitalisation: false).first
        #expect(need == ReferralNeed(.emergency, count: 3))
    }

    @Test func missingKindsAreTheNeedsNotGiven() {
        for level in ClassificationLevel.allCases {
            for hospitalisation in [false, true] {
                for addiction in [false, true] {
                    let kinds = ReferralRules.needs(level: level, hospitalisation: hospitalisation, addiction: addiction).map(\.kind)
                    let context = "\(level) \(hospitalisation) \(addiction)"
                    #expect(ReferralRules.missingKinds(level: level, hospitalisation: hospitalisation, addiction: addiction, given: []) == kinds,
                            "\(context)")
                    for (i, kind) in kinds.enumerated() {
                        let given = [Referral(kind: kind, entryID: nil, name: "x", contact: "x", tier: .region, status: .given)]
                        var rest = kinds
                        rest.remove(at: i)
                        #expect(ReferralRules.missingKinds(level: level, hospitalisation: hospitalisation, addiction: addiction,
                                                           given: given) == rest, "\(context) \(kind)")
                    }
                }
            }
        }
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
