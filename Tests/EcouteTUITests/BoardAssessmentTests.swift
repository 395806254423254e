import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// A level-5 call's card on the board shows its urgence and dangerosité as assessed so far.
@Suite struct BoardAssessmentTests {
    @Test func aLevelFiveCardShowsUrgenceAndDangerosite() throws {
        let b = try BoardTests.Board()
        var call = try #require(try b.store.calls(shiftID: nil).call(id: "c-alice"))
        call.phase = .emergency
        call.level = .imminentRisk
        call.emergency = EmergencyProtocol(openedAt: b.now - 60)
        call.assessment = RiskAssessment(urgence: .high, dangerosite: .medium)
        try b.store.calls(shiftID: nil, console: BoardTests.Board.alive).persist(call)
        b.now += 3
        b.step()
        let s = b.runtime.model.strings
        #expect(b.screen.contains(s.format("rud.summary.short", s["rud.degree.high"], s["rud.degree.medium"])))
        #expect(b.runtime.model.snapshot.assessments["c-alice"]?.urgence == .high)
    }
}

/// The review's detail of a call gives its motifs and its assessment in words.
@Suite struct ReviewAssessmentTests {
    @Test func theDetailShowsMotifsAndTheAssessment() {
        var m = ReviewScreenTests.onNightShift()
        var calls = ReviewFixtures.nightShift
        calls[2].motifs = [.patientEvent, .isolation]
        var a = RiskAssessment(riskFactors: [.previousAttempt], urgence: .high, dangerosite: .high, means: .medication, meansAtHand: true)
        a.recordedSuggestion = a.suggestion
        calls[2].assessment = a
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s1", calls))
        for key: Key in [.character("r"), .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        let text = ReviewView.render(m).text
        let s = m.strings
        #expect(text.contains(s.format("review.call.motifs", s[CallMotif.patientEvent.stringKey] + ", " + s[CallMotif.isolation.stringKey])))
        #expect(text.contains(s["rud.urgence"] + " " + s["rud.degree.high"]))
        #expect(text.contains(s.format("rud.summary.suggested", "5")))
    }
}
