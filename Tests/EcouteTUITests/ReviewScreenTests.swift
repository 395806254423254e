import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// `ecoute review`: its screens as snapshots, and its keys.
@Suite struct ReviewScreenTests {
    typealias F = ReviewFixtures
    static let chef = Viewer(name: "chef", role: .supervisor)
    static let shifts = [
        Shift(id: "s2", operatorName: "psy-b", startedAt: F.at(8, 0, nextDay: true), endedAt: nil, callCount: 0, totalDuration: 0),
        Shift(id: "s1", operatorName: "psy-a", startedAt: F.at(22, 0), endedAt: F.at(2, 5, nextDay: true), callCount: 5, totalDuration: 85 * 60),
    ]

    static func model(_ language: Language = .fr, viewer: Viewer = chef) -> ReviewModel {
        var m = ReviewModel(viewer: viewer, strings: TUIFixtures.strings(language), timeZone: F.utc)
        _ = ReviewUpdate.update(&m, .shifts(shifts))
        return m
    }

    /// The night shift opened, as after Enter on it.
    static func onNightShift(_ language: Language = .fr, viewer: Viewer = chef) -> ReviewModel {
        var m = model(language, viewer: viewer)
        m.selectedShift = 1
        let effects = ReviewUpdate.update(&m, .key(.enter))
        precondition(effects == [.loadCalls(shiftID: "s1")])
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s1", F.nightShift))
        // c5 is still held by the console that picked it up.
        _ = ReviewUpdate.update(&m, .holders(["c5": CallHolder(
            console: ConsoleIdentity(id: "k", host: "poste-3", pid: 4711, operatorName: "psy-a"), heartbeatAt: F.at(1, 59, nextDay: true))]))
        return m
    }

    static let screens: [(String, @Sendable (Language) -> ReviewModel)] = [
        ("review-shifts", { var m = model($0); m.selectedShift = 1; return m }),
        ("review-summary", { onNightShift($0) }),
        ("review-activity", { lang in
            var m = model(lang)
            _ = ReviewUpdate.update(&m, .key(.character("a")))
            let figures = try! ActivityFigures.gather(from: { body in for c in ActivityFixtures.calls { try body(c) } },
                                                      from: ActivityFixtures.start, to: ActivityFixtures.end, by: .month,
                                                      timeZone: F.utc, perOperator: false)
            _ = ReviewUpdate.update(&m, .activity(figures))
            return m
        }),
        ("review-risky", { lang in
            var m = onNightShift(lang)
            _ = ReviewUpdate.update(&m, .key(.character("r")))
            return m
        }),
        ("review-call-audit", { lang in
            var m = onNightShift(lang)
            _ = ReviewUpdate.update(&m, .key(.character("r")))
            _ = ReviewUpdate.update(&m, .key(.enter))
            _ = ReviewUpdate.update(&m, .audit(callID: "c3", [
                AuditEntry(callID: "c3", at: F.at(9, 30, nextDay: true), by: "chef", field: "hospitalisation", oldValue: "no",
                           newValue: "yes", reason: "unité proposée oralement"),
            ]))
            return m
        }),
        ("review-correction", { lang in
            var m = onNightShift(lang)
            for key: Key in [.character("l"), .down, .enter, .character("c"), .enter, .backspace, .character("2"), .enter] {
                _ = ReviewUpdate.update(&m, .key(key))
            }
            for c in "relu" { _ = ReviewUpdate.update(&m, .key(.character(c))) }
            return m
        }),
    ]

    @Test(arguments: screens.map(\.0), Language.allCases)
    func screenMatchesSnapshot(_ name: String, _ language: Language) throws {
        let make = try #require(Self.screens.first { $0.0 == name }?.1)
        try assertSnapshot(ReviewView.render(make(language)), named: "\(name).\(language.rawValue)")
    }

    @Test func aSupervisorCorrectsWithAReasonAndTheCallReloads() {
        var m = Self.onNightShift()
        for key: Key in [.character("l"), .down, .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        #expect(m.screen == .call(id: "c2"))
        _ = ReviewUpdate.update(&m, .key(.character("c")))
        _ = ReviewUpdate.update(&m, .key(.enter))                 // field: level; value prefilled with "1"
        #expect(m.correction?.value == "1")
        _ = ReviewUpdate.update(&m, .key(.backspace)); _ = ReviewUpdate.update(&m, .key(.character("9")))
        _ = ReviewUpdate.update(&m, .key(.enter))
        #expect(m.correction?.step == .value)                      // 9 is not a level
        _ = ReviewUpdate.update(&m, .key(.backspace)); _ = ReviewUpdate.update(&m, .key(.character("2")))
        _ = ReviewUpdate.update(&m, .key(.enter))
        var effects = ReviewUpdate.update(&m, .key(.enter))         // no reason yet
        #expect(effects.isEmpty && m.message?.text == m.strings["review.correction.reasonRequired"])
        for c in "relu" { _ = ReviewUpdate.update(&m, .key(.character(c))) }
        effects = ReviewUpdate.update(&m, .key(.enter))
        #expect(effects == [.correct(callID: "c2", field: .level, value: "2", reason: "relu")])
        #expect(m.correction == nil)
        #expect(ReviewUpdate.update(&m, .corrected(callID: "c2", error: nil)) == [.loadCalls(shiftID: "s1"), .loadAudit(callID: "c2")])
    }

    @Test func aSupervisorCorrectsTheMotifsFromTheForm() {
        var m = Self.onNightShift()
        for key: Key in [.character("l"), .down, .enter, .character("c")] { _ = ReviewUpdate.update(&m, .key(key)) }
        for _ in 0..<CorrectableField.allCases.firstIndex(of: .motifs)! { _ = ReviewUpdate.update(&m, .key(.down)) }
        #expect(m.correction?.field == .motifs)
        #expect(ReviewView.render(m).text.contains(m.strings["review.field.motifs"]))
        _ = ReviewUpdate.update(&m, .key(.enter))
        for c in "stress" { _ = ReviewUpdate.update(&m, .key(.character(c))) }
        _ = ReviewUpdate.update(&m, .key(.enter))
        #expect(m.correction?.step == .value && m.message?.text == m.strings["review.correction.badValue.motifs"])
        for _ in 0..<6 { _ = ReviewUpdate.update(&m, .key(.backspace)) }
        for c in "trauma,burnout" { _ = ReviewUpdate.update(&m, .key(.character(c))) }
        _ = ReviewUpdate.update(&m, .key(.enter))
        for c in "relu" { _ = ReviewUpdate.update(&m, .key(.character(c))) }
        #expect(ReviewUpdate.update(&m, .key(.enter)) == [.correct(callID: "c2", field: .motifs, value: "trauma,burnout", reason: "relu")])
    }

    @Test func correctedNotesThatLookIdentifyingAreFlagged() {
        var m = Self.onNightShift()
        for key: Key in [.character("l"), .enter, .character("c")] { _ = ReviewUpdate.update(&m, .key(key)) }
        // Down the fields to the notes (level, addiction, hospitalisation, notes, …).
        for _ in 0..<CorrectableField.allCases.firstIndex(of: .notes)! { _ = ReviewUpdate.update(&m, .key(.down)) }
        _ = ReviewUpdate.update(&m, .key(.enter))
        #expect(m.correction?.field == .notes && m.correction?.step == .value)
        for c in " rappeler au 06 12 34 56 78" { _ = ReviewUpdate.update(&m, .key(.character(c))) }
        let warning = m.strings.format("notes.looksIdentifying", m.strings["notes.concern.\(NotesPolicy.Concern.allCases[0].rawValue)"])
        #expect(ReviewView.render(m).text.contains(String(warning.prefix(20))))
    }

    @Test func aPsychologistReadsOnly() {
        var m = Self.onNightShift(viewer: Viewer(name: "psy-a", role: .psychologist))
        for key: Key in [.character("l"), .enter, .character("c")] { _ = ReviewUpdate.update(&m, .key(key)) }
        #expect(m.correction == nil)
        #expect(m.message?.text == m.strings["review.readOnly"])
        // The key bar does not offer correcting; the help says why c does nothing.
        let bar = ReviewView.render(m).row(m.height - 1)
        #expect(bar.contains(m.strings["review.key.back.short"]) && !bar.contains(m.strings["review.key.correct.short"]))
        _ = ReviewUpdate.update(&m, .key(.function(1)))
        #expect(ReviewView.render(m).text.contains(m.strings["review.note.readOnly"].prefix(30)))
    }

    @Test func escapeGoesBackAndQQuits() {
        var m = Self.onNightShift()
        _ = ReviewUpdate.update(&m, .key(.character("r")))
        _ = ReviewUpdate.update(&m, .key(.escape))
        #expect(m.screen == .summary)
        _ = ReviewUpdate.update(&m, .key(.escape))
        #expect(m.screen == .shifts)
        #expect(ReviewUpdate.update(&m, .key(.character("q"))) == [.quit] && m.shouldQuit)
    }

    @Test func anAnswerForAnotherShiftIsIgnored() {
        var m = Self.onNightShift()
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s2", []))
        #expect(m.calls.count == F.nightShift.count)
    }

    @Test func typingOverAPrefilledValueReplacesIt() {
        var m = Self.onNightShift()
        for key: Key in [.character("r"), .enter, .character("c"), .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        #expect(m.correction?.value == "5")            // c3, level 5, pre-filled
        _ = ReviewUpdate.update(&m, .key(.character("4")))
        #expect(m.correction?.value == "4")            // replaced, not « 54 »
        _ = ReviewUpdate.update(&m, .key(.character("x")))
        #expect(m.correction?.value == "4x")           // then typing appends
        _ = ReviewUpdate.update(&m, .key(.backspace))
        #expect(m.correction?.value == "4")
    }

    /// The shift list shows each shift's id (what `ecoute report --shift` takes) and its date;
    /// the list of calls and a call's detail show the day with the time.
    @Test func shiftIdsAndDatesAreShown() {
        let m = Self.model()
        let shifts = ReviewView.render(m).text.split(separator: "\n")
        #expect(shifts.contains { $0.hasPrefix("▸ s2 ") && $0.contains("mer. 25/11 08:00–") })
        #expect(shifts.contains { $0.hasPrefix("  s1 ") && $0.contains("mar. 24/11 22:00–02:05") })
        #expect(shifts.contains { $0.contains(m.strings["review.column.id"]) })
        var calls = Self.onNightShift()
        _ = ReviewUpdate.update(&calls, .key(.character("l")))
        let list = ReviewView.render(calls).text
        #expect(list.contains("▸ mar. 24/11 22:10") && list.contains("mer. 25/11 00:30"))
        _ = ReviewUpdate.update(&calls, .key(.enter))
        #expect(ReviewView.render(calls).text.contains(calls.strings.format("review.call.title", "mar. 24/11 22:10", "20:00", "psy-a")))
    }

    /// A call's detail gives the reason a protocol step was not done, and its corrections with
    /// the field's name and values in words.
    @Test func theDetailGivesStepReasonsAndLabelledCorrections() {
        var m = Self.onNightShift()
        var calls = F.nightShift
        calls[2].emergency?.skipped = [.callerKeptOnLine: "a raccroché"]
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s1", calls))
        for key: Key in [.character("r"), .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        _ = ReviewUpdate.update(&m, .audit(callID: "c3", [
            AuditEntry(callID: "c3", at: F.at(9, 30, nextDay: true), by: "chef", field: "level", oldValue: "4", newValue: "5", reason: "relu"),
        ]))
        let text = ReviewView.render(m).text
        let s = m.strings
        #expect(text.contains("✗ (a raccroché)"))   // the step, wrapped onto the next line
        #expect(text.contains("chef · \(s["review.field.level"]) : 4 → 5 — relu"))
        #expect(!text.contains(" level "))
    }

    /// At 80×24 nothing is dropped unsaid: every kind given is in the summary or counted, and a
    /// call's referrals beyond the screen are counted. By hand: one call with a referral of each
    /// of the 10 kinds.
    @Test func nothingIsDroppedWithoutSayingSo() {
        var m = Self.onNightShift()
        var c = F.nightShift[0]
        c.referrals = ReferralKind.allCases.map { F.referral($0, "Entrée \($0.rawValue)") }
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s1", [c]))
        let summary = ReviewView.render(m).text
        let s = m.strings
        let listed = ReferralKind.allCases.filter { summary.contains(s["kind.\($0.rawValue).short"] + " 1") }.count
        let counted = summary.range(of: #"\+(\d+) "#, options: .regularExpression).map { Int(summary[$0].dropFirst().dropLast())! } ?? 0
        #expect(listed + counted == ReferralKind.allCases.count)
        // A call with 16 referrals (« Entrée 0 » to « Entrée 15 »).
        c.referrals = (0..<16).map { F.referral(.gp, "Entrée \($0)/fin") }
        _ = ReviewUpdate.update(&m, .calls(shiftID: "s1", [c]))
        for key: Key in [.character("l"), .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        let detail = ReviewView.render(m).text
        let shown = (0..<16).filter { detail.contains("Entrée \($0)/fin") }.count
        #expect(shown > 0 && shown < 16)   // 16 do not fit at 80×24…
        #expect(detail.contains("… " + s.format("review.more", "\(16 - shown)")))   // …and the rest are counted
    }

    /// A shift whose console died reads « interrompu » with the time, not « en cours ».
    @Test func anInterruptedShiftSaysSo() {
        var m = Self.model()
        _ = ReviewUpdate.update(&m, .shifts([Shift(id: "s9", operatorName: "psy-c", startedAt: F.at(8, 0), endedAt: nil, callCount: 2,
                                                   totalDuration: 1200, interruptedAt: F.at(9, 12))]))
        let text = ReviewView.render(m).text
        #expect(text.contains("mar. 24/11 08:00–" + m.strings.format("review.shiftInterrupted", "09:12")))
        #expect(!text.contains(m.strings["review.shiftOpen"]))
    }

    /// A taken-over call's detail says who had it, until when, and who took it over.
    @Test func theDetailShowsATakeover() {
        var m = Self.onNightShift()
        for key: Key in [.character("l"), .end, .enter] { _ = ReviewUpdate.update(&m, .key(key)) }
        #expect(m.screen == .call(id: "c5"))
        let takeover = CallTakeover(callID: "c5", at: F.at(1, 50, nextDay: true),
                                    by: ConsoleIdentity(id: "k2", host: "poste-2", pid: 22, operatorName: "psy-b"),
                                    from: CallHolder(console: ConsoleIdentity(id: "k", host: "poste-3", pid: 4711, operatorName: "psy-a"),
                                                     heartbeatAt: F.at(1, 46, nextDay: true)))
        _ = ReviewUpdate.update(&m, .takeovers(callID: "c5", [takeover]))
        let text = ReviewView.render(m).text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("⇄ " + m.strings.format("review.call.takeover", "mer. 25/11 01:50", "psy-b", "poste-2, pid 22",
                                                          "mer. 25/11 01:46", "psy-a", "poste-3, pid 4711")))
    }

    @Test func everyCallerIsListedOrCounted() {
        let s = TUIFixtures.strings(.fr)
        let items = ["Infirmier·ère 3", "Médecin 2", "Étudiant·e 2", "Famille / proche 1", "Pharmacien·ne 1", "Sage-femme 1"]
        let text = ReviewView.fitting(items, width: 37, rows: 2, s)
        #expect(wrap(text, width: 37).count <= 2)
        let more = s.format("review.more", "0").components(separatedBy: "0").last ?? ""   // « N autres »: its words after the count
        #expect(text.hasSuffix(more) && text.hasPrefix("Infirmier·ère 3 · Médecin 2"))
        #expect(ReviewView.fitting(Array(items.prefix(2)), width: 37, rows: 2, s) == "Infirmier·ère 3 · Médecin 2")
    }
}
