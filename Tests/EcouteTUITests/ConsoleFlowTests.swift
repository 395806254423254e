import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The console driven key by key, as a psychologist would.
@Suite struct ConsoleFlowTests {
    @Test func aCompleteLevelTwoCallInFewKeys() throws {
        let h = ConsoleHarness()
        h.press(.function(2))
        #expect(h.model.session.phase == .inCall)
        h.press(.character("p")); h.type("inf"); h.press(.enter)
        h.press(.character("d")); h.type("69"); h.press(.enter)
        h.advance(22 * 60)
        h.press(.function(5))
        #expect(h.model.session.phase == .wrapUp)
        h.press(.character("2"))
        #expect(h.model.draft?.referrals.map(\.name) == ["Psy A", "Dr GP A"])
        // Nothing is given until the psychologist says so: Space gives one and moves to the next.
        #expect(h.model.draft?.referrals.allSatisfy { $0.status == .proposed } == true)
        h.press(.character(" "), .character(" "))
        h.press(.function(10))
        #expect(h.model.session.phase == .saved)
        let saved = try #require(h.calls.finalized.last)
        #expect(saved.level == .depression)
        #expect(saved.profile.profession == .infirmier && saved.profile.category == .professional)
        #expect(saved.profile.departement == "69")
        #expect(saved.referrals.filter { $0.status == .given }.count == 2)
        #expect(saved.elapsed(now: .distantFuture) == 22 * 60)
        #expect(h.keysPressed == 15)
        #expect(h.model.lineAverage == TimeInterval(22 * 60))
        // Every step was written as it happened.
        #expect(h.calls.persisted.count >= 6)
        #expect(h.calls.persisted.allSatisfy { $0.id == saved.id })
    }

    @Test func theNextCallGetsAFreshIdentifier() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("0"), .escape, .function(10))   // Escape: département not given
        // Level 0 needs legal and administrative services: none given, so a reason for each.
        #expect(h.model.session.phase == .wrapUp && h.calls.finalized.isEmpty)
        h.justifyEveryGap()
        h.press(.function(10), .function(2))
        #expect(h.model.session.phase == .inCall)
        #expect(h.model.draft?.id == "call-2")
        #expect(h.calls.finalized.map(\.id) == ["call-1"])
    }

    @Test func saveWithoutClassificationIsRefusedWithAReason() {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .function(10))
        #expect(h.model.session.phase == .wrapUp)
        #expect(h.model.message?.text == h.model.strings["refusal.classificationRequired"])
        #expect(h.screen.contains(h.model.strings["refusal.classificationRequired"]))
    }

    @Test func digitsDuringTheCallExplainThatClassificationComesAtTheEnd() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("3"))
        #expect(h.model.draft?.level == nil)
        #expect(h.model.message?.text == h.model.strings["refusal.classificationAtWrapUp"])
    }

    @Test func studentsChooseTheirFieldAndTheirStatusFollows() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("p"))
        h.type("étudiant")
        h.press(.enter)
        guard case .picker(let picker)? = h.model.overlay else { Issue.record("no field picker"); return }
        #expect(picker.purpose == .studentField)
        h.type("sage")
        h.press(.enter)
        #expect(h.model.draft?.profile.category == .student)
        #expect(h.model.draft?.profile.profession == .sageFemme)
        #expect(h.model.draft?.profile.status == .student)
    }

    @Test func departementPickerTakesANamePrefixAndCanBeCleared() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("d"))
        h.type("rhô")
        h.press(.enter)
        #expect(h.model.draft?.profile.departement == "69")
        h.press(.character("d"))
        h.type("non renseigné")
        h.press(.enter)
        #expect(h.model.draft?.profile.departement == nil)
        h.press(.character("d"), .escape)
        #expect(h.model.overlay == nil)
    }

    @Test func repeatCallerCyclesThroughItsThreeValues() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("r"))
        #expect(h.model.draft?.profile.isRepeatCaller == false)
        h.press(.character("r"))
        #expect(h.model.draft?.profile.isRepeatCaller == true)
        h.press(.character("r"))
        #expect(h.model.draft?.profile.isRepeatCaller == nil)
    }

    @Test func notesAreWrittenCoalescedWithin300msAndCapped() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("n"))
        let writesBefore = h.calls.persisted.count
        h.type("Épuisé")
        // Typing is not a write per key: nothing yet…
        #expect(h.calls.persisted.count == writesBefore)
        #expect(h.model.deadline == h.model.wallNow + CallFeature.notesWriteDelay)
        h.advance(0.2)
        #expect(h.calls.persisted.count == writesBefore)
        // …and one write once 300 ms have passed, with everything typed.
        h.advance(0.1)
        #expect(h.calls.persisted.count == writesBefore + 1)
        #expect(h.calls.persisted.last?.notes == "Épuisé")
        h.press(.backspace)
        #expect(h.calls.persisted.last?.notes == "Épuisé")
        // Closing the notes writes at once.
        h.press(.enter)
        #expect(h.model.overlay == nil)
        #expect(h.calls.persisted.last?.notes == "Épuis")
        #expect(h.model.desk.notesUnwrittenSince == nil && h.model.deadline == nil)
        h.press(.character("n"))
        h.type(String(repeating: "x", count: NotesPolicy.maximumLength))
        #expect(h.model.draft?.notes.count == NotesPolicy.maximumLength)
        #expect(h.model.message?.text == h.model.strings["message.notesFull"])
    }

    @Test func anyOtherChangeOfTheCallCarriesTheNotes() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("n"))
        h.type("nuit")
        h.press(.function(9))   // the protocol, straight from the notes
        #expect(h.model.session.phase == .emergency && h.model.overlay == nil)
        #expect(h.calls.persisted.last?.notes == "nuit" && h.model.desk.notesUnwrittenSince == nil)
    }

    @Test func aPasteGoesIntoTheNotesAndNeverRunsAsCommands() {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5))
        // Pasted at wrap-up outside any text field: ignored, not a classification.
        h.runtime.send(.paste("5\n"))
        #expect(h.model.draft?.level == nil)
        #expect(h.model.message?.text == h.model.strings["message.pasteIgnored"])
        h.press(.character("n"))
        h.runtime.send(.paste("ligne 1\nligne 2\t!"))
        #expect(h.model.draft?.notes == "ligne 1 ligne 2 !")
        #expect(h.model.overlay?.isNotes == true)
        h.runtime.send(.paste(String(repeating: "y", count: 5000)))
        #expect(h.model.draft?.notes.count == NotesPolicy.maximumLength)
        #expect(h.model.message?.text == h.model.strings["message.notesFull"])
    }

    @Test func referralsCanBeDeclinedSwappedAndAdded() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .character("d")); h.type("69"); h.press(.enter)
        h.press(.function(5), .character("1"))
        #expect(h.model.draft?.referrals.map(\.name) == ["Psy A", "Dr GP A"])
        // Swap the psychologist for the next one.
        h.press(.tab)
        guard case .picker(let alternatives)? = h.model.overlay else { Issue.record("no alternatives"); return }
        #expect(alternatives.allItems.count == 1)
        h.press(.enter)
        #expect(h.model.draft?.referrals.first?.name == "Psy B")
        #expect(h.model.draft?.referrals.first?.origin == .chosen)
        // Give the psychologist; the GP stays not given, and the warning says a reason is needed.
        h.press(.up, .character(" "))
        #expect(h.model.draft?.referrals.map(\.status) == [.given, .proposed])
        #expect(h.model.selectedReferral == 1)
        #expect(h.screen.contains(h.model.strings.format("wrapUp.missing", h.model.strings["kind.gp"])))
        // Add a dedicated unit by hand.
        h.press(.character("+")); h.type("unit"); h.press(.enter, .enter)
        #expect(h.model.draft?.referrals.last?.kind == .unit)
        #expect(h.model.selectedReferral == 2)
        // Saving asks why the GP was not given; the reason is kept with the call.
        h.press(.function(10))
        #expect(h.calls.finalized.isEmpty)
        guard case .picker(let reasons)? = h.model.overlay, case .referralGap(.gp) = reasons.purpose else {
            Issue.record("no reason asked"); return
        }
        h.type("suivi"); h.press(.enter)
        let s = h.model.strings
        #expect(h.screen.contains(s.format("wrapUp.justified", "\(s["kind.gp"]) (\(s["gap.alreadyInCare"]))")))
        h.press(.function(10))
        let saved = try #require(h.calls.finalized.last)
        #expect(saved.referrals.map(\.name) == ["Psy B", "Dr GP A", "Unité Lyon"])
        #expect(saved.referrals.map(\.status) == [.given, .proposed, .proposed])
        #expect(saved.referralGaps == [.gp: ReferralGap(reason: .alreadyInCare)])
    }

    @Test func levelFiveAtWrapUpOpensTheProtocolWhichMustBeCompleteToSave() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("5"))
        #expect(h.model.session.phase == .emergency)
        h.press(actions: .callNumber(.samu), .toggleStep(.supervisorCalled))
        h.press(.escape)
        #expect(h.model.session.phase == .wrapUp)
        h.press(.function(10))
        // Step 3 neither done nor explained: back to the protocol, nothing saved.
        #expect(h.model.session.phase == .emergency && h.calls.finalized.isEmpty)
        // The step left is named (not the protocol's keys).
        let s = h.model.strings
        #expect(h.model.message?.text == s.format("refusal.protocolIncomplete", s["key.step.callerKeptOnLine.short"]))
        h.press(.character("x"), .enter)   // the only step left
        guard case .textPrompt(let prompt)? = h.model.overlay, prompt.purpose == .skippedStep(.callerKeptOnLine) else {
            Issue.record("no reason asked"); return
        }
        h.type("a raccroché avant le relais"); h.press(.enter)
        #expect(h.screen.contains(h.model.strings.format("emergency.skipped", "a raccroché avant le relais")))
        h.press(.escape)
        // Explained, the step is no longer said to be left to do at wrap-up.
        #expect(!h.screen.contains(s.format("wrapUp.protocolIncomplete", s["key.step.callerKeptOnLine.short"])))
        h.assessRisk(urgence: .high)
        h.press(.function(10))
        h.justifyEveryGap()
        h.press(.function(10))
        let saved = try #require(h.calls.finalized.last)
        #expect(saved.emergency?.skipped == [.callerKeptOnLine: "a raccroché avant le relais"])
        #expect(saved.emergency?.unexplainedSteps == [])
        // The saved summary says which step was not done, and why.
        #expect(h.model.session.phase == .saved)
        let said = wrap(s.format("saved.stepSkipped", s["step.callerKeptOnLine.short"], "a raccroché avant le relais"), width: 78)
        #expect(said.allSatisfy { h.screen.contains(" " + $0) })
    }

    @Test func aFamilyMemberCallsAboutAProfessionalAndInternsAreOnTheList() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .character("p"))
        h.type("famille"); h.press(.enter)
        guard case .picker(let picker)? = h.model.overlay, picker.purpose == .familyOf else { Issue.record("no profession asked"); return }
        h.type("sage"); h.press(.enter)
        #expect(h.model.draft?.profile.category == .family && h.model.draft?.profile.profession == .sageFemme)
        #expect(h.model.draft?.profile.status == .family)
        #expect(h.screen.contains(h.model.strings.format("category.familyOf", h.model.strings["profession.sageFemme"])))
        h.press(.character("p")); h.type("interne"); h.press(.enter)
        #expect(h.model.draft?.profile.profession == .interne && h.model.draft?.profile.category == .professional)
    }

    @Test func savingNotesThatLookIdentifyingAsksOnce() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .character("n"))
        h.type("Mme Marie Durand, 12 rue de la Paix")
        let s = h.model.strings
        // The warning's end wraps in its box: its start, then the concerns named.
        #expect(h.screen.contains(s.prefix("notes.looksIdentifying") + s["notes.concern.personName"] + ", " + s["notes.concern.address"]))
        h.press(.enter, .function(5), .character("2"), .escape, .character(" "), .character(" "), .function(10))
        guard case .confirmIdentifying(let flagged)? = h.model.overlay else { Issue.record("not asked"); return }
        #expect(flagged == [IdentifyingText(field: .notes, concerns: [.personName, .address])] && h.calls.finalized.isEmpty)
        // Edit: back to the notes, nothing saved.
        h.press(.character("m"))
        #expect(h.model.overlay?.isNotes == true)
        h.press(.escape, .function(10))
        // Asked again until answered; Enter saves anyway, and it is not asked twice for the call.
        h.press(.enter)
        #expect(h.calls.finalized.count == 1)
    }

    @Test func aFollowUpThatLooksIdentifyingIsWarnedAndAskedBeforeSaving() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("4"), .escape)
        h.press(actions: .editFollowUp); h.type("rappeler au 06 12 34 56 78"); h.press(.enter)
        let phone = h.model.strings["notes.concern.phoneNumber"]
        #expect(h.model.message?.text == h.model.strings.format("identifying.followUp", phone))
        h.assessRisk()
        h.press(.character(" "), .character(" "), .character(" "), .function(10))
        guard case .confirmIdentifying(let flagged)? = h.model.overlay else { Issue.record("not asked"); return }
        #expect(flagged == [IdentifyingText(field: .followUp, concerns: [.phoneNumber])] && h.calls.finalized.isEmpty)
        // m opens the follow-up itself, not the notes.
        h.press(.character("m"))
        guard case .textPrompt(let prompt)? = h.model.overlay, prompt.purpose == .followUp else { Issue.record("not the follow-up"); return }
        h.press(.escape, .function(10), .enter)
        #expect(h.calls.finalized.count == 1)
    }

    @Test func atLevelFourAnAgreedFollowUpCallIsNoted() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("4"), .escape)
        #expect(h.screen.contains(h.model.strings["wrapUp.followUpHint"]))
        h.press(.character("f")); h.type("jeudi 14h, par l'écoutante"); h.press(.enter)
        #expect(h.screen.contains(h.model.strings.format("wrapUp.followUp", "jeudi 14h, par l'écoutante")))
        h.assessRisk(urgence: .medium)
        h.press(.character(" "), .character(" "), .character(" "), .function(10))
        #expect(h.calls.finalized.last?.followUp == "jeudi 14h, par l'écoutante")
    }

    /// Two offices in Lyon open on weekdays, 9h–17h, and what else a test adds.
    static func officesInLyon(_ more: [DirectoryEntry] = []) -> FakeDirectory {
        let office = "lun-ven 9h-17h"
        return FakeDirectory(entries: [
            DirectoryEntry(id: 1, source: "t", sourceID: "1", kind: .psychologist, name: "Psy de jour", city: "Lyon", departement: "69",
                           region: nil, phones: ["04 00 00 00 01"], openingHours: office),
            DirectoryEntry(id: 2, source: "t", sourceID: "2", kind: .gp, name: "Dr de jour", city: "Lyon", departement: "69",
                           region: nil, phones: ["04 00 00 00 02"], openingHours: office),
        ] + more)
    }

    /// A level-1 call from the Rhône brought to its wrap-up `hours` after Monday 16:25.
    static func wrapUpIn69(_ directory: FakeDirectory, after hours: TimeInterval) -> ConsoleHarness {
        let h = ConsoleHarness(directory: directory)
        h.advance(hours * 3600)
        h.press(.function(2), .character("d")); h.type("69"); h.press(.enter, .function(5), .character("1"))
        return h
    }

    @Test func atNightTheWrapUpSaysNothingProposedIsOpenAndWhatAnswers() {
        func wrapUp(after hours: TimeInterval) -> ConsoleHarness { Self.wrapUpIn69(Self.officesInLyon(), after: hours) }
        let night = wrapUp(after: 11)   // Monday 16:25 in Lyon, then 03:25 on Tuesday
        #expect(night.model.draft?.referrals.count == 2)
        #expect(night.screen.contains(night.model.strings["wrapUp.allClosed"]))
        let day = wrapUp(after: 0)
        #expect(!day.screen.contains(day.model.strings["wrapUp.allClosed"]))
    }

    @Test func atNightTeleconsultationIsProposedBeforeTheNearestClosedOfficeAndTheScreenSaysWhy() {
        let directory = Self.officesInLyon([
            DirectoryEntry(id: 3, source: "t", sourceID: "3", kind: .psychologist, name: "Psy en visio", city: "Brest", departement: "29",
                           region: nil, phones: ["02 00 00 00 03"], teleconsultation: true),
        ])
        func wrapUp(after hours: TimeInterval) -> ConsoleHarness { Self.wrapUpIn69(directory, after: hours) }
        let night = wrapUp(after: 11)   // Monday 16:25 in Lyon, then 03:25 on Tuesday
        let psychologist = night.model.draft?.referrals.first { $0.kind == .psychologist }
        #expect(psychologist?.entryID == 3)
        #expect(night.model.desk.proposalRankedForHour == [.psychologist])
        #expect(night.screen.contains(night.model.strings.format("wrapUp.rankedForHour", night.model.strings["kind.psychologist"])))
        let day = wrapUp(after: 0)
        #expect(day.model.draft?.referrals.first { $0.kind == .psychologist }?.entryID == 1)
        #expect(day.model.desk.proposalRankedForHour.isEmpty)
    }

    /// A newer ecoute upgrades the database during a shift: the call in progress goes on
    /// untouched, and the restart is advised once the console is idle between two calls.
    @Test func anUpgradeDuringAShiftIsSaidBetweenCallsNeverDuringOne() {
        let maintenance = FakeMaintenance()
        let h = ConsoleHarness(maintenance: maintenance)
        let advice = h.model.strings["idle.restartAdvised"]
        #expect(!h.screen.contains(advice))
        h.press(.function(2))
        maintenance.unknown = ["z99-from-a-newer-ecoute"]
        h.advance(AppModel.schemaCheckInterval + 1)
        #expect(h.model.session.phase == .inCall && !h.screen.contains(advice))
        h.press(.function(5), .character("0"), .escape, .character(" "), .character(" "), .function(10))
        #expect(h.model.session.phase == .saved)
        h.press(.enter)
        h.advance(AppModel.schemaCheckInterval + 1)
        #expect(h.model.session == .idle && h.screen.contains(advice))
        #expect(h.model.newerSchema == ["z99-from-a-newer-ecoute"])
    }

    @Test func theTwentyFiveMinuteCueIsHeardOncePerCallUnlessTurnedOff() {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.advance(24 * 60 + 59)
        #expect(h.terminal.bells == 0)
        h.advance(2)
        #expect(h.terminal.bells == 1)
        h.advance(60)
        #expect(h.terminal.bells == 1)
        let quiet = ConsoleHarness()
        quiet.model.bellAtReferenceDuration = false
        quiet.press(.function(2))
        quiet.advance(26 * 60)
        #expect(quiet.terminal.bells == 0)
    }

    @Test func aGentleCueAtTwentyMinutesThenTheTwentyFiveMinuteOne() {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.advance(19 * 60)
        let s = h.model.strings
        #expect(!h.screen.contains(s["header.over20"]) && !h.screen.contains(s["header.over25"]))
        h.advance(60)
        #expect(h.screen.contains(s["header.over20"]) && h.screen.contains(s["call.over20"]))
        h.advance(5 * 60)
        #expect(h.screen.contains(s["header.over25"]) && !h.screen.contains(s["header.over20"]))
    }

    @Test func anOtherReasonIsWrittenOut() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("3"), .escape, .character(" "), .function(10))
        h.type("autre"); h.press(.enter)
        guard case .textPrompt(let prompt)? = h.model.overlay, prompt.purpose == .gapNote(.psychiatrist) else { Issue.record("no text asked"); return }
        h.press(.enter)   // empty: refused, stays open
        #expect(h.model.overlay != nil)
        h.type("rendez-vous déjà pris"); h.press(.enter)
        h.press(.function(10))
        #expect(h.calls.finalized.last?.referralGaps == [.psychiatrist: ReferralGap(reason: .other, note: "rendez-vous déjà pris")])
    }

    @Test func theCallersDepartementIsAskedOnceBeforeProposingNearby() {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("3"))
        guard case .picker(let picker)? = h.model.overlay, picker.purpose == .departement else { Issue.record("not asked"); return }
        #expect(h.screen.contains(h.model.strings.prefix("picker.departementForReferrals").components(separatedBy: " (").first!))
        h.type("69"); h.press(.enter)
        #expect(h.model.draft?.profile.departement == "69" && h.model.overlay == nil)
        #expect(h.model.draft?.referrals.map(\.tier) == [.sameDepartement, .sameDepartement])
        // Not asked again for this call, whatever the level; not asked once the département is known.
        h.press(.character("1"))
        #expect(h.model.overlay == nil)
        // A call whose caller keeps the département to themselves: asked once, then proposals go
        // by teleconsultation and national entries; at level 5 the protocol comes first.
        let quiet = ConsoleHarness()
        quiet.press(.function(2), .function(5), .character("2"), .escape, .character("3"))
        #expect(quiet.model.overlay == nil && quiet.model.draft?.profile.departement == nil)
        let urgent = ConsoleHarness()
        urgent.press(.function(2), .function(5), .character("5"))
        if case .picker? = urgent.model.overlay { Issue.record("the département was asked before the protocol") }
        #expect(urgent.model.session.phase == .emergency)
    }

    @Test func changingTheLevelProposesTheKindsOfTheNewLevel() {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("1"), .escape)
        #expect(h.model.draft?.referrals.map(\.kind) == [.psychologist, .gp])
        h.press(.character("3"))
        #expect(h.model.draft?.referrals.map(\.kind) == [.gp, .psychiatrist])
        h.press(.character("h"))
        #expect(h.model.draft?.referrals.map(\.kind) == [.gp, .psychiatrist, .unit])
        h.press(.character("0"))
        #expect(h.model.draft?.referrals.map(\.kind) == [.legal, .administrative, .unit])
    }

    @Test func levelFiveAsksWhereTheCallerIsAndProposesFromThere() throws {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2), .function(9))
        // No département noted: asked, « inconnu » being an answer.
        #expect(h.screen.contains(s["location.ask"]))
        h.press(actions: .pickLocation)
        guard case .picker(let picker)? = h.model.overlay, picker.purpose == .callerLocation else { Issue.record("not asked"); return }
        h.type("69"); h.press(.enter)
        #expect(h.model.draft?.profile.departement == "69" && h.model.desk.locationConfirmedFor == h.model.draft?.id)
        #expect(h.model.draft?.referrals.first { $0.kind == .unit }?.tier == .sameDepartement)
        #expect(h.screen.contains(s.format("location.confirmed", "69 Rhône")))
        // Noted in the profile: one key confirms it.
        let noted = ConsoleHarness()
        noted.press(.function(2), .character("d")); noted.type("69"); noted.press(.enter, .function(9))
        #expect(noted.screen.contains(s.format("location.askProfile", "69 Rhône")))
        noted.press(actions: .confirmLocation)
        #expect(noted.model.desk.locationConfirmedFor == noted.model.draft?.id && noted.model.overlay == nil)
        // Unknown is said so, and the units are not presented as near.
        let unknown = ConsoleHarness()
        unknown.press(.function(2), .function(9))
        unknown.press(actions: .pickLocation)
        unknown.type(s["location.unknown"]); unknown.press(.enter)
        #expect(unknown.model.draft?.profile.departement == nil && unknown.model.desk.locationConfirmedFor == unknown.model.draft?.id)
        #expect(unknown.screen.contains(s.format("location.confirmed", s["location.unknown"])))
    }

    @Test func emergencyProtocolFromTheCallWithTimedSteps() throws {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.advance(300)
        h.press(.function(9))
        #expect(h.model.session.phase == .emergency)
        #expect(h.model.draft?.referrals.filter { $0.kind == .emergency }.count == 3)
        #expect(h.model.draft?.referrals.contains { $0.kind == .unit } == true)
        h.advance(15)
        h.press(actions: .callNumber(.samu))
        h.advance(15)
        h.press(actions: .toggleStep(.supervisorCalled), .toggleStep(.callerKeptOnLine))
        let steps = try #require(h.model.draft?.emergency?.steps)
        #expect(steps[.emergencyServicesCalled] == TUIFixtures.t0 + 754 + 315)
        #expect(steps[.supervisorCalled] == TUIFixtures.t0 + 754 + 330)
        h.press(.function(5), .escape)
        #expect(h.model.session.phase == .wrapUp)
        #expect(h.model.draft?.level == .imminentRisk)
        // The 15 counts as given, and only the 15: the protocol says which number was called.
        #expect(h.model.draft?.emergencyNumbersCalled == [.samu])
        #expect(h.model.draft?.referrals.filter { $0.kind == .emergency && $0.status == .given }.map(\.contact) == ["15 · Ville"])
        #expect(h.model.draft?.unjustifiedReferralKinds == [.unit])
        h.assessRisk(urgence: .high)
        h.press(.function(10))
        h.justifyEveryGap()
        h.press(.function(10))
        #expect(h.calls.finalized.last?.emergency?.pendingSteps == [])
    }

    @Test func droppedCallThenCallerBack() {
        let h = ConsoleHarness()
        h.press(.function(2), .function(6))
        #expect(h.model.session.phase == .dropped)
        h.press(.function(2))
        #expect(h.model.session.phase == .inCall)
        h.press(.function(6), .function(5))
        #expect(h.model.session.phase == .wrapUp)
        #expect(h.model.draft?.endReason == .dropped)
    }

    @Test func ctrlCQuitsAtOnceWhenIdleButAsksDuringACall() {
        let idle = ConsoleHarness()
        idle.press(.control("c"))
        #expect(idle.model.shouldQuit)

        let h = ConsoleHarness()
        h.press(.function(2), .control("c"))
        #expect(h.model.overlay == .confirmQuit)
        #expect(!h.model.shouldQuit)
        h.press(.character("x"))
        #expect(h.model.overlay == nil && !h.model.shouldQuit)
        h.press(.control("c"), .character("o"))
        #expect(h.model.shouldQuit)
        // Quitting does not end the call: it stays unfinished for resumption.
        #expect(h.calls.finalized.isEmpty)
        #expect(h.calls.persisted.last?.phase == .inCall)
    }

    @Test func interruptedCallResumesOrGoesToWrapUp() {
        var d = TUIFixtures.draft()
        d.notes = "gardé"
        let h = ConsoleHarness(.interrupted(d))
        h.press(.function(2))
        #expect(h.model.session.phase == .inCall)
        #expect(h.model.draft?.notes == "gardé")

        let h2 = ConsoleHarness(.interrupted(d))
        h2.press(.function(5))
        #expect(h2.model.session.phase == .wrapUp)
        #expect(h2.model.draft?.endReason == .interrupted)
    }

    @Test func aFailedWriteStaysOnScreenUntilThatDataIsWrittenAndIsRetriedByItself() {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.calls.failing = true
        h.press(.character("r"))
        #expect(h.model.writeFailure?.reason == "disk full" && h.model.writeFailure?.kind == .persist)
        #expect(h.screen.contains(h.model.strings["header.storeError"]) && h.screen.contains(h.model.strings["fault.diskFull"]))
        // A read that works (the directory) does not clear it: only that data written does.
        h.press(.character("/"), .escape)
        #expect(h.model.writeFailure != nil)
        // Retried by itself after its delay, and refused again: the delay grows.
        h.advance(0.6)
        #expect(h.model.writeFailure?.attempts == 2)
        let tries = h.calls.attempts
        h.advance(0.5)
        #expect(h.calls.attempts == tries)   // not before 1 s
        // The fault clears: the next retry writes the call as it stands, and the banner goes.
        h.calls.failing = false
        h.advance(1)
        #expect(h.model.writeFailure == nil)
        #expect(h.calls.persisted.last?.profile.isRepeatCaller == false)
        #expect(!h.screen.contains(h.model.strings["header.storeError"]))
    }

    @Test func aWriteRefusedBecauseColleaguesAreBusyIsRetriedQuietlyThenSaidIfItLasts() throws {
        let h = ConsoleHarness()
        let s = h.model.strings
        h.press(.function(2))
        h.calls.failing = true
        h.calls.failureText = "SQLite error 5: database is locked - while executing `BEGIN IMMEDIATE TRANSACTION`"
        h.press(.character("r"))
        // Pending, said plainly; no alarm, and nothing claims it is saved.
        #expect(h.model.writeFailure != nil)
        #expect(h.screen.contains(s["message.writePending"]) && !h.screen.contains(s["header.storeError"]))
        h.advance(1)
        h.calls.failing = false
        h.advance(1.1)
        #expect(h.model.writeFailure == nil && !h.screen.contains(s["message.writePending"]))
        // Busy for longer than a moment: the banner says the call is not saved.
        h.calls.failing = true
        h.press(.character("r"))
        for _ in 1..<Int(WriteFailure.quietWhileBusy) { h.advance(1) }
        #expect(!h.screen.contains(" " + s["header.storeError"] + " "))
        h.advance(1.1)   // past the quiet time
        #expect(h.screen.contains(" " + s["header.storeError"] + " ") && h.screen.contains(s["fault.busy"]))
    }

    @Test func aRefusedSaveIsNeverShownAsSavedAndIsSavedOnceWhenTheFaultClears() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("2"), .escape, .character(" "), .character(" "))
        h.calls.failing = true
        h.press(.function(10))
        #expect(h.model.session.phase == .wrapUp)
        #expect(h.calls.finalized.isEmpty)
        #expect(!h.screen.contains(h.model.strings["message.saved"]))
        // Said in the user's language, the store's raw words kept out of the banner.
        let s = h.model.strings
        #expect(h.screen.contains(" " + s["header.storeError"] + " ") && h.screen.contains(s["fault.diskFull"]))
        #expect(!h.screen.contains("SQLite error"))
        #expect(h.model.writeFailure?.kind == .finalize)
        // Quitting now says plainly that the call is not saved.
        h.press(.control("c"))
        #expect(h.screen.contains(String(s["quit.confirmUnsaved"].prefix(30))))
        h.press(.character("n"))
        // Retried after its delay: still refused, still not saved.
        h.advance(1)
        #expect(h.model.session.phase == .wrapUp && h.calls.finalized.isEmpty)
        // The fault clears: saved exactly once, and only now said so.
        h.calls.failing = false
        h.advance(1)
        #expect(h.model.session.phase == .saved)
        #expect(h.calls.finalized.count == 1)
        #expect(h.screen.contains(s["message.saved"]))
        h.advance(10)
        #expect(h.calls.finalized.count == 1)
    }

    @Test func helpOpensOnF1AndQuestionMarkAndClosesOnAnyKey() {
        let h = ConsoleHarness()
        h.press(.character("?"))
        #expect(h.model.overlay == .help)
        h.press(.character("z"))
        #expect(h.model.overlay == nil)
        h.press(actions: .help)
        #expect(h.screen.contains(h.model.strings["help.title"]))
    }

    @Test func unknownKeysSaySo() {
        let h = ConsoleHarness()
        h.press(.character("z"))
        #expect(h.model.message?.text == h.model.strings["message.unknownKey"])
        #expect(h.model.session == .idle)
    }

    @Test func resizeBelowTheMinimumShowsAMessageInsteadOfTheScreen() {
        let h = ConsoleHarness()
        h.dispatch(.resize(width: 70, height: 30))
        #expect(h.screen.hasPrefix("Terminal trop petit (70×30)"))
        h.dispatch(.resize(width: 100, height: 30))
        #expect(h.screen.contains(h.model.strings["idle.title"]))
        #expect(Screen.render(h.model).width == 100)
    }

    @Test func englishOnRequest() {
        let h = ConsoleHarness(language: .en)
        #expect(h.screen.contains("Ready to pick up"))
        #expect(Language.resolve(option: nil, environment: ["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.resolve(option: nil, environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(Language.resolve(option: nil, environment: [:]) == .fr)
        #expect(Language.resolve(option: "EN", environment: ["LANG": "fr_FR.UTF-8"]) == .en)
        #expect(Language.resolve(option: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "en_US"]) == .fr)
    }
}

@Suite struct NotesPolicyTests {
    @Test func spotsPhoneNumbersEmailsAndDates() {
        #expect(NotesPolicy.concerns(in: "rappeler au 06 12 34 56 78") == [.phoneNumber])
        #expect(NotesPolicy.concerns(in: "+33612345678") == [.phoneNumber])
        #expect(NotesPolicy.concerns(in: "écrit à x@y.fr") == [.emailAddress])
        #expect(NotesPolicy.concerns(in: "née le 12/03/1985") == [.date])
        #expect(NotesPolicy.concerns(in: "3 nuits de garde, 12h, 2 enfants, niveau 4").isEmpty)
    }

    @Test(arguments: [
        ("Mme Marie Durand a appelé", [NotesPolicy.Concern.personName]),
        ("son chef, le Dr Martin, la harcèle", [.personName]),
        ("voir avec M. Petit", [.personName]),
        ("Julien Lefèvre, collègue de nuit", [.personName]),
        ("habite 12 rue de la Paix", [.address]),
        ("3 bis avenue Foch", [.address]),
        ("à 69003 Lyon depuis mars", [.address]),
        ("NIR 1 85 03 69 123 456 78", [.socialSecurityNumber]),
        ("son numéro RPPS est noté", [.professionalNumber]),
        ("identifiant 10001234567", [.professionalNumber]),
    ])
    func spotsNamesAddressesAndNumbersThatIdentify(_ notes: String, _ expected: [NotesPolicy.Concern]) {
        #expect(NotesPolicy.concerns(in: notes) == expected, "\(notes)")
    }

    @Test(arguments: [
        "épuisée, veut parler à un psychiatre",
        "médecin généraliste à Lyon, 3 gardes par semaine",
        "Elle travaille en EHPAD depuis 12 ans",
        "conflit avec la cadre de santé, arrêt de 15 jours",
        "Marie-Galante en vacances le mois dernier",
        "rue calme, 2 enfants",
    ])
    func leavesOrdinaryNotesAlone(_ notes: String) {
        #expect(NotesPolicy.concerns(in: notes).isEmpty, "\(notes)")
    }
}
