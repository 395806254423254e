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

/// Scenarios 05 and 06 expect RUD answers; the debrief sets the trainee's beside them.
@Suite struct DebriefAssessmentTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources")
    static let scenarios = ScenarioLoader.loadFolder(resources.appendingPathComponent("scenarios"),
        geography: try! Geography.load(from: resources.appendingPathComponent("geography"))).scenarios

    @Test func scenariosFiveAndSixExpectTheirRUDAnswers() throws {
        let five = try #require(Self.scenarios.first { $0.name.hasPrefix("05-") })
        #expect(five.expected.urgence == .medium && five.expected.dangerosite == .high && five.expected.meansAtHand == false)
        let six = try #require(Self.scenarios.first { $0.name.hasPrefix("06-") })
        #expect(six.expected.urgence == .high && six.expected.dangerosite == .high && six.expected.meansAtHand == true)
        // What the table suggests from the expected answers is the expected level.
        #expect(RiskAssessment(urgence: five.expected.urgence, dangerosite: five.expected.dangerosite, meansAtHand: false).suggestion.level
                == five.expected.level)
        #expect(RiskAssessment(urgence: six.expected.urgence, dangerosite: six.expected.dangerosite, meansAtHand: true).suggestion.level
                == six.expected.level)
    }

    @Test func theDebriefComparesUrgenceDangerositeAndMeans() throws {
        let five = try #require(Self.scenarios.first { $0.name.hasPrefix("05-") })
        var call = CallDraft(id: "c", operatorName: "stagiaire", pickedUpAt: Date(timeIntervalSince1970: 0))
        call.level = .suicidalIdeation
        call.assessment = RiskAssessment(urgence: .low, dangerosite: .high, meansAtHand: false)
        let d = Debrief.compare(five, call)
        let rud = d.items.filter { [.urgence, .dangerosite, .meansAtHand].contains($0.field) }
        #expect(rud == [Debrief.Item(field: .urgence, entered: "low", expected: "medium", matches: false),
                        Debrief.Item(field: .dangerosite, entered: "high", expected: "high", matches: true),
                        Debrief.Item(field: .meansAtHand, entered: "no", expected: "no", matches: true)])
        call.assessment = nil
        #expect(Debrief.compare(five, call).items.first { $0.field == .urgence }?.entered == nil)
    }

    @Test func anUnknownDegreeIsRefusedNamingItsKey() {
        let text = """
            {"title": "t", "summary": "s", "caller": {"category": "professional"}, "lines": [{"at": "0:05", "text": "x"}],
             "expected": {"level": 4, "referrals": ["gp"], "urgence": "extreme"}, "teaching_notes": []}
            """
        guard case .failure(let failure) = ScenarioLoader.parse(text, name: "x", fileName: "x.json",
                                                                   geography: try! Geography.load(from: Self.resources.appendingPathComponent("geography"))) else {
            Issue.record("accepted"); return
        }
        #expect(failure.problems.contains { $0.location == "expected.urgence" })
    }
}
