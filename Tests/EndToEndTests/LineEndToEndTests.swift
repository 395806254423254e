import EcouteCore
import Foundation
import Testing

/// The built binary on the police line: started with `--line police`, the header names it, the
/// caller picker offers the line's categories, and the row in SQLite records both.
@Suite(.serialized) struct LineEndToEndTests {
    @Test func aConsoleStartedOnThePoliceLineRecordsTheLineAndTheCallersCategory() throws {
        let run = try ConsoleRun()
        try run.start("--line police")
        let t = run.t
        try t.waitFor(" Police · ")
        try t.send("F2"); try t.waitFor("Appel en cours")
        try t.send("p"); try t.waitFor("Gardien de la paix")
        try t.send("c", "o", "m", "m", "i", "s", "Enter")
        try t.waitFor("[p]  Qui appelle       Commissaire")
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
