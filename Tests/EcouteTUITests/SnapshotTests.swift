import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// Every screen rendered to plain text and compared with its snapshot, in French and English.
@Suite struct SnapshotTests {
    typealias F = TUIFixtures

    static let screens: [(String, @Sendable (Language) -> AppModel)] = [
        ("idle", { F.model(.idle, $0) }),
        ("in-call", { F.model(.call(F.draft()), $0) }),
        ("in-call-over-25-min", { F.model(.call(F.draft()), $0, elapsed: 25 * 60 + 3) }),
        ("dropped", { lang in
            var d = F.draft(.dropped); d.endedAt = F.t0 + 400; d.endReason = .dropped
            return F.model(.call(d), lang)
        }),
        ("emergency", { lang in
            var m = F.model(.call(F.emergencyDraft()), lang)
            m.alerts.open = [F.alert(callID: "c-1", raisedAt: F.t0 + 700)]
            m.alerts.supervisors = [OperatorRecord(name: "chef", role: .supervisor, systemUser: "chef", phone: "06 99 00 00 01")]
            return m
        }),
        ("emergency-alert-taken", { lang in
            var m = F.model(.call(F.emergencyDraft()), lang)
            var alert = F.alert(callID: "c-1", raisedAt: F.t0 + 700)
            alert.takenBy = "chef"
            alert.takenAt = F.t0 + 712
            m.alerts.open = [alert]
            return m
        }),
        ("idle-escalated-alert", { lang in
            var m = F.model(.idle, lang)
            m.alerts.open = [F.alert(callID: "autre", raisedAt: F.t0 + 754 - 150)]
            return m
        }),
        ("wrap-up-unclassified", { lang in
            var d = F.draft(.wrapUp); d.endedAt = F.t0 + 700; d.endReason = .hungUp
            return F.model(.call(d), lang)
        }),
        ("wrap-up", { lang in
            var m = F.model(.call(F.wrapUpDraft()), lang)
            m.desk.proposalWidened = [.psychiatrist: .neighbour]
            m.desk.selectedReferral = 1
            return m
        }),
        ("wrap-up-level-5-incomplete", { lang in
            var d = F.emergencyDraft(); d.phase = .wrapUp; d.endedAt = F.t0 + 900; d.endReason = .hungUp
            return F.model(.call(d), lang)
        }),
        ("saved", { lang in
            var d = F.wrapUpDraft(); d.phase = .saved; d.savedAt = F.t0 + 1600
            return F.model(.saved(d), lang)
        }),
        ("interrupted", { F.model(.interrupted(F.draft()), $0) }),
        ("help-wrap-up", { lang in
            var m = F.model(.call(F.wrapUpDraft()), lang); m.overlay = .help
            return m
        }),
        ("picker-departement", { lang in
            var m = F.model(.call(F.draft()), lang)
            var p = Pickers.departement(m.strings, m.geography); p.filter = "sa"; p.selected = 1
            m.overlay = .picker(p)
            return m
        }),
        ("confirm-quit", { lang in
            var m = F.model(.call(F.draft()), lang); m.overlay = .confirmQuit
            return m
        }),
        ("notes-editor-warning", { lang in
            var d = F.draft(); d.notes = "Rappeler au 06 12 34 56 78"
            var m = F.model(.call(d), lang); m.overlay = .notes(TextField(d.notes))
            return m
        }),
        ("store-error", { lang in
            var m = F.model(.call(F.draft()), lang)
            m.desk.writeFailure = WriteFailure(kind: .persist, reason: "disk I/O error", attempts: 2, retryAt: m.wallNow + 1)
            return m
        }),
        ("wrap-up-reason", { lang in
            var m = F.model(.call(F.wrapUpDraft()), lang)
            m.overlay = .picker(Pickers.referralGap(.psychiatrist, m.strings))
            return m
        }),
        ("directory-search", { lang in
            var m = F.model(.idle, lang)
            var b = DirectoryBrowser(purpose: .browse, query: DirectoryQuery(text: "épuis", departement: "48"))
            b.results = F.directoryEntries; b.isCurrent = true; b.selected = 1
            m.directory = b
            return m
        }),
        ("directory-details", { lang in
            var m = F.model(.call(F.draft()), lang)
            var b = DirectoryBrowser(purpose: .browse, query: DirectoryQuery(text: "unité"))
            b.results = F.directoryEntries; b.isCurrent = true; b.selected = 2; b.showingDetails = true
            m.directory = b
            return m
        }),
        ("directory-replace-empty", { lang in
            var m = F.model(.call(F.wrapUpDraft()), lang)
            var b = DirectoryBrowser(purpose: .replace(index: 1),
                                     query: DirectoryQuery(text: "zzz", kind: .psychiatrist, departement: "48", teleconsultationOnly: true))
            b.isCurrent = true
            m.directory = b
            return m
        }),
        ("demo-idle", { lang in
            var m = F.model(.idle, lang)
            m.startDemo(DemoSession(scenarios: DemoModeTests.scenarios, scenario: DemoModeTests.nightNurse, speed: 5, start: F.t0))
            return m
        }),
        ("demo-in-call", { lang in
            var m = F.model(.call(F.draft()), lang)   // 754 s after pick-up: four lines said
            m.startDemo(DemoSession(scenarios: DemoModeTests.scenarios, scenario: DemoModeTests.nightNurse, start: F.t0))
            m.now = F.t0 + 300
            return m
        }),
        ("demo-debrief", { lang in
            var d = F.wrapUpDraft(); d.phase = .saved; d.savedAt = F.t0 + 1600
            var m = F.model(.saved(d), lang)
            m.startDemo(DemoSession(scenarios: DemoModeTests.scenarios, scenario: DemoModeTests.nightNurse, start: F.t0))
            m.demo?.debrief = Debrief.compare(DemoModeTests.nightNurse, d)
            return m
        }),
        ("too-small", { lang in
            var m = F.model(.call(F.draft()), lang); m.width = 60; m.height = 20
            return m
        }),
    ]

    @Test(arguments: screens.map(\.0), Language.allCases)
    func screenMatchesSnapshot(_ name: String, _ language: Language) throws {
        let make = try #require(Self.screens.first { $0.0 == name }?.1)
        try assertSnapshot(Screen.render(make(language)), named: "\(name).\(language.rawValue)")
    }

    @Test func stringTablesHaveTheSameKeys() {
        #expect(F.french.keys == F.english.keys)
        #expect(F.french.keys.count > 200)
    }

    @Test func everyValueOfEveryEnumHasALabel() {
        for language in Language.allCases {
            let s = F.strings(language)
            var keys = Profession.allCases.map { "profession.\($0.rawValue)" }
            keys += CallerCategory.allCases.map { "category.\($0.rawValue)" }
            keys += EmploymentStatus.allCases.map { "status.\($0.rawValue)" }
            keys += Sector.allCases.map { "sector.\($0.rawValue)" }
            keys += ReferralKind.allCases.flatMap { ["kind.\($0.rawValue)", "kind.\($0.rawValue).short"] }
            keys += ReferralTier.allCases.flatMap { ["tier.\($0.rawValue)", "tier.\($0.rawValue).short"] }
            keys += ClassificationLevel.allCases.flatMap { [$0.stringKey, $0.stringKey + ".help"] }
            keys += EmergencyStep.allCases.map { "step.\($0.rawValue)" }
            keys += SessionRefusal.allCases.map { "refusal.\($0.rawValue)" }
            keys += SessionPhase.allCases.map { "phase.\($0.rawValue)" }
            keys += [CallEndReason.hungUp, .dropped, .interrupted].map { "endReason.\($0.rawValue)" }
            keys += NotesPolicy.Concern.allCases.map { "notes.concern.\($0.rawValue)" }
            keys += SessionPhase.allCases.flatMap { ConsoleKeymap.forPhase($0).bindings }.flatMap { [$0.description, $0.description + ".short"] }
            let browsers = [DirectoryPurpose.browse, .add, .replace(index: 0)].map { DirectoryBrowser(purpose: $0, query: DirectoryQuery()) }
            for var browser in browsers {
                for details in [false, true] {
                    browser.showingDetails = details
                    keys += DirectoryKeymap.keymap(browser, phase: .wrapUp).bindings.flatMap { [$0.description, $0.description + ".short"] }
                }
            }
            for phase in [SessionState.idle, .saved(F.draft())] {
                var m = F.model(phase, language)
                m.startDemo(DemoSession(scenarios: [], start: F.t0))
                keys += DemoKeymap.keymap(m).bindings.flatMap { [$0.description, $0.description + ".short"] }
            }
            keys += Debrief.Field.allCases.map { "debrief.field.\($0.rawValue)" }
            keys += TextFieldKeymap.keymap.bindings.flatMap { [$0.description, $0.description + ".short"] }
            keys += BoardKeymap.keymap.bindings.flatMap { [$0.description, $0.description + ".short"] }
            keys += BoardKeymap.form.bindings.flatMap { [$0.description, $0.description + ".short"] }
            keys += [QuitKeymap.anywhere, QuitKeymap.question].flatMap(\.bindings).flatMap { [$0.description, $0.description + ".short"] }
            keys += [OverlayKeymap.picker, OverlayKeymap.prompt, OverlayKeymap.notes, OverlayKeymap.identifying].flatMap(\.bindings)
                .flatMap { [$0.description, $0.description + ".short"] }
            keys += HandoffKeymap.keymap.bindings.flatMap { [$0.description, $0.description + ".short"] }
            var numberGiven = CallbackForm()
            numberGiven.step = .number
            numberGiven.number.set("06")
            let callbackForms = [CallbackForm.Step.motif, .urgency, .number].map { step -> CallbackForm in
                var form = CallbackForm()
                form.step = step
                return form
            } + [numberGiven]
            keys += callbackForms.flatMap { CallbackKeymap.keymap($0).bindings }.flatMap { [$0.description, $0.description + ".short"] }
            keys += [CallerCodeKeymap.form, CallerCodeKeymap.history].flatMap(\.bindings).flatMap { [$0.description, $0.description + ".short"] }
            keys += FollowUpKeymap.keymap.bindings.flatMap { [$0.description, $0.description + ".short"] }
            let reviewScreens: [ReviewScreen] = [.shifts, .activity, .summary, .calls(riskyOnly: true), .call(id: "c")]
            keys += reviewScreens.flatMap { ReviewKeymap.keymap($0, canCorrect: true).bindings }.flatMap { [$0.description, $0.description + ".short"] }
            keys += [CorrectionForm.Step.field, .value].flatMap { ReviewKeymap.correction($0).bindings }
                .flatMap { [$0.description, $0.description + ".short"] }
            for key in keys { #expect(s.keys.contains(key), "\(language): missing \(key)") }
        }
    }

    @Test func everyScreenFitsEightyColumnsWithoutCuttingTheKeyBar() {
        for (_, make) in Self.screens {
            for language in Language.allCases {
                let m = make(language)
                guard !m.isTooSmall else { continue }
                let bar = Screen.render(m).row(m.height - 1)
                let shown = ConsoleKeymap.current(m).bar
                for binding in shown {
                    #expect(bar.contains(m.strings[binding.description + ".short"]), "\(language) \(m.session.phase): \(binding.label) not in bar")
                }
            }
        }
    }
}
