import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// Every text input of the console is the one text field: the cursor moves and text goes in and
/// out in the middle, paste lands at the cursor, and free text still passes the identifying-text
/// guard.
@Suite struct TextInputFlowTests {
    typealias F = TUIFixtures

    @Test func notesAreEditedInTheMiddleAndWrittenAsEdited() {
        let h = ConsoleHarness()
        h.press(actions: .pickUp, .editNotes)
        h.type("nuit calme")
        h.press(.home); h.type("Une ")
        h.press(.end, .controlLeft, .control("k"))
        #expect(h.model.draft?.notes == "Une nuit ")
        h.press(.controlLeft, .control("w"))
        #expect(h.model.draft?.notes == "nuit ")
        h.press(.end, .left, .left, .backspace, .delete)
        #expect(h.model.draft?.notes == "nu ")
        h.runtime.send(.paste("i\nt"))   // at the cursor, as one piece
        #expect(h.model.draft?.notes == "nui t ")
        h.press(.enter)
        #expect(h.calls.persisted.last?.notes == "nui t ")
        // Opened again: the cursor at the end of the notes.
        h.press(actions: .editNotes)
        h.type("!")
        #expect(h.model.draft?.notes == "nui t !")
    }

    @Test func theNotesEditorShowsTheCursorInTheMiddle() {
        let h = ConsoleHarness()
        h.press(actions: .pickUp, .editNotes)
        h.type("abc")
        h.press(.left)
        let grid = Screen.render(h.model)
        // Inside the notes box (rows 4–16), the one cell in reverse video is the « c » under the cursor.
        let cursor = (4..<17).flatMap { r in (0..<grid.width).map { grid.cell(row: r, column: $0) } }.filter { $0.style == .reverse }
        #expect(cursor == [Cell(character: "c", style: .reverse)])
        #expect(!grid.text.contains("abc_"))
    }

    @Test func theFollowUpIsEditedInTheMiddle() {
        let h = ConsoleHarness(.call(F.wrapUpDraft()))
        h.press(actions: .editFollowUp)
        h.type("jeudi")
        h.press(.home); h.type("rappel ")
        h.press(.enter)
        #expect(h.model.draft?.followUp == "rappel jeudi")
    }

    @Test func aReasonPastedWithANameIsAskedAgain() {
        // The protocol opened, nothing done in it yet: it may be withdrawn as raised by mistake.
        var draft = F.emergencyDraft()
        draft.emergency?.steps = [:]
        draft.referrals = draft.referrals.map { var r = $0; r.status = .proposed; return r }
        let h = ConsoleHarness(.call(draft))
        h.press(actions: .raisedByMistake)
        h.runtime.send(.paste("Mme Durand a raccroché"))
        h.press(.enter)
        guard case .textPrompt(let prompt)? = h.model.overlay else { Issue.record("not asked again"); return }
        #expect(prompt.text == "Mme Durand a raccroché")
        let s = h.model.strings
        #expect(h.model.message?.text == s.format("mistake.identifying", s["notes.concern.personName"]))
        // The name taken out: the reason is taken.
        h.press(.home, .control("k")); h.type("appui sur F9 au lieu de F5"); h.press(.enter)
        #expect(h.model.overlay == nil && h.model.message?.text != s.format("mistake.identifying", s["notes.concern.personName"]))
    }

    @Test func theDirectorySearchTakesPasteAndEditing() {
        let h = ConsoleHarness()
        h.press(actions: .openDirectory)
        h.runtime.send(.paste("Psy"))
        #expect(h.model.directory?.query.text == "Psy")
        #expect(h.model.directory?.results.map(\.name).contains("Psy A") == true)
        h.press(.home, .delete)
        #expect(h.model.directory?.query.text == "sy")
        h.press(.control("u"), .end, .control("u"))
        #expect(h.model.directory?.query.text == "")
    }

    @Test func aPickersFilterIsEditedInTheMiddle() {
        let h = ConsoleHarness()
        h.press(actions: .pickUp, .editDepartement)
        h.type("hône")
        h.press(.home); h.type("R")
        guard case .picker(let picker)? = h.model.overlay else { Issue.record("no picker"); return }
        #expect(picker.filter == "Rhône")
        h.press(.enter)
        #expect(h.model.draft?.profile.departement == "69")
    }
}
