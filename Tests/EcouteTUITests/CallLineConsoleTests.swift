import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The console on two lines: started on one, changed with `l` on the idle screen, shown in the
/// header; the caller picker offers the line's own categories; the call records both.
@Suite struct CallLineConsoleTests {
    static let lines = try! LineList.load(from: ResourceLocator.url("lines/lines.txt"))

    static func harness(on line: String) -> ConsoleHarness {
        ConsoleHarness(before: { h in
            h.model.lines = Self.lines
            h.model.line = line
        })
    }

    @Test func aConsoleStartedOnThePoliceLineRecordsItAndOffersItsCategories() throws {
        let h = Self.harness(on: "police")
        let s = h.model.strings
        let police = try #require(Self.lines.first { $0.id == "police" })
        #expect(h.screen.hasPrefix(" \(police.short) · "))
        h.press(.function(2))
        #expect(h.model.draft?.line == "police")
        #expect(h.calls.persisted.first?.line == "police")
        #expect(h.screen.hasPrefix(" \(police.short) · "))
        h.press(actions: .editCaller)
        guard case .picker(let picker)? = h.model.overlay, picker.purpose == .lineCategory else { Issue.record("no line category picker"); return }
        let officier = try #require(police.category("officier"))
        #expect(h.screen.contains(officier.label(.fr)))
        #expect(!h.screen.contains(s["profession.infirmier"]))
        h.type(String(officier.label(.fr).prefix(7))); h.press(.enter)
        #expect(h.model.draft?.profile.lineCategory == "officier")
        #expect(h.model.draft?.profile.category == .professional)
        #expect(h.calls.persisted.last?.profile.lineCategory == "officier")
        #expect(h.screen.contains(officier.label(.fr)))
    }

    @Test func lOnTheIdleScreenChoosesTheNextCallsLineAndDuringACallCorrectsIt() throws {
        let h = Self.harness(on: CallLine.healthID)
        let police = try #require(Self.lines.first { $0.id == "police" })
        #expect(h.screen.hasPrefix(" \(CallLine.health.short) · "))
        h.press(actions: .editLine)
        guard case .picker(let picker)? = h.model.overlay, picker.purpose == .line else { Issue.record("no line picker"); return }
        #expect(h.screen.contains(police.name(.fr)))
        #expect(h.screen.contains(try #require(CallLine.health.number)))
        h.type("polic"); h.press(.enter)
        #expect(h.model.line == "police")
        #expect(h.screen.hasPrefix(" \(police.short) · "))
        h.press(.function(2))
        #expect(h.model.draft?.line == "police")
        // Corrected during the call: the call changes line, the console stays on its own.
        h.press(actions: .editLine); h.type("sant"); h.press(.enter)
        #expect(h.model.draft?.line == nil)
        #expect(h.calls.persisted.last?.lineID == CallLine.healthID)
        #expect(h.model.line == "police")
        // The health line's callers are the professions.
        h.press(actions: .editCaller)
        guard case .picker(let caller)? = h.model.overlay, caller.purpose == .caller else { Issue.record("no caller picker"); return }
    }

    @Test func everyShippedLineHasWordsInBothLanguages() {
        for line in Self.lines {
            #expect(line.names[.fr] != nil && line.names[.en] != nil)
            for c in line.categories { #expect(c.labels[.fr] != nil && c.labels[.en] != nil) }
        }
    }
}
