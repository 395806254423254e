import Foundation
import Testing
@testable import EcouteCore

@Suite struct CallMotifTests {
    @Test func upToThreeMotifsTheMainOneFirstAndAChosenOneComesOut() {
        var motifs: [CallMotif] = []
        for m in [CallMotif.harassment, .burnout, .isolation] { motifs = CallMotif.toggled(m, in: motifs)! }
        #expect(motifs == [.harassment, .burnout, .isolation])
        #expect(CallMotif.toggled(.other, in: motifs) == nil)
        #expect(CallMotif.toggled(.harassment, in: motifs) == [.burnout, .isolation])
    }

    @Test func harassmentAddsTheLegalServiceAndTraumaPrefersTraumaCare() throws {
        var d = CallDraft(id: "c", operatorName: "op", pickedUpAt: Date(timeIntervalSince1970: 0))
        d.level = .burnout
        let plain = try #require(d.referralRequest)
        #expect(!plain.needs.contains { $0.kind == .legal })
        d.motifs = [.harassment]
        #expect(d.referralRequest?.needs.contains { $0.kind == .legal } == true)
        // Proposals only: the save does not require what a motif adds.
        #expect(d.missingReferralKinds == CallDraft(id: "c", operatorName: "op", pickedUpAt: Date()).with(level: .burnout).missingReferralKinds)
        d.level = .anxiety
        d.motifs = [.trauma]
        #expect(d.referralRequest?.preferredSpeciality == "trauma")
        #expect(d.referralRequest?.needs.contains { $0.kind == .psychologist } == true)
    }

    @Test func theMotifListNamesItsLineWhenAMotifIsUnknownOrTwice() throws {
        #expect(throws: MotifList.Problem(file: "m.txt", line: 3,
                                          reason: "unknown motif « stress » (known: \(CallMotif.allCases.map(\.rawValue).joined(separator: ", ")))")) {
            try MotifList.parse("# comment\nburnout\nstress\n", file: "m.txt")
        }
        #expect(throws: MotifList.Problem(file: "m.txt", line: 2, reason: "« burnout » is listed twice")) {
            try MotifList.parse("burnout\nburnout\n", file: "m.txt")
        }
        #expect(throws: MotifList.Problem(file: "m.txt", line: 1, reason: "no motif listed")) { try MotifList.parse("# none\n", file: "m.txt") }
        #expect(try MotifList.parse("isolation\n\nburnout", file: "m.txt") == [.isolation, .burnout])
    }

    @Test func theSessionKeepsAtMostThreeAndNoneIsNil() throws {
        var d = CallDraft(id: "c", operatorName: "op", pickedUpAt: Date(timeIntervalSince1970: 0))
        d.phase = .inCall
        let (s, _) = try CallSession.reduce(.call(d), .setMotifs([.burnout, .workload, .isolation, .other]), now: Date()).get()
        #expect(s.draft?.motifs == [.burnout, .workload, .isolation])
        let (s2, _) = try CallSession.reduce(s, .setMotifs([]), now: Date()).get()
        #expect(s2.draft?.motifs == nil)
    }
}

private extension CallDraft {
    func with(level: ClassificationLevel) -> CallDraft { var d = self; d.level = level; return d }
}
