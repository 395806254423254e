import EcouteCore
import EcouteTUI
import EcouteTestSupport
import Foundation
import GRDB
import Testing

/// The risk assessment through the built binary: a level-5 call filled in a few keys from the
/// wrap-up screen, then read in the saved record.
@Suite(.serialized, .timeLimit(.minutes(2))) struct AssessmentEndToEndTests {
    @Test func aLevelFiveCallFillsRUDInAtMostEightKeysFromWrapUpAndKeepsIt() throws {
        let run = try ConsoleRun.inCall()
        let t = run.t
        try t.press(.openEmergency, in: .inCall); try t.waitFor(TestResources.french["emergency.title"])
        for action in [EcouteTUI.Action.callNumber(.samu), .toggleStep(.supervisorCalled), .toggleStep(.callerKeptOnLine)] {
            try t.press(action, in: .emergency)
        }
        try t.waitFor("[5]  [x]")
        try t.press(.hangUp, in: .emergency); try t.press(.closeEmergency, in: .emergency); try t.waitFor("(x) 5")
        // The wrap-up screen: from here, the assessment.
        var keys = 0
        func press(_ action: EcouteTUI.Action, in keymap: Keymap<EcouteTUI.Action>) throws { try t.press(action, in: keymap); keys += 1 }
        let grid = AssessmentKeymap.keymap(AssessmentPanel())
        try press(.openAssessment, in: ConsoleKeymap.forPhase(.wrapUp))
        try t.waitFor(TestResources.french["rud.title"].components(separatedBy: " — ")[0])
        for action in [AssessmentAction.urgence(.high), .dangerosite(.high), .toggleMeansAtHand] { try press(.assessment(action), in: grid) }
        // The last key's reason on screen: every key was handled.
        try t.waitFor(allOf: [TestResources.french["rud.reason.lethalMeansAtHand"], TestResources.french.prefix("rud.suggestion.level", "5"),
                              TestResources.french["rud.reason.urgenceHigh"]])
        try press(.assessment(.close), in: grid)
        #expect(keys <= 8)
        // The panel closed (its last screen also shows the level): F10 goes to the wrap-up.
        try t.waitFor("(x) 5", notWhile: TestResources.french["rud.title"].components(separatedBy: " — ")[0])
        try t.press(.save, in: .wrapUp)
        try t.waitFor(TestResources.french.format("picker.referralGap", TestResources.french["kind.unit"]))
        try t.press(.confirm, in: OverlayKeymap.picker)
        try t.press(.save, in: .wrapUp)
        try t.waitFor(TestResources.french["message.saved"])
        let call = try #require(try run.calls().first)
        #expect(call["level"] == 5)
        let queue = try DatabaseQueue(path: run.database)
        let row = try #require(try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM call_assessments WHERE call_id = ?", arguments: [call["id"] as String])
        })
        #expect(row["urgence"] == "high")
        #expect(row["dangerosite"] == "high")
        #expect(row["means_at_hand"] == true)
        #expect(row["suggested_level"] == 5)
        #expect(row["suggestion_reasons"] == "urgenceHigh,lethalMeansAtHand")
    }
}
