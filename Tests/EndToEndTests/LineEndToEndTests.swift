import EcouteCore
import EcouteTUI
import EcouteTestSupport
import Foundation
import Testing

/// The built binary on the police line: started with `--line police`, the header names it, the
/// caller picker offers the line's categories, and the row in SQLite records both.
@Suite(.serialized) struct LineEndToEndTests {
    @Test func aConsoleStartedOnThePoliceLineRecordsTheLineAndTheCallersCategory() throws {
        let run = try ConsoleRun()
        try run.start("--line police")
        let t = run.t
        let police = try #require(TestResources.lines.first { $0.id == "police" })
        try t.waitFor(" \(police.short) · ")   // the header's left corner
        try t.press(.pickUp, in: .idle); try t.waitFor(TestResources.french.prefix("call.title"))
        try t.press(.editCaller, in: .inCall); try t.waitFor(try #require(police.category("gardienDeLaPaix")).label(.fr))
        try t.type("commis"); try t.press(.confirm, in: OverlayKeymap.picker)
        // The profile's row: its key, its label over 18 columns, the category chosen.
        let commissaire = try #require(police.category("commissaire")).label(.fr)
        try t.waitFor("[p]  " + TestResources.french["field.caller"].padding(toLength: 18, withPad: " ", startingAt: 0) + commissaire)
        // The screen is drawn before the worker's write lands: read until it has.
        var category: String?
        for _ in 0..<60 where category == nil {
            category = try run.calls().first?["line_category"]
            if category == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(category == "commissaire")
        #expect(try run.calls().first?["line"] as String? == "police")
    }
}
