import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The console's features driven on their own state, without the console: what each changes, and
/// what it asks of the console (its outcomes). The scope combinator lifts one into a model and
/// leaves the rest of it alone.
@Suite struct FeatureTests {
    typealias F = TUIFixtures

    // MARK: The scope

    struct Pair: Equatable { var counter = 0; var other = "untouched" }

    /// A feature that counts, and says so.
    enum Counting: Feature {
        static func update(_ state: inout Int, _ event: Int, _ context: String) -> [String] {
            state += event
            return ["\(context) \(state)"]
        }
    }

    @Test func aScopeRunsTheFeatureOnItsPartAloneAndHandsItTheContext() {
        let scope = Scope<Pair, Counting>(\.counter) { pair in "seen:" + pair.other }
        var pair = Pair()
        #expect(scope.send(2, &pair) == ["seen:untouched 2"])
        #expect(scope.send(3, &pair) == ["seen:untouched 5"])
        #expect(pair == Pair(counter: 5, other: "untouched"))
    }

    // MARK: Directory

    static func directoryContext(_ phase: SessionPhase, given: [Int64?] = []) -> DirectoryFeature.Context {
        DirectoryFeature.Context(phase: phase, strings: F.french, geography: F.geography, callerDepartement: "48",
                                 referralEntries: given)
    }

    static func browser(_ purpose: DirectoryPurpose, results: [DirectoryEntry] = F.directoryEntries) -> DirectoryBrowser {
        var b = DirectoryBrowser(purpose: purpose, query: DirectoryQuery(departement: "48"))
        b.results = results
        b.isCurrent = true
        return b
    }

    @Test func aClosedDirectoryIgnoresItsEventsAndOpeningAsksForASearch() {
        var state: DirectoryBrowser?
        let context = Self.directoryContext(.idle)
        #expect(DirectoryFeature.update(&state, .key(.character("a")), context).isEmpty)
        #expect(DirectoryFeature.update(&state, .results(DirectoryQuery(), F.directoryEntries), context).isEmpty)
        #expect(state == nil)
        let opened = DirectoryBrowser(purpose: .browse, query: DirectoryQuery(departement: "48"))
        #expect(DirectoryFeature.update(&state, .open(opened), context) == [.search(opened.query, limit: DirectoryBrowser.resultLimit)])
        #expect(state == opened)
    }

    @Test func typingSearchesAndAnAnswerToAnOlderQueryIsDropped() throws {
        var state: DirectoryBrowser? = DirectoryBrowser(purpose: .browse, query: DirectoryQuery())
        let context = Self.directoryContext(.idle)
        let older = try #require(state).query
        let outcomes = DirectoryFeature.update(&state, .key(.character("m")), context)
        var typed = DirectoryQuery()
        typed.text = "m"
        #expect(outcomes == [.search(typed, limit: DirectoryBrowser.resultLimit)])
        #expect(DirectoryFeature.update(&state, .results(older, F.directoryEntries), context).isEmpty)
        #expect(state?.results.isEmpty == true && state?.isCurrent == false)
        _ = DirectoryFeature.update(&state, .results(typed, F.directoryEntries), context)
        #expect(state?.results == F.directoryEntries && state?.isCurrent == true)
    }

    @Test func atWrapUpThePickIsOfferedToTheCallAndTheScreenClosesOnlyOnceTheCallTookIt() throws {
        var state: DirectoryBrowser? = Self.browser(.replace(index: 1))
        let context = Self.directoryContext(.wrapUp, given: [1, 2])
        let outcomes = DirectoryFeature.update(&state, .action(.directoryChoose), context)
        guard case .use(let entry, let referral, let replacing)? = outcomes.first else {
            Issue.record("no referral offered: \(outcomes)")
            return
        }
        #expect(entry == F.directoryEntries[0] && referral.entryID == 21 && replacing == 1)
        #expect(state != nil)
        let used = DirectoryFeature.update(&state, .used(entry), context)
        #expect(state == nil)
        #expect(used == [.message(StatusMessage(text: F.french.format("directory.used", entry.name), style: .ok))])
    }

    @Test func anEntryTheCallAlreadyHasIsRefusedAndNothingIsOfferedOutsideWrapUp() {
        var state: DirectoryBrowser? = Self.browser(.add)
        let outcomes = DirectoryFeature.update(&state, .action(.directoryChoose), Self.directoryContext(.wrapUp, given: [21]))
        #expect(outcomes == [.message(StatusMessage(text: F.french["directory.alreadyGiven"], style: .warn))])
        #expect(DirectoryFeature.update(&state, .action(.directoryChoose), Self.directoryContext(.inCall)).isEmpty)
        #expect(state != nil)
    }

    @Test func theEmergencyKeyClosesTheDirectoryAndAsksForTheProtocol() {
        var state: DirectoryBrowser? = Self.browser(.browse)
        #expect(DirectoryFeature.update(&state, .action(.directoryEmergency), Self.directoryContext(.inCall)) == [.openEmergency])
        #expect(state == nil)
    }

    // MARK: Training

    static let trainingContext = TrainingFeature.Context(strings: F.french, operatorName: "stagiaire", lines: TestResources.lines)

    @Test func outsideTrainingTheConsolesTimeIsTheWallClockAndNothingElseHappens() {
        var state: DemoSession?
        #expect(TrainingFeature.update(&state, .tick(wall: F.t0), Self.trainingContext) == [.time(F.t0)])
        #expect(TrainingFeature.update(&state, .pickingUp, Self.trainingContext).isEmpty)
        #expect(TrainingFeature.update(&state, .action(.demoFaster), Self.trainingContext).isEmpty)
        #expect(state == nil)
    }

    @Test func theDemoClockRunsFasterAndAPickUpWaitsForAScenario() throws {
        var state: DemoSession? = DemoSession(scenarios: DemoModeTests.scenarios, start: F.t0)
        guard case .scenarioFirst(let picker)? = TrainingFeature.update(&state, .pickingUp, Self.trainingContext).first else {
            Issue.record("the pick-up did not wait for a scenario")
            return
        }
        #expect(picker.purpose == .scenario && picker.allItems.count == DemoModeTests.scenarios.count)
        _ = TrainingFeature.update(&state, .action(.demoFaster), Self.trainingContext)
        let speed = try #require(state?.clock.speed)
        #expect(speed > 1)
        #expect(TrainingFeature.update(&state, .tick(wall: F.t0 + 10), Self.trainingContext) == [.time(F.t0 + 10 * Double(speed))])
    }

    @Test func choosingAScenarioAnswersItsLine() {
        var state: DemoSession? = DemoSession(scenarios: DemoModeTests.scenarios, start: F.t0)
        let police = DemoModeTests.policeOfficer
        let outcomes = TrainingFeature.update(&state, .choose(scenario: police.name), Self.trainingContext)
        #expect(outcomes.first == .answerLine("police"))
        #expect(state?.scenario == police)
    }

    // MARK: Alerts

    static func alertsContext(_ now: Date, call: String? = nil) -> AlertsFeature.Context {
        AlertsFeature.Context(wallNow: now, callID: call, strings: F.french, timeZone: F.utc)
    }

    @Test func anAlertThatDidNotReachTheStoreIsSaidWithThePhonesAndSentAgainLate() throws {
        var watch = AlertWatch()
        watch.supervisors = [OperatorRecord(name: "chef", role: .supervisor, systemUser: "chef", phone: "06 99 00 00 01")]
        let alert = F.alert(callID: "c-1", raisedAt: F.t0)
        let refused = AlertsFeature.update(&watch, .notRaised(alert), Self.alertsContext(F.t0, call: "c-1"))
        #expect(refused == [.message(StatusMessage(text: F.french.format("alert.notRaised", "chef 06 99 00 00 01"), style: .alert)), .ring])
        #expect(AlertsFeature.update(&watch, .tick, Self.alertsContext(F.t0 + 1, call: "c-1")).isEmpty)
        let retried = AlertsFeature.update(&watch, .tick, Self.alertsContext(F.t0 + 3, call: "c-1"))
        guard case .raise(let late)? = retried.first, retried.count == 1 else {
            Issue.record("not sent again: \(retried)")
            return
        }
        #expect(late.id == alert.id && late.raisedAt == F.t0 + 3 && late.lateBy == 3)
        let landed = AlertsFeature.update(&watch, .raised(late), Self.alertsContext(F.t0 + 3, call: "c-1"))
        #expect(landed == [.message(StatusMessage(text: F.french.format("alert.sentLate", Formatting.duration(3)), style: .warn))])
        #expect(watch.notRaised.isEmpty)
    }

    @Test func anotherCallsAlertNobodyTookRingsOnceAfterTheDelay() {
        var watch = AlertWatch()
        let alert = F.alert(callID: "other", raisedAt: F.t0)
        let early = Self.alertsContext(F.t0 + watch.escalationDelay - 1, call: "c-1")
        #expect(AlertsFeature.update(&watch, .loaded([alert], supervisors: []), early).isEmpty)
        let late = Self.alertsContext(F.t0 + watch.escalationDelay + 1, call: "c-1")
        #expect(AlertsFeature.update(&watch, .tick, late) == [.ring])
        #expect(AlertsFeature.update(&watch, .tick, late).isEmpty)
        #expect(AlertsFeature.update(&watch, .loaded([alert], supervisors: []), late).isEmpty)
        // The console's own call's alert is on its protocol screen, not escalated to it.
        var own = AlertWatch()
        #expect(AlertsFeature.update(&own, .loaded([alert], supervisors: []), Self.alertsContext(F.t0 + 1_000, call: "other")).isEmpty)
    }

    // MARK: Presence

    static func presenceContext(_ activity: ConsoleActivity, at now: Date) -> PresenceFeature.Context {
        PresenceFeature.Context(activity: ActivityReport(activity: activity, callID: nil, callStartedAt: nil, level: nil, line: "sante"),
                                wallNow: now, interval: 5)
    }

    @Test func theBoardHearsOfTheConsoleOnceShownAndOfEachChangeOnce() {
        var presence = Presence()
        #expect(PresenceFeature.update(&presence, .handled, Self.presenceContext(.free, at: F.t0)).isEmpty)
        _ = PresenceFeature.update(&presence, .shown, Self.presenceContext(.free, at: F.t0))
        let free = Self.presenceContext(.free, at: F.t0)
        #expect(PresenceFeature.update(&presence, .handled, free) == [.report(free.activity)])
        #expect(PresenceFeature.update(&presence, .handled, free).isEmpty)
        let inCall = Self.presenceContext(.inCall, at: F.t0)
        #expect(PresenceFeature.update(&presence, .handled, inCall) == [.report(inCall.activity)])
    }

    @Test func theConsoleSaysItIsAliveEveryIntervalFromItsFirstTick() {
        var presence = Presence()
        #expect(PresenceFeature.update(&presence, .tick, Self.presenceContext(.free, at: F.t0)).isEmpty)
        #expect(PresenceFeature.update(&presence, .tick, Self.presenceContext(.free, at: F.t0 + 4)).isEmpty)
        let due = Self.presenceContext(.inCall, at: F.t0 + 5)
        #expect(PresenceFeature.update(&presence, .tick, due) == [.heartbeat(due.activity)])
        #expect(PresenceFeature.update(&presence, .tick, Self.presenceContext(.inCall, at: F.t0 + 9)).isEmpty)
        #expect(presence.lastHeartbeat == F.t0 + 5)
    }

    // MARK: Picker and prompt

    static func key(_ action: OverlayAction, in keymap: Keymap<OverlayAction>) throws -> Key {
        try #require(keymap.key(for: action))
    }

    @Test func aPickerFiltersAsTypedAndGivesTheItemChosenOnceClosed() throws {
        var state: Picker? = Pickers.departement(F.french, F.geography)
        for character in "loz" { _ = PickerFeature.update(&state, .key(.character(character)), F.geography) }
        let first = try #require(state?.visibleItems(geography: F.geography).first)
        #expect(first.id == "48")
        let chosen = PickerFeature.update(&state, .key(try Self.key(.confirm, in: OverlayKeymap.picker)), F.geography)
        #expect(chosen == [.chosen(.departement, id: "48")] && state == nil)
    }

    @Test func aPickerClosedWithoutAChoiceGivesNothingAndAnEmptyListCannotBeConfirmed() throws {
        var state: Picker? = Pickers.departement(F.french, F.geography)
        _ = PickerFeature.update(&state, .paste("zzzz"), F.geography)
        #expect(PickerFeature.update(&state, .key(try Self.key(.confirm, in: OverlayKeymap.picker)), F.geography).isEmpty)
        #expect(state != nil)
        #expect(PickerFeature.update(&state, .key(try Self.key(.cancel, in: OverlayKeymap.picker)), F.geography).isEmpty)
        #expect(state == nil)
    }

    @Test func aPromptGivesItsTextTrimmedAndNeverEmpty() throws {
        var state: TextPrompt? = TextPrompt(.followUp)
        let confirm = try Self.key(.confirm, in: OverlayKeymap.prompt)
        _ = PromptFeature.update(&state, .paste("   "), ())
        #expect(PromptFeature.update(&state, .key(confirm), ()).isEmpty && state != nil)
        _ = PromptFeature.update(&state, .paste("rappel jeudi "), ())
        let given = PromptFeature.update(&state, .key(confirm), ())
        #expect(given.count == 1 && state == nil)
        if case .submitted(let prompt, let text)? = given.first {
            #expect(prompt.purpose == .followUp && text == "rappel jeudi")
        }
    }

    @Test func theOverlaysCasePathClosesOnlyItsOwnOverlay() {
        var model = F.model(.idle)
        model.overlay = .help
        model.picker = nil
        model.prompt = nil
        #expect(model.overlay == .help)
        model.prompt = TextPrompt(.followUp)
        #expect(model.picker == nil && model.prompt == TextPrompt(.followUp))
        model.prompt = nil
        #expect(model.overlay == nil)
    }

    // MARK: Continuity

    static let callbackContext = CallbackFeature.Context(strings: F.french, callID: "c-1", operatorName: "psy-test", wallNow: F.t0)

    static func pressing(_ form: inout CallbackForm?, _ action: CallbackFormAction) throws -> [CallbackFeature.Outcome] {
        let key = try #require(form.flatMap { CallbackKeymap.keymap($0).key(for: action) }, "no key for \(action)")
        return CallbackFeature.update(&form, .key(key), callbackContext)
    }

    @Test func theCallbackFormTakesPasteStepsBackAndSendsARequestNamedByCallAndTime() throws {
        var form: CallbackForm? = CallbackForm()
        _ = CallbackFeature.update(&form, .paste("revoir le planning"), Self.callbackContext)
        _ = try Self.pressing(&form, .next)
        #expect(form?.step == .urgency)
        _ = try Self.pressing(&form, .back)
        #expect(form?.step == .motif && form?.motif.text == "revoir le planning")
        _ = try Self.pressing(&form, .next)
        _ = try Self.pressing(&form, .urgency(.today))
        _ = try Self.pressing(&form, .next)
        // On an empty number, backspace goes back; once a digit is typed it erases instead.
        #expect(form.map { CallbackKeymap.keymap($0).key(for: .back) } == .backspace)
        _ = CallbackFeature.update(&form, .paste("01 45 67 89 10"), Self.callbackContext)
        #expect(form.map { CallbackKeymap.keymap($0).key(for: .back) } == .some(nil))
        let sent = try Self.pressing(&form, .next)
        guard case .send(let request, let number, let kept)? = sent.first else {
            Issue.record("not sent: \(sent)")
            return
        }
        #expect(form == nil && number.digits == "0145678910" && kept.urgency == .today)
        #expect(request.id == "c-1-callback-\(Int(F.t0.timeIntervalSince1970 * 1000))" && request.motif == "revoir le planning")
    }

    @Test func aCallersEarlierCallsOpenOnlyOverNothingElseAndForTheCallOnScreen() {
        var state = ContinuityState()
        let code = CallerCode(values: [3, 14, 15, 9, 2, 6])
        let attached = AttachedCallerCode(code: code, issued: false, earlierCalls: 1)
        let earlier = CallerHistoryCall(callID: "old", pickedUpAt: F.t0 - 86400, endedAt: nil, level: nil, motifs: [], referrals: [],
                                        operatorName: "psy-autre", operatorOnShift: false, followUp: nil, notes: nil)
        let event = ContinuityFeature.Event.codeAnswered(callID: "c-1", attached, history: [earlier], failure: nil)
        let busy = ContinuityFeature.update(&state, event, ContinuityFeature.Context(strings: F.french, callID: "c-1", overlayOpen: true))
        #expect(busy.count == 1 && state.codes["c-1"] == attached)
        let other = ContinuityFeature.update(&state, event, ContinuityFeature.Context(strings: F.french, callID: "c-2", overlayOpen: false))
        #expect(other.count == 1)
        let free = ContinuityFeature.update(&state, event, ContinuityFeature.Context(strings: F.french, callID: "c-1", overlayOpen: false))
        #expect(free.last == .show(.callerHistory(CallerHistoryPanel(code: code, calls: [earlier]))))
    }

    @Test func eachContinuityFormsKeyLineIsItsKeymap() {
        var m = F.model(.call(F.draft(.wrapUp)))
        let s = m.strings
        var forms: [(Overlay, String)] = []
        for step in [CallbackForm.Step.motif, .urgency, .number] {
            var form = CallbackForm()
            form.step = step
            forms.append((.callback(form), KeyHint.line(CallbackKeymap.keymap(form), s)))
        }
        forms.append((.followUp(FollowUpForm()), KeyHint.line(FollowUpKeymap.keymap, s)))
        forms.append((.callerCode(CallerCodeForm()), KeyHint.line(CallerCodeKeymap.form, s)))
        for (overlay, line) in forms {
            m.overlay = overlay
            #expect(Screen.render(m).text.contains(line), "\(overlay)")
        }
    }

    // MARK: Assessment and handoff

    @Test func theAssessmentPanelGivesEachChangeToTheCallAndSaysWhenItsSuggestionDiffersOnClosing() {
        var panel: AssessmentPanel? = AssessmentPanel()
        var context = AssessmentFeature.Context(strings: F.french, hasCall: true, assessment: RiskAssessment(), level: .anxiety)
        let set = AssessmentFeature.update(&panel, .action(.urgence(.high)), context)
        guard case .set(let assessment)? = set.first else {
            Issue.record("not given to the call: \(set)")
            return
        }
        #expect(assessment.urgence == .high && panel == AssessmentPanel())
        context.assessment = assessment
        let closed = AssessmentFeature.update(&panel, .action(.close), context)
        #expect(panel == nil)
        if let suggested = assessment.suggestion.level, suggested != .anxiety {
            #expect(closed == [.message(StatusMessage(text: F.french.format("rud.differs", "\(suggested.rawValue)"), style: .warn))])
        } else {
            Issue.record("a high urgency suggests no level other than anxiety: \(assessment.suggestion)")
        }
        var noCall: AssessmentPanel? = AssessmentPanel()
        #expect(AssessmentFeature.update(&noCall, .action(.urgence(.high)), AssessmentFeature.Context(
            strings: F.french, hasCall: false, assessment: RiskAssessment(), level: nil)).isEmpty && noCall == nil)
    }

    @Test func theHandoffAsksForItsWriteWithTheHandoversAndTheShiftEndsOnlyOnceWritten() throws {
        var form: HandoffForm? = HandoffForm()
        let context = HandoffFeature.Context(strings: F.french, line: "sante")
        let facts = ShiftHandoff(id: "h", shiftID: "s", operatorName: "psy-test", writtenAt: F.t0, callsInProgress: ["c-1"], followUpsDue: 0)
        _ = HandoffFeature.update(&form, .counted(facts, colleagues: ["bob"], answeredElsewhere: [], failure: nil), context)
        _ = HandoffFeature.update(&form, .key(try #require(HandoffKeymap.keymap.key(for: .nextRecipient))), context)
        _ = HandoffFeature.update(&form, .paste("rien d'urgent"), context)
        let write = HandoffFeature.update(&form, .key(try #require(HandoffKeymap.keymap.key(for: .write))), context)
        guard case .write(let note, let handovers)? = write.last else {
            Issue.record("no write: \(write)")
            return
        }
        #expect(note.text == "rien d'urgent" && note.handedTo == ["c-1": "bob"] && handovers == [CallHandover(callID: "c-1", to: "bob")])
        #expect(!write.contains(.quit) && form != nil)
        #expect(HandoffFeature.update(&form, .written(handedOver: ["c-1"], failure: nil), context) == [.quit])
    }

    @Test func theAssessmentPanelsKeyBarShowsEveryKeyItListsThereAtEightyColumns() {
        for language in Language.allCases {
            var m = F.model(.call(F.draft(.wrapUp)), language)
            for part in [AssessmentPanel.Part.grid, .factors, .screener] {
                m.overlay = .assessment(AssessmentPanel(part: part))
                let bar = Screen.render(m).row(m.height - 1)
                for binding in AssessmentKeymap.keymap(AssessmentPanel(part: part)).bar {
                    #expect(bar.contains(m.strings[binding.description + ".short"]), "\(language) \(part): \(binding.label) not in « \(bar) »")
                }
            }
        }
    }

    @Test func anAlertOnItsWayIsSaidAsBeingSentNotAsAnEarlierAlertsStateUntilTheStoreAnswers() {
        var m = F.model(.call(F.emergencyDraft()))
        let s = m.strings
        var earlier = F.alert(callID: "c-1", raisedAt: F.t0 + 700)
        earlier.raisedByMistake = RaisedByMistake(reason: "F9 par erreur", markedAt: F.t0 + 710)
        m.alerts.open = [earlier]
        let again = AlertsFeature.alert(.imminentRisk, of: F.emergencyDraft(), now: m.now, wallNow: m.wallNow)
        _ = AlertsFeature.update(&m.alerts, .sending(again), Self.alertsContext(m.wallNow, call: "c-1"))
        let sending = Screen.render(m).text
        #expect(sending.contains(s["alert.sending"]))
        #expect(!sending.contains(s.format("alert.pending", Formatting.clock(earlier.raisedAt, timeZone: m.timeZone))))
        _ = AlertsFeature.update(&m.alerts, .raised(again), Self.alertsContext(m.wallNow, call: "c-1"))
        #expect(m.alerts.sending.isEmpty && !Screen.render(m).text.contains(s["alert.sending"]))
        _ = AlertsFeature.update(&m.alerts, .sending(again), Self.alertsContext(m.wallNow, call: "c-1"))
        _ = AlertsFeature.update(&m.alerts, .notRaised(again), Self.alertsContext(m.wallNow, call: "c-1"))
        #expect(m.alerts.sending.isEmpty && Screen.render(m).text.contains(s["alert.notRaisedYet"]))
    }

    @Test func anAlertsTimeIsToldOnTheConsolesClockInTrainingMode() {
        var m = F.model(.call(F.emergencyDraft()))
        let s = m.strings
        m.alerts.open = [F.alert(callID: "c-1", raisedAt: m.wallNow)]
        m.now = m.wallNow + 600   // the demo clock ten minutes ahead of the wall clock
        let screen = Screen.render(m).text
        #expect(screen.contains(s.format("alert.pending", Formatting.clock(m.now, timeZone: m.timeZone))))
        #expect(!screen.contains(s.format("alert.pending", Formatting.clock(m.wallNow, timeZone: m.timeZone))))
    }
}
