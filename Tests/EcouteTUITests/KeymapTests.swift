import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// Each screen's keymap is its dispatch, its key bar and its help: every binding shows in the
/// help (its description's start: the help cuts or wraps long ones), and pressing its key does
/// that action.
@Suite struct KeymapTests {
    typealias F = TUIFixtures

    @Test func aKeymapFindsTheActionOfAKeyAndTheKeyOfAnAction() {
        let keymap = ConsoleKeymap.forPhase(.wrapUp)
        #expect(keymap.action(for: .character("3")) == .classify(.burnout))
        #expect(keymap.action(for: .control("s")) == .save && keymap.key(for: .save) == .function(10))
        #expect(keymap.key(for: .classify(.imminentRisk)) == .character("5"))
        #expect(keymap.action(for: .character("z")) == nil)
    }

    // MARK: - Board

    static func board(_ language: Language = .fr) -> BoardModel {
        var m = BoardModel(viewer: Viewer(name: "chef", role: .supervisor), strings: F.strings(language), timeZone: F.utc, now: F.t0)
        let orphan = UnfinishedCall(call: CallDraft(id: "c-bob", operatorName: "bob", pickedUpAt: F.t0 - 3600), holder: nil)
        _ = BoardUpdate.update(&m, .snapshot(BoardSnapshot(consoles: [], alerts: [F.alert(callID: "c-alice", raisedAt: F.t0 - 20)],
                                                           orphans: [orphan])))
        return m
    }

    /// Presses the key the board's keymap binds to the action.
    static func press(_ m: inout BoardModel, _ action: BoardAction) -> [BoardEffect] {
        guard let key = BoardKeymap.keymap.key(for: action) else { Issue.record("no key for \(action)"); return [] }
        return BoardUpdate.update(&m, .key(key))
    }

    @Test(arguments: Language.allCases)
    func theBoardsHelpListsEveryBindingOfItsKeymap(_ language: Language) {
        var m = Self.board(language)
        _ = Self.press(&m, .help)
        #expect(m.showHelp)
        let screen = BoardView.render(m).text
        for binding in BoardKeymap.keymap.bindings {
            #expect(screen.contains(m.strings[binding.description].prefix(24)), "\(language): \(binding.description) not in help")
        }
        #expect(screen.contains(m.strings["board.help.note"].prefix(30)))
    }

    @Test(arguments: Language.allCases)
    func theBoardsKeyBarIsItsKeymaps(_ language: Language) {
        var m = Self.board(language)
        var bar = BoardView.render(m).row(m.height - 1)
        for binding in BoardKeymap.keymap.bar { #expect(bar.contains(m.strings[binding.description + ".short"])) }
        _ = Self.press(&m, .select(.by(1)))
        _ = Self.press(&m, .close)
        bar = BoardView.render(m).row(m.height - 1)
        for binding in BoardKeymap.form.bar { #expect(bar.contains(m.strings[binding.description + ".short"])) }
    }

    @Test func eachBoardKeyDoesItsAction() {
        var m = Self.board()
        #expect(Self.press(&m, .take) == [.take(alertID: "a-c-alice")])
        _ = Self.press(&m, .select(.by(1)))
        #expect(m.selected == 1)
        _ = Self.press(&m, .select(.first))
        #expect(m.selected == 0)
        _ = Self.press(&m, .select(.last))
        #expect(m.selected == 1)
        _ = Self.press(&m, .reassign)
        #expect(m.form?.action == .reassign && m.form?.step == .operatorName)
        _ = BoardUpdate.update(&m, .key(.escape))
        _ = Self.press(&m, .close)
        #expect(m.form?.action == .close && m.form?.step == .reason)
        _ = BoardUpdate.update(&m, .key(.escape))
        #expect(m.form == nil)
        #expect(Self.press(&m, .quit) == [.quit] && m.shouldQuit)
        // Every key of every binding is bound to the action it lists.
        for binding in BoardKeymap.keymap.bindings {
            for entry in binding.entries { #expect(BoardKeymap.keymap.action(for: entry.key) == entry.action) }
        }
    }

    @Test func theBoardsFormTakesPasteAndEditsInTheMiddle() {
        var m = Self.board()
        _ = Self.press(&m, .select(.last))
        _ = Self.press(&m, .close)
        _ = BoardUpdate.update(&m, .paste("console arrêtée\nappelant rappelé"))
        for key: Key in [.home, .controlRight] { _ = BoardUpdate.update(&m, .key(key)) }
        _ = BoardUpdate.update(&m, .key(.character(",")))
        #expect(m.form?.reason == "console, arrêtée appelant rappelé")
        let effects = BoardUpdate.update(&m, .key(.enter))
        #expect(effects == [.close(callID: "c-bob", reason: "console, arrêtée appelant rappelé")])
        _ = BoardUpdate.update(&m, .paste("ignored"))
        #expect(m.message?.text == m.strings["message.pasteIgnored"])
    }

    // MARK: - Review

    static let screens: [ReviewScreen] = [.shifts, .activity, .summary, .calls(riskyOnly: false), .call(id: "c3")]

    @Test(arguments: Language.allCases)
    func theReviewsHelpOnEveryScreenListsEveryBindingOfItsKeymap(_ language: Language) {
        for viewer in [ReviewScreenTests.chef, Viewer(name: "psy-a", role: .psychologist)] {
            for screen in Self.screens {
                var m = ReviewScreenTests.onNightShift(language, viewer: viewer)
                m.screen = screen
                _ = ReviewUpdate.update(&m, .key(.function(1)))
                #expect(m.showHelp)
                let text = ReviewView.render(m).text
                for binding in ReviewKeymap.current(m).bindings {
                    #expect(text.contains(m.strings[binding.description].prefix(24)), "\(language) \(screen): \(binding.description) not in help")
                }
                let bar = ReviewView.render(m).row(m.height - 1)
                for binding in ReviewKeymap.current(m).bar { #expect(bar.contains(m.strings[binding.description + ".short"])) }
                _ = ReviewUpdate.update(&m, .key(.character("x")))
                #expect(!m.showHelp)
            }
        }
    }

    /// Presses the key the review's keymap binds to the action on the screen shown.
    static func press(_ m: inout ReviewModel, _ action: ReviewAction) -> [ReviewEffect] {
        guard let key = ReviewKeymap.current(m).key(for: action) else { Issue.record("no key for \(action) on \(m.screen)"); return [] }
        return ReviewUpdate.update(&m, .key(key))
    }

    @Test func eachReviewKeyDoesItsAction() {
        var m = ReviewScreenTests.model()
        _ = Self.press(&m, .select(.last))
        #expect(m.selectedShift == 1)
        #expect(Self.press(&m, .open) == [.loadCalls(shiftID: "s1")] && m.screen == .summary)
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s1", ReviewFixtures.nightShift))
        _ = Self.press(&m, .riskyCalls)
        #expect(m.screen == .calls(riskyOnly: true))
        _ = Self.press(&m, .back)
        _ = Self.press(&m, .allCalls)
        #expect(m.screen == .calls(riskyOnly: false))
        _ = Self.press(&m, .select(.by(1)))
        #expect(m.selectedCall == 1)
        let id = m.listedCalls[1].id
        #expect(Self.press(&m, .open) == [.loadAudit(callID: id)] && m.screen == .call(id: id))
        _ = Self.press(&m, .correct)
        #expect(m.correction?.callID == id)
        _ = ReviewUpdate.update(&m, .key(.escape))
        _ = Self.press(&m, .back)
        _ = Self.press(&m, .back)
        _ = Self.press(&m, .back)
        #expect(m.screen == .shifts)
        #expect(Self.press(&m, .activity) == [.loadActivity])
        #expect(Self.press(&m, .quit) == [.quit])
    }

    @Test func theCorrectionsReasonTakesPasteAndEditsInTheMiddle() {
        var m = ReviewScreenTests.onNightShift()
        for key: Key in [.character("l"), .enter, .character("c"), .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        #expect(m.correction?.step == .value)
        _ = ReviewUpdate.update(&m, .paste("2"))   // over the value shown: replaces it
        #expect(m.correction?.value == "2")
        _ = ReviewUpdate.update(&m, .key(.enter))
        _ = ReviewUpdate.update(&m, .paste("appel relu\navec la psychologue"))
        for key: Key in [.home, .delete, .character("A")] { _ = ReviewUpdate.update(&m, .key(key)) }
        #expect(m.correction?.reason == "Appel relu avec la psychologue")
        let effects = ReviewUpdate.update(&m, .key(.enter))
        #expect(effects.first == .correct(callID: m.calls[0].id, field: .level, value: "2", reason: "Appel relu avec la psychologue"))
    }

    // MARK: - Console

    @Test(arguments: Language.allCases)
    func theConsolesHelpListsEveryBindingOfTheScreen(_ language: Language) {
        let sessions: [SessionState] = [.idle, .call(F.draft()), .call(F.emergencyDraft()), .call(F.wrapUpDraft()), .interrupted(F.draft())]
        for session in sessions {
            var m = F.model(session, language)
            m.overlay = .help
            let text = Screen.render(m).text
            for binding in ConsoleKeymap.current(m).bindings {
                #expect(text.contains(m.strings[binding.description].prefix(24)), "\(language) \(session.phase): \(binding.description)")
            }
        }
    }
}
