import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// What was not done and what was changed, in every format: the reason a protocol step was not
/// done, and supervisors' corrections (before → after, who, when, why).
@Suite struct ReasonsAndCorrectionsTests {
    typealias F = ReviewFixtures
    static let reason = "l'appelant a raccroché"

    /// The night shift with c3's third step (caller kept on the line) explained, and two
    /// corrections: c3's hospitalisation (no → yes) and c1's notes.
    static let calls: [CallDraft] = {
        var calls = F.nightShift
        calls[2].emergency?.skipped = [.callerKeptOnLine: reason]
        return calls
    }()
    static let corrections = [
        AuditEntry(callID: "c3", at: F.at(9, 30, nextDay: true), by: "chef", field: "hospitalisation", oldValue: "no", newValue: "yes",
                   reason: "unité proposée"),
        AuditEntry(callID: "c1", at: F.at(9, 40, nextDay: true), by: "chef", field: "notes", oldValue: "Note de c1", newValue: "Note relue",
                   reason: "relu"),
    ]

    func scope(withNotes: Bool = false) -> CallReport.Scope {
        CallReport.Scope(query: CallQuery(), withNotes: withNotes, generatedAt: F.at(10, 0, nextDay: true), timeZone: F.utc,
                         strings: TestResources.french, corrections: Self.corrections)
    }

    @Test func csvGivesTheStepsNotDoneAndACorrectionsFile() throws {
        let csv = try CSV.parse(CallReport.render(.csv, calls: Self.calls, scope: scope()))
        let column = try #require(csv[0].fields.firstIndex(of: "protocol_steps_not_done"))
        #expect(csv.dropFirst().map { $0.fields[column] } == ["", "", "callerKeptOnLine:explained", "", ""])
        let withNotes = try CSV.parse(CallReport.render(.csv, calls: Self.calls, scope: scope(withNotes: true)))
        #expect(withNotes[3].fields[column] == "callerKeptOnLine:\(Self.reason)")

        let output = StringOutput()
        try CallReport.writeCorrectionsCSV(scope(), to: output)
        let rows = try CSV.parse(output.text)
        #expect(rows.map(\.fields) == [
            CSVCorrectionsReport.columns,
            ["c3", "2026-11-25T09:30:00+00:00", "chef", "hospitalisation", "no", "yes", "unité proposée"],
            ["c1", "2026-11-25T09:40:00+00:00", "chef", "notes", "", "", "relu"],   // a note's words only with the notes
        ])
        let noted = StringOutput()
        try CallReport.writeCorrectionsCSV(scope(withNotes: true), to: noted)
        #expect(try CSV.parse(noted.text)[2].fields[4...5] == ["Note de c1", "Note relue"])
    }

    @Test func jsonGivesTheStepsNotDoneAndTheCorrections() throws {
        let json = try JSONSerialization.jsonObject(with: Data(CallReport.render(.json, calls: Self.calls, scope: scope()).utf8)) as! [String: Any]
        let calls = json["calls"] as! [[String: Any]]
        #expect(calls[2]["protocol_steps_not_done"] as? [String: String] == ["callerKeptOnLine": "explained"])
        #expect(calls[0]["protocol_steps_not_done"] == nil)
        let corrections = json["corrections"] as! [[String: Any]]
        #expect(corrections.count == 2)
        #expect(corrections[0]["call_id"] as? String == "c3" && corrections[0]["field"] as? String == "hospitalisation")
        #expect(corrections[0]["old_value"] as? String == "no" && corrections[0]["new_value"] as? String == "yes")
        #expect(corrections[0]["by"] as? String == "chef" && corrections[0]["at"] as? String == "2026-11-25T09:30:00+00:00")
        #expect(corrections[1]["old_value"] == nil && corrections[1]["reason"] as? String == "relu")
    }

    @Test func markdownGivesTheStepsNotDoneAndTheCorrections() throws {
        let s = TestResources.french
        let md = CallReport.render(.md, calls: Self.calls, scope: scope())
        #expect(md.contains(s.format("report.stepNotDone", s["step.callerKeptOnLine"], s["report.step.explained"])))
        #expect(md.contains("## \(s["report.corrections"])"))
        #expect(md.contains("| 2026-11-25T00:30:00+00:00 · psy-a | 2026-11-25T09:30:00+00:00 | chef | \(s["review.field.hospitalisation"]) | \(s["no"]) → \(s["yes"]) | unité proposée |"))
        #expect(md.contains("| 2026-11-24T22:10:00+00:00 · psy-a | 2026-11-25T09:40:00+00:00 | chef | \(s["review.field.notes"]) | \(s["report.withheld"]) | relu |"))
        let withNotes = CallReport.render(.md, calls: Self.calls, scope: scope(withNotes: true))
        #expect(withNotes.contains(s.format("report.stepNotDone", s["step.callerKeptOnLine"], Self.reason)))
        #expect(withNotes.contains("| Note de c1 → Note relue | relu |"))
    }

    /// An audit line names its field as a supervisor reads it, never its column.
    @Test func auditFieldsAndValuesAreLabelled() {
        let s = TestResources.french
        #expect(Labels.auditField("level", s) == s["review.field.level"] && s["review.field.level"] != "level")
        #expect(Labels.auditField("operator", s) == s["review.field.operator"])
        #expect(Labels.auditValue("yes", s) == s["yes"] && Labels.auditValue(nil, s) == "—")
    }
}

/// A referral kind's label says what its entries are: the administrative kind's entries are the
/// Assurance maladie's social services (« Service social — Rhône »), so its label names both,
/// and no two kinds share a label, nor a kind and a level.
@Suite struct ReferralKindLabelTests {
    @Test(arguments: Language.allCases)
    func labelsAreDistinctAndTheAdministrativeKindSaysSocial(_ language: Language) {
        let s = TestResources.strings(language)
        for suffix in ["", ".short"] {
            let labels = ReferralKind.allCases.map { s["kind.\($0.rawValue)\(suffix)"] }
            #expect(Set(labels).count == labels.count)
            #expect(s["kind.administrative\(suffix)"].lowercased().contains("social"))
            // Nor a level's: level 0 is « Administratif », the kind is not.
            let levels = Set(ClassificationLevel.allCases.flatMap { [s[$0.stringKey], s[$0.stringKey + ".short"]] })
            #expect(levels.isDisjoint(with: labels))
        }
    }
}

/// A call taken over after its console died: who had it, until when, who took it over.
@Suite struct TakeoverReportTests {
    typealias F = ReviewFixtures
    static let takeover = CallTakeover(
        callID: "c5", at: F.at(1, 50, nextDay: true), by: ConsoleIdentity(id: "k2", host: "poste-2", pid: 22, operatorName: "psy-b"),
        from: CallHolder(console: ConsoleIdentity(id: "k1", host: "poste-3", pid: 4711, operatorName: "psy-a"), heartbeatAt: F.at(1, 46, nextDay: true)))

    @Test func jsonGivesEachTakeover() throws {
        let scope = CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: F.at(9, 0, nextDay: true), timeZone: F.utc,
                                     strings: TestResources.french, takeovers: [Self.takeover])
        let json = try JSONSerialization.jsonObject(with: Data(CallReport.render(.json, calls: F.nightShift, scope: scope).utf8)) as! [String: Any]
        let takeovers = json["takeovers"] as! [[String: Any]]
        #expect(takeovers.count == 1)
        let t = takeovers[0]
        #expect(t["call_id"] as? String == "c5" && t["at"] as? String == "2026-11-25T01:50:00+00:00")
        #expect(t["by_operator"] as? String == "psy-b" && t["by_host"] as? String == "poste-2")
        #expect(t["from_operator"] as? String == "psy-a" && t["from_host"] as? String == "poste-3" && t["from_pid"] as? Int == 4711)
        #expect(t["held_until"] as? String == "2026-11-25T01:46:00+00:00")
    }

    @Test func markdownGivesEachTakeover() {
        let s = TestResources.french
        let scope = CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: F.at(9, 0, nextDay: true), timeZone: F.utc,
                                     strings: s, takeovers: [Self.takeover])
        let md = CallReport.render(.md, calls: F.nightShift, scope: scope)
        #expect(md.contains("## \(s["report.takeovers"])"))
        #expect(md.contains("| 2026-11-25T01:45:00+00:00 · psy-a | " + s.format("review.call.takeover", "2026-11-25T01:50:00+00:00", "psy-b",
                                                                                   "poste-2, pid 22", "2026-11-25T01:46:00+00:00", "psy-a",
                                                                                   "poste-3, pid 4711") + " |"))
    }

    @Test func inWordsWhoHadItUntilWhenAndWhoTookIt() {
        let s = TestResources.french
        let text = Labels.takeover(Self.takeover, s) { Formatting.clock($0, timeZone: F.utc) }
        #expect(text == s.format("review.call.takeover", "01:50", "psy-b", "poste-2, pid 22", "01:46", "psy-a", "poste-3, pid 4711"))
    }
}

/// Calls handed over at the end of a shift are read from the audit log with the corrections but
/// listed apart: never as a correction, each with who handed it to whom (or to the supervisors).
@Suite struct HandoverReportTests {
    typealias F = ReviewFixtures
    static let entries = [
        AuditEntry(callID: "c3", at: F.at(9, 30, nextDay: true), by: "chef", field: "hospitalisation", oldValue: "no", newValue: "yes",
                   reason: "unité proposée"),
        AuditEntry(callID: "c5", at: F.at(7, 0, nextDay: true), by: "psy-a", field: CallHandover.auditField, oldValue: "psy-a", newValue: "psy-b",
                   reason: ShiftHandoffRetention.handoverReason),
        AuditEntry(callID: "c4", at: F.at(7, 1, nextDay: true), by: "psy-a", field: CallHandover.auditField, oldValue: "psy-a", newValue: "",
                   reason: ShiftHandoffRetention.handoverReason),
    ]

    func scope() -> CallReport.Scope {
        CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: F.at(10, 0, nextDay: true), timeZone: F.utc,
                         strings: TestResources.french, corrections: Self.entries)
    }

    @Test func jsonListsHandoversApartFromCorrections() throws {
        let json = try JSONSerialization.jsonObject(with: Data(CallReport.render(.json, calls: F.nightShift, scope: scope()).utf8)) as! [String: Any]
        #expect((json["corrections"] as! [[String: Any]]).map { $0["call_id"] as? String } == ["c3"])
        let handovers = json["handovers"] as! [[String: Any]]
        #expect(handovers.map { $0["call_id"] as? String } == ["c5", "c4"])
        #expect(handovers[0]["by"] as? String == "psy-a" && handovers[0]["to"] as? String == "psy-b")
        #expect(handovers[1]["to"] is NSNull && handovers[1]["at"] as? String == "2026-11-25T07:01:00+00:00")
    }

    @Test func markdownListsHandoversInTheirOwnSection() {
        let s = TestResources.french
        let md = CallReport.render(.md, calls: F.nightShift, scope: scope())
        let handovers = md.components(separatedBy: "## \(s["report.handovers"])")
        #expect(handovers.count == 2)
        #expect(handovers[1].contains(s.format("review.call.handover", "2026-11-25T07:00:00+00:00", "psy-a", s.format("review.call.handover.to", "psy-b"))))
        #expect(handovers[1].contains(s.format("review.call.handover", "2026-11-25T07:01:00+00:00", "psy-a", s["review.call.handover.toSupervisors"])))
        let corrections = md.components(separatedBy: "## \(s["report.corrections"])")[1].components(separatedBy: "\n## ")[0]
        #expect(!corrections.contains(Labels.auditField(CallHandover.auditField, s)) && corrections.contains("unité proposée"))
    }
}
