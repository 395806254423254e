import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The risk-assessment panel, pressed by action through the screen's keymap, its text found by
/// string key.
@Suite struct AssessmentPanelTests {
    /// Level 5 at wrap-up, the protocol done: the save asks for the assessment, which is filled in
    /// a few keys; suggestion and decision are both in the saved call.
    @Test func aLevelFiveCallIsSavedOnlyOnceAssessedAndKeepsSuggestionAndDecision() throws {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2), .function(5), .character("5"))
        h.press(actions: .callNumber(.samu), .toggleStep(.supervisorCalled), .toggleStep(.callerKeptOnLine))
        h.press(.escape)
        h.press(.function(10))
        h.justifyEveryGap()
        if h.model.overlay == nil { h.press(.function(10)) }
        // Refused, and the panel opens by itself.
        #expect(h.calls.finalized.isEmpty)
        #expect(h.model.message?.text == s["refusal.assessmentRequired"])
        guard case .assessment? = h.model.overlay else { Issue.record("no panel: \(String(describing: h.model.overlay))"); return }
        #expect(h.screen.contains(s["rud.required"].prefix(30)))
        h.press(actions: .assessment(.urgence(.high)), .assessment(.dangerosite(.high)), .assessment(.toggleMeansAtHand))
        #expect(h.screen.contains(s.format("rud.suggestion.level", "5", s["level.5"])))
        #expect(h.screen.contains(s["rud.reason.urgenceHigh"]))
        #expect(h.screen.contains(s["rud.reason.lethalMeansAtHand"]))
        h.press(actions: .assessment(.close))
        #expect(h.model.overlay == nil)
        h.press(.function(10))
        let saved = try #require(h.calls.finalized.last)
        #expect(saved.level == .imminentRisk)
        #expect(saved.assessment?.urgence == .high && saved.assessment?.dangerosite == .high && saved.assessment?.meansAtHand == true)
        #expect(saved.assessment?.recordedSuggestion?.level == .imminentRisk)
        #expect(saved.assessment?.recordedSuggestion?.reasons == [.urgenceHigh, .lethalMeansAtHand])
    }

    @Test func theScreenerAsksQuestionsThreeToFiveOnlyAfterAYesToTwo() throws {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2))
        h.press(actions: .openAssessment, .assessment(.openScreener))
        #expect(h.screen.contains(s["cssrs.translationNote"].prefix(30)))
        #expect(!h.screen.contains(String(s["cssrs.q3"].prefix(20))))
        h.press(actions: .assessment(.answer(.yes)), .assessment(.answer(.yes)))   // Q1, Q2
        #expect(h.screen.contains(String(s["cssrs.q3"].prefix(20))))
        h.press(actions: .assessment(.answer(.no)), .assessment(.answer(.yes)))    // Q3, Q4
        #expect(h.model.draft?.assessment?.screener[.intent] == .yes)
        h.press(actions: .assessment(.back))
        #expect(h.screen.contains(s.format("rud.suggestion.level", "5", s["level.5"])))
        #expect(h.screen.contains(s["rud.reason.cssrsIntent"]))
        // Every answer was written with the call.
        #expect(h.calls.persisted.last?.assessment?.screener[.intent] == .yes)
    }

    @Test func notAssessableTakesAReasonThatDoesNotIdentify() throws {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2))
        h.press(actions: .openAssessment, .assessment(.notAssessable))
        guard case .textPrompt(let prompt)? = h.model.overlay, prompt.purpose == .notAssessable else {
            Issue.record("no reason asked"); return
        }
        h.type("rappeler au 06 12 34 56 78"); h.press(.enter)
        // Identifying: asked again, nothing recorded.
        guard case .textPrompt? = h.model.overlay else { Issue.record("not asked again"); return }
        #expect(h.model.draft?.assessment?.notAssessableReason == nil)
        h.press(.control("u")); h.type("appelant ivre, échange impossible"); h.press(.enter)
        #expect(h.model.draft?.assessment?.isNotAssessable == true)
        #expect(h.screen.contains(s["rud.suggestion.none"]))
        #expect(h.screen.contains(s["rud.reason.notAssessable"]))
    }

    @Test func theKeyBarAndHelpComeFromThePanelsKeymap() {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.press(actions: .openAssessment)
        let keymap = ConsoleKeymap.current(h.model)
        #expect(keymap.key(for: .assessment(.urgence(.high))) == .character("3"))
        #expect(h.screen.contains(h.model.strings["key.rud.screener.short"]))
        h.press(actions: .assessment(.openFactors), .assessment(.move(1)), .assessment(.toggleFactor))
        #expect(h.model.draft?.assessment?.riskFactors == [.previousAttempt])
        #expect(h.screen.contains(h.model.strings["rud.group.primary.title"]))
    }
}

extension AssessmentPanelTests {
    /// F1 in the panel shows the panel's own keys over it (it said « touche sans effet »); any key
    /// closes it and does nothing else.
    @Test func f1InThePanelShowsItsOwnKeysAndAnyKeyClosesThem() {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2))
        h.press(actions: .openAssessment)
        h.press(actions: .help)
        #expect(h.model.assessmentPanel?.showingHelp == true)
        #expect(h.screen.contains(s["key.rud.urgence"]) && h.screen.contains(s["key.rud.notAssessable"]))
        // Every key that closes the panel is named, in the screen's language.
        #expect(h.screen.contains(s["key.enterLabel"] + " " + s["key.escapeLabel"] + " u"))
        #expect(h.model.message == nil)
        h.press(.character("3"))   // closes the help; the urgence is not set by it
        #expect(h.model.assessmentPanel?.showingHelp == false && h.model.draft?.assessment?.urgence == nil)
        h.press(actions: .assessment(.urgence(.high)))
        #expect(h.model.draft?.assessment?.urgence == .high)
    }
}

extension ConsoleHarness {
    /// Fills the risk assessment a level-4 or -5 call needs before its save (urgence, dangerosité).
    func assessRisk(urgence: RUDDegree = .low, dangerosite: RUDDegree = .low) {
        press(actions: .openAssessment, .assessment(.urgence(urgence)), .assessment(.dangerosite(dangerosite)), .assessment(.close))
    }
}

@Suite struct MotifPickerTests {
    @Test func mAddsMotifsMainFirstAndTheyAreSavedWithTheCall() throws {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2))
        h.press(actions: .editMotifs)
        guard case .picker(let picker)? = h.model.overlay, picker.purpose == .motif else { Issue.record("no picker"); return }
        #expect(h.screen.contains(s[CallMotif.harassment.stringKey]))
        h.type("harc"); h.press(.enter)
        h.press(actions: .editMotifs); h.type("isol"); h.press(.enter)
        #expect(h.model.draft?.motifs == [.harassment, .isolation])
        #expect(h.calls.persisted.last?.motifs == [.harassment, .isolation])
        // The chosen ones are marked with their rank; choosing one again takes it out.
        h.press(actions: .editMotifs)
        #expect(h.screen.contains("[1] " + s[CallMotif.harassment.stringKey]))
        h.type("harc"); h.press(.enter)
        #expect(h.model.draft?.motifs == [.isolation])
    }

    @Test func theShippedMotifListLoadsAndEveryMotifHasItsWords() throws {
        let list = try MotifList.load(from: ResourceLocator.url("motifs/motifs.txt"))
        #expect(Set(list) == Set(CallMotif.allCases))
        for motif in list {
            #expect(!TestResources.french[motif.stringKey].hasPrefix("⟦"))
            #expect(!TestResources.english[motif.stringKey].hasPrefix("⟦"))
        }
    }
}
