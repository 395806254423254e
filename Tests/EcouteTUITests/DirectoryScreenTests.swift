import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The directory screen: search as you type, filters, details, and swapping a referral from it.
@Suite struct DirectoryScreenTests {
    /// A call at wrap-up, level 2, caller in the Rhône (69): proposals Psy A and Dr GP A.
    func wrapUpLevelTwo() -> ConsoleHarness {
        let h = ConsoleHarness()
        h.press(.function(2), .character("d")); h.type("69"); h.press(.enter)
        h.press(.function(5), .character("2"))
        return h
    }

    @Test func typingSearchesLetterByLetterAndEnterShowsTheDetails() throws {
        let h = ConsoleHarness()
        h.press(.character("/"))
        #expect(h.model.directory?.purpose == .browse)
        #expect(h.model.directory?.results.count == FakeDirectory.sample.entries.count)
        h.type("dr gp")
        #expect(h.model.directory?.query.text == "dr gp")
        #expect(h.model.directory?.results.map(\.name) == ["Dr GP A", "Dr GP B"])
        let s = h.model.strings
        #expect(h.screen.contains(s["directory.search"] + " dr gp"))
        #expect(h.screen.contains(s.format("directory.count.other", "2")))
        h.press(.down, .enter)
        #expect(h.model.directory?.showingDetails == true)
        #expect(h.screen.contains("Dr GP B") && h.screen.contains(s["kind.gp"]))
        h.press(.backspace)   // typing again goes back to the list
        #expect(h.model.directory?.showingDetails == false)
        #expect(h.model.directory?.query.text == "dr g")
        h.press(.control("u"))
        #expect(h.model.directory?.query.text == "")
        h.press(.escape)
        #expect(h.model.directory == nil)
        #expect(h.model.session.phase == .idle)
    }

    @Test func escapeLeavesTheDetailsThenTheScreen() {
        let h = ConsoleHarness()
        h.press(.character("/"), .enter)
        #expect(h.model.directory?.showingDetails == true)
        h.press(.escape)
        #expect(h.model.directory?.showingDetails == false)
        h.press(.escape)
        #expect(h.model.directory == nil)
    }

    @Test func filtersByKindDepartementAndTeleconsultation() {
        var directory = FakeDirectory.sample
        directory.entries[0].teleconsultation = true   // Psy A
        let h = ConsoleHarness(directory: directory)
        h.press(.character("/"), .function(4)); h.type("psychologue"); h.press(.enter)
        #expect(h.model.directory?.query.kind == .psychologist)
        #expect(h.model.directory?.results.map(\.name) == ["Psy A", "Psy B"])
        h.press(.function(7))
        #expect(h.model.directory?.results.map(\.name) == ["Psy A"])
        #expect(h.screen.contains("· " + h.model.strings["directory.teleOnly"]))
        h.press(.function(7), .function(4), .enter)   // the first item: every kind
        #expect(h.model.directory?.query.kind == nil)
        h.press(.function(6)); h.type("ain"); h.press(.enter)
        #expect(h.model.directory?.query.departement == "01")
        #expect(h.model.directory?.results.map(\.name) == ["Dr GP B"])
        let s = h.model.strings
        #expect(h.screen.contains(s.format("directory.filters", s["directory.allKinds"], "01 Ain")))
    }

    @Test func aKindInADepartementIsListedNearestFirstAndSaysWhenItReachesBeyond() {
        let h = ConsoleHarness()
        h.press(.character("/"), .function(4)); h.type("généraliste"); h.press(.enter)
        h.press(.function(6)); h.type("rhône"); h.press(.enter)
        #expect(h.model.directory?.query == DirectoryQuery(kind: .gp, departement: "69"))
        #expect(h.model.directory?.results.map(\.name) == ["Dr GP A", "Dr GP B"])   // B is in the Ain
        let s = h.model.strings
        #expect(h.screen.contains(s.format("directory.count.other", "2") + " · " + s.format("directory.widened", "69")))
        h.type("dr")   // words: the search as typed, within the département
        #expect(h.model.directory?.results.map(\.name) == ["Dr GP A"])
        #expect(!h.screen.contains(s.format("directory.widened", "69")))
    }

    @Test func proposalsAndTheListSayWhetherAnEntryIsOpenNow() {
        var directory = FakeDirectory.sample
        directory.entries[2].openingHours = "lun-ven 9h-19h"        // Dr GP A
        directory.entries[0].openingHours = "sam 9h-12h"            // Psy A
        directory.entries[1].openingHours = "Sur rendez-vous"       // Psy B: not read, shown as written
        let h = ConsoleHarness(directory: directory)   // Monday 21 September 2026, 16:25 in Paris
        h.press(.function(2), .character("d")); h.type("69"); h.press(.enter)
        h.press(.function(5), .character("2"))
        // The selected proposal's line says it whatever the width; a wide list says it for each.
        let s = h.model.strings
        let opens = s.format("hours.opensOn", s["weekday.6"], s.format("hours.clock", "9"))
        #expect(h.screen.contains(s.format("wrapUp.selected", "Psy A", "01 99 00 00 01 · Ville (69)", s["tier.0"]) + " · " + opens))
        h.press(.down)
        #expect(h.screen.contains("— Dr GP A · ouvert"))
        let wide = ConsoleHarness(directory: directory)
        wide.model.width = 120
        wide.press(.function(2), .character("d")); wide.type("69"); wide.press(.enter)
        wide.press(.function(5), .character("2"))
        #expect(wide.screen.contains("01 99 00 00 01 · Ville (69) · ouvre sam. 9h"))
        #expect(wide.screen.contains("01 99 00 00 03 · Ville (69) · ouvert"))
        wide.press(.character("/"), .function(4)); wide.type("psychologue"); wide.press(.enter)
        #expect(wide.screen.contains("Ville (69) · Sur rendez-vous"))
    }

    @Test func anAnswerToAnOlderQueryIsDropped() {
        let h = ConsoleHarness()
        h.press(.character("/"))
        h.type("psy")
        h.dispatch(.directoryResults(DirectoryQuery(text: "ps"), [FakeDirectory.sample.entries[6]]))
        #expect(h.model.directory?.results.map(\.name) == ["Psy A", "Psy B", "Dr Psychiatre"])
    }

    @Test func fromWrapUpThePickedEntryReplacesTheSelectedReferral() throws {
        let h = wrapUpLevelTwo()
        h.press(.down)   // Dr GP A
        h.press(.character("/"))
        #expect(h.model.directory?.purpose == .replace(index: 1))
        #expect(h.model.directory?.query == DirectoryQuery(kind: .gp, departement: "69"))
        #expect(h.screen.contains("remplacer : Dr GP A"))
        h.press(.function(6), .enter)   // all of France
        #expect(h.model.directory?.results.map(\.name) == ["Dr GP A", "Dr GP B"])
        h.press(.down, .enter)
        #expect(h.model.directory == nil)
        let referral = try #require(h.model.draft?.referrals[1])
        #expect(referral.name == "Dr GP B" && referral.origin == .chosen)
        #expect(referral.tier == .neighbour)   // the Ain borders the Rhône
        #expect(h.calls.persisted.last?.referrals[1].name == "Dr GP B")
        #expect(h.model.message?.text == "Orientation : Dr GP B")
    }

    @Test func anEntryPickedInTheDirectorySaysAtWrapUpWhetherItIsOpen() throws {
        var directory = FakeDirectory.sample
        let unit = try #require(directory.entries.firstIndex { $0.name == "Unité Lyon" })
        directory.entries[unit].openingHours = "lun-ven 9h-19h"   // Monday 16:25 in Paris: open
        let h = ConsoleHarness(directory: directory)
        h.press(.function(2), .character("d")); h.type("69"); h.press(.enter)
        h.press(.function(5), .character("2"))
        h.press(.character("/"), .function(4)); h.type("unit"); h.press(.enter)
        h.press(.function(8))
        #expect(h.model.draft?.referrals.last?.name == "Unité Lyon")
        #expect(h.screen.contains("Unité Lyon") && h.screen.contains(" · " + h.model.strings["hours.open"]))
    }

    @Test func f8AddsTheEntryInsteadOfReplacing() throws {
        let h = wrapUpLevelTwo()
        h.press(.character("/"), .function(4)); h.type("unit"); h.press(.enter)
        h.press(.function(8))
        #expect(h.model.draft?.referrals.map(\.name) == ["Psy A", "Dr GP A", "Unité Lyon"])
        #expect(h.model.selectedReferral == 2)
    }

    @Test func anEntryAlreadyGivenIsNotAddedTwice() {
        let h = wrapUpLevelTwo()
        h.press(.character("/"), .function(4)); h.type("psychologue"); h.press(.enter)
        h.press(.function(8))   // Psy A, already proposed
        #expect(h.model.draft?.referrals.count == 2)
        #expect(h.model.message?.text == h.model.strings["directory.alreadyGiven"])
        #expect(h.model.directory != nil)
    }

    @Test func duringACallTheDirectoryIsForLookingUpAndF9StillOpensTheProtocol() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("/"))
        #expect(h.model.directory?.purpose == .browse)
        h.press(.enter)   // details, not a referral
        #expect(h.model.draft?.referrals.isEmpty == true)
        h.press(.function(9))
        #expect(h.model.directory == nil)
        #expect(h.model.session.phase == .emergency)
    }

    @Test func theKeyBarShowsTheDirectoryKeys() {
        let h = wrapUpLevelTwo()
        h.press(.character("/"))
        let bar = Screen.render(h.model).row(h.model.height - 1)
        let s = h.model.strings
        let labels = [s["key.directory.close.short"], s["key.directory.replace.short"], "F4 " + s["key.directory.kind.short"],
                      "F6 " + s["key.directory.departement.short"], "F7 " + s["key.directory.teleconsultation.short"], "F9 " + s["key.emergency.short"]]
        for label in labels {
            #expect(bar.contains(label), "\(label) missing from \(bar)")
        }
    }
}
