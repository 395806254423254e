@testable import EcouteCore
import Foundation
import Testing

/// Scenario files: the shipped ones, and every kind of error a trainer's file can have.
@Suite struct ScenarioTests {
    static let geography: Geography = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/geography")
        return try! Geography.load(from: folder)
    }()
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/scenarios")
    /// The platform's lines as shipped (a scenario names its line and its caller's category there).
    static let callLines = try! LineList.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/lines/lines.txt"))

    static let valid = """
        {
          "title": "T", "summary": "S",
          "caller": {"category": "professional", "profession": "infirmier", "status": "salaried", "departement": "69"},
          "lines": [{"at": 5, "text": "Bonjour"}, {"at": "1:10", "text": "Je n'en peux plus"}],
          "expected": {"level": 3, "addiction": true, "referrals": ["gp", "psychiatrist"]},
          "teaching_notes": ["Une note"]
        }
        """

    func problems(_ text: String) -> [String] {
        switch ScenarioLoader.parse(text, name: "x", fileName: "x.json", geography: Self.geography) {
        case .success: return []
        case .failure(let failure): return failure.problems.map(\.location)
        }
    }

    /// The valid scenario with one part replaced.
    func with(_ old: String, _ new: String) -> String {
        precondition(Self.valid.contains(old), old)
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func aValidFileLoads() throws {
        let scenario = try ScenarioLoader.parse(Self.valid, name: "x", fileName: "x.json", geography: Self.geography).get()
        #expect(scenario.lines.map(\.at) == [5, 70])
        #expect(scenario.caller.profession == .infirmier && scenario.caller.departement == "69")
        #expect(scenario.expected == Scenario.Expectation(level: .burnout, addiction: true, hospitalisation: false,
                                                           referralKinds: [.gp, .psychiatrist]))
        #expect(scenario.linesSaid(after: 69).count == 1 && scenario.linesSaid(after: 70).count == 2)
    }

    @Test func everyKindOfErrorIsNamedWithItsPlace() {
        #expect(problems("{\n \"title\": \"T\",\n \"summary\": }") == ["line 3"])
        #expect(problems("[]") == ["file"])
        #expect(problems(with("\"summary\": \"S\"", "\"summary\": \"S\", \"titel\": \"x\"")) == ["titel"])
        #expect(problems(with("\"title\": \"T\", ", "")) == ["title"])
        #expect(problems(with("\"professional\"", "\"patient\"")) == ["caller.category"])
        #expect(problems(with("\"infirmier\"", "\"sorcier\"")) == ["caller.profession"])
        #expect(problems(with("\"departement\": \"69\"", "\"departement\": \"99\"")) == ["caller.departement"])
        #expect(problems(with("\"departement\": \"69\"", "\"departement\": \"69\", \"name\": \"Dupont\"")) == ["caller.name"])
        #expect(problems(with("[{\"at\": 5, \"text\": \"Bonjour\"}, {\"at\": \"1:10\", \"text\": \"Je n'en peux plus\"}]", "[]")) == ["lines"])
        #expect(problems(with("{\"at\": 5, \"text\": \"Bonjour\"}", "\"Bonjour\"")) == ["lines[0]"])
        #expect(problems(with("\"1:10\"", "\"1h10\"")) == ["lines[1].at"])
        #expect(problems(with("\"1:10\"", "2")) == ["lines[1].at"])
        #expect(problems(with("\"text\": \"Bonjour\"", "\"text\": \"  \"")) == ["lines[0].text"])
        #expect(problems(with("\"level\": 3", "\"level\": 6")) == ["expected.level"])
        #expect(problems(with("\"psychiatrist\"", "\"chaman\"")) == ["expected.referrals[1]"])
        #expect(problems(with("\"addiction\": true", "\"addiction\": \"oui\"")) == ["expected.addiction"])
        #expect(problems(with("[\"Une note\"]", "[]")) == ["teaching_notes"])
        // Several problems are all reported.
        #expect(problems(with("\"level\": 3", "\"level\": 9").replacingOccurrences(of: "\"gp\"", with: "\"x\"")) == ["expected.level", "expected.referrals[0]"])
    }

    /// The scenario whose right answer is a supervisor's callback: the debrief says whether the
    /// trainee asked for one.
    @Test func oneScenarioExpectsASupervisorCallbackAndTheDebriefChecksIt() throws {
        let (scenarios, _) = ScenarioLoader.loadFolder(Self.shipped, geography: Self.geography)
        let scenario = try #require(scenarios.first { $0.expected.supervisorCallback == true })
        var call = CallDraft(id: "d", operatorName: "trainee", pickedUpAt: Date())
        call.level = scenario.expected.level
        #expect(Debrief.compare(scenario, call, callbackRequested: false).items.first { $0.field == .supervisorCallback }?.matches == false)
        #expect(Debrief.compare(scenario, call, callbackRequested: true).items.first { $0.field == .supervisorCallback }?.matches == true)
        // Scenarios that do not say are not checked for it.
        let other = try #require(scenarios.first { $0.expected.supervisorCallback == nil })
        #expect(!Debrief.compare(other, call, callbackRequested: true).items.contains { $0.field == .supervisorCallback })
    }

    @Test func theShippedScenariosLoadAndCoverWhatTrainersNeed() {
        let (scenarios, problems) = ScenarioLoader.loadFolder(Self.shipped, geography: Self.geography, callLines: Self.callLines)
        #expect(problems.isEmpty, "\(problems)")
        #expect(scenarios.count >= 8)
        #expect(Set(scenarios.map(\.expected.level)) == Set(ClassificationLevel.allCases))
        #expect(scenarios.contains { $0.expected.addiction } && scenarios.contains { !$0.expected.addiction })
        #expect(scenarios.contains { $0.caller.category == .student })
        #expect(scenarios.contains { $0.caller.category == .family })
        #expect(scenarios.contains { $0.caller.status == .selfEmployed })
        #expect(scenarios.contains { $0.caller.profession == .infirmier && $0.title.lowercased().contains("nuit") })
        // At least one on the police officers' line, its caller in the line's own categories.
        #expect(scenarios.contains { $0.line == "police" && $0.caller.lineCategory != nil && $0.caller.profession == nil })
        // One turns into level 5 mid-call: the caller says it after the call has begun.
        #expect(scenarios.contains { $0.expected.level == .imminentRisk && $0.lines.count > 3 && $0.lines.first!.at < 60 })
        for s in scenarios {
            // What is expected follows the line's rules for the expected level.
            let needed = ReferralRules.needs(level: s.expected.level, hospitalisation: s.expected.hospitalisation,
                                             addiction: s.expected.addiction)
                .flatMap { Array(repeating: $0.kind, count: $0.count) }
            #expect(needed.sorted { $0.rawValue < $1.rawValue } == s.expected.referralKinds.sorted { $0.rawValue < $1.rawValue }, "\(s.name)")
        }
    }

    /// A scenario on a line with its own categories: the line and the caller's category there
    /// are checked against the lines configured, like every other field.
    @Test func aScenarioOnThePoliceLineNamesItsLineAndItsCallersCategory() throws {
        func problems(_ text: String) -> [String] {
            switch ScenarioLoader.parse(text, name: "x", fileName: "x.json", geography: Self.geography, callLines: Self.callLines) {
            case .success: return []
            case .failure(let failure): return failure.problems.map(\.location)
            }
        }
        let police = with(#""caller": {"category": "professional", "profession": "infirmier", "status": "salaried", "departement": "69"}"#,
                          #""line": "police", "caller": {"line_category": "officier", "status": "salaried", "departement": "69"}"#)
        let scenario = try ScenarioLoader.parse(police, name: "x", fileName: "x.json", geography: Self.geography, callLines: Self.callLines).get()
        #expect(scenario.line == "police" && scenario.caller.lineCategory == "officier" && scenario.caller.category == .professional)
        #expect(problems(police.replacingOccurrences(of: #""line": "police""#, with: #""line": "gendarmerie""#)) == ["line", "caller.line_category", "caller.category"])
        #expect(problems(police.replacingOccurrences(of: "officier", with: "pompier")) == ["caller.line_category"])
        #expect(problems(police.replacingOccurrences(of: #""line_category": "officier", "#, with: "")) == ["caller.line_category"])
        #expect(problems(police.replacingOccurrences(of: #""line_category": "officier""#, with: #""line_category": "eleve", "category": "professional""#))
                == ["caller.category"])
        #expect(problems(police.replacingOccurrences(of: #""status""#, with: #""profession": "infirmier", "status""#)) == ["caller.profession"])
        #expect(problems(with(#""status": "salaried""#, #""line_category": "officier", "status": "salaried""#)) == ["caller.line_category"])
        // Without the lines configured, « police » is no line at all.
        var unlined: [String] = []
        if case .failure(let failure) = ScenarioLoader.parse(police, name: "x", fileName: "x.json", geography: Self.geography) {
            unlined = failure.problems.map(\.location)
        }
        #expect(unlined == ["line", "caller.line_category", "caller.category"])
        // Expected motifs: known, at most three, none twice.
        #expect(problems(with(#""level": 3"#, #""level": 3, "motifs": ["trauma", "burnout"]"#)).isEmpty)
        #expect(problems(with(#""level": 3"#, #""level": 3, "motifs": ["trauma", "stress"]"#)) == ["expected.motifs[1]"])
        #expect(problems(with(#""level": 3"#, #""level": 3, "motifs": ["trauma", "trauma"]"#)) == ["expected.motifs[1]"])
        #expect(problems(with(#""level": 3"#, #""level": 3, "motifs": []"#)) == ["expected.motifs"])
    }

    /// The shipped police scenario's debrief: the line, the caller's category there, the RUD
    /// answers and the motifs, each ✓ for the expected call and ✗ where the trainee differs.
    @Test func thePoliceScenariosDebriefChecksTheLineTheCategoryTheAssessmentAndTheMotifs() throws {
        let (scenarios, _) = ScenarioLoader.loadFolder(Self.shipped, geography: Self.geography, callLines: Self.callLines)
        let scenario = try #require(scenarios.first { $0.line == "police" && $0.expected.urgence != nil })
        var call = CallDraft(id: "d", operatorName: "stagiaire", pickedUpAt: Date(timeIntervalSince1970: 0))
        call.line = "police"
        let police = try #require(Self.callLines.first { $0.id == "police" })
        let categoryID = try #require(scenario.caller.lineCategory)
        call.profile.setLineCategory(try #require(police.category(categoryID)))
        call.profile.status = scenario.caller.status
        call.profile.departement = scenario.caller.departement
        call.profile.isRepeatCaller = scenario.caller.isRepeatCaller
        call.level = scenario.expected.level
        call.assessment = RiskAssessment(urgence: scenario.expected.urgence, dangerosite: scenario.expected.dangerosite, means: .firearm,
                                         meansAtHand: scenario.expected.meansAtHand ?? false)
        call.motifs = scenario.expected.motifs
        call.referrals = scenario.expected.referralKinds.map { Referral(kind: $0, entryID: nil, name: "x", contact: "x", tier: .national, status: .given) }
        // What the console would suggest from these answers is the expected level.
        #expect(call.assessment?.suggestion.level == scenario.expected.level)
        let right = Debrief.compare(scenario, call, callbackRequested: false, lines: Self.callLines)
        let missed = right.items.filter { !$0.matches }
        #expect(missed.isEmpty, "\(missed)")
        #expect(Set(right.items.map(\.field)).isSuperset(of: [.line, .lineCategory, .urgence, .dangerosite, .meansAtHand, .motifs]))
        #expect(right.referralsMissed.isEmpty)
        // Picked up on the health line, another grade, the motifs in another order, the weapon at hand.
        var wrong = call
        wrong.line = nil
        wrong.profile.setLineCategory(try #require(police.category("officier")))
        wrong.motifs = scenario.expected.motifs?.reversed()
        wrong.assessment?.meansAtHand = true
        let d = Debrief.compare(scenario, wrong, callbackRequested: false, lines: Self.callLines)
        #expect(d.items.filter { !$0.matches }.map(\.field) == [.line, .lineCategory, .meansAtHand, .motifs])
        // In words: the line's and the category's names from the configuration.
        let s = try Strings.load(.fr, from: Self.shipped.deletingLastPathComponent().appendingPathComponent("strings"))
        #expect(Labels.debriefValue(.line, "police", s, lines: Self.callLines) == police.name(.fr))
        #expect(Labels.debriefValue(.lineCategory, "officier", s, lines: Self.callLines) == police.category("officier")?.label(.fr))
        #expect(Labels.debriefValue(.motifs, "trauma,bereavement", s) == s["motif.trauma"] + ", " + s["motif.bereavement"])
    }

    @Test func theDemoClockSpeedsUpPausesAndStaysContinuous() {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        var clock = DemoClock(start: t0)
        #expect(clock.time(at: t0 + 10) == t0 + 10)
        clock.faster(at: t0 + 10)                 // ×2 from demo time t0+10
        #expect(clock.speed == 2 && clock.time(at: t0 + 15) == t0 + 20)
        clock.setSpeed(20, at: t0 + 15)
        #expect(clock.time(at: t0 + 16) == t0 + 40)
        clock.faster(at: t0 + 16)
        #expect(clock.speed == 20)                 // no faster than ×20
        clock.togglePause(at: t0 + 16)
        #expect(clock.isPaused && clock.time(at: t0 + 100) == t0 + 40)
        clock.togglePause(at: t0 + 100)
        #expect(clock.time(at: t0 + 101) == t0 + 60)
        for _ in 0..<10 { clock.slower(at: t0 + 101) }
        #expect(clock.speed == 1 && clock.time(at: t0 + 102) == t0 + 61)
        clock.setSpeed(3, at: t0 + 102)            // not an offered speed: ignored
        #expect(clock.speed == 1)
    }

    @Test func theDebriefComparesAsAMultisetAndChecksTheProtocolAtLevelFive() throws {
        let scenario = try ScenarioLoader.parse(Self.valid, name: "x", fileName: "x.json", geography: Self.geography).get()
        let t0 = Date(timeIntervalSince1970: 0)
        var call = CallDraft(id: "c", operatorName: "stagiaire", pickedUpAt: t0)
        call.profile = CallerProfile(category: .professional, profession: .aideSoignant, status: .salaried, departement: "69")
        call.level = .burnout
        call.addiction = false
        call.referrals = [
            Referral(kind: .gp, entryID: 1, name: "GP", contact: "", tier: .sameDepartement, status: .given),
            Referral(kind: .psychiatrist, entryID: 2, name: "Psy", contact: "", tier: .region, status: .declined),
            Referral(kind: .replacement, entryID: 3, name: "Remplacement", contact: "", tier: .region, status: .given),
        ]
        call.savedAt = t0 + 1500
        let d = Debrief.compare(scenario, call)
        #expect(d.items.map(\.field) == [.category, .profession, .status, .departement, .level, .addiction, .hospitalisation])
        #expect(d.items.filter { !$0.matches }.map(\.field) == [.profession, .addiction])
        #expect(d.referralsMatched == [.gp] && d.referralsMissed == [.psychiatrist] && d.referralsExtra == [.replacement])
        #expect(d.score.matched == 6 && d.score.total == 9)
        #expect(d.callDuration == 1500)

        var urgent = scenario
        urgent.expected = Scenario.Expectation(level: .imminentRisk, addiction: false, hospitalisation: false,
                                               referralKinds: [.emergency, .emergency, .emergency, .unit])
        call.level = .imminentRisk
        call.emergency = EmergencyProtocol(openedAt: t0 + 60, steps: [.emergencyServicesCalled: t0 + 70])
        call.referrals = [Referral(kind: .emergency, entryID: 9, name: "15", contact: "15", tier: .national, status: .given)]
        let u = Debrief.compare(urgent, call)
        #expect(u.items.last == Debrief.Item(field: .emergencyProtocol, entered: "1/3", expected: "3/3", matches: false))
        #expect(u.referralsMatched == [.emergency] && u.referralsMissed == [.emergency, .emergency, .unit])
    }
}

/// The debrief of a level-5 call says whether the protocol was opened before or after the caller
/// revealed the risk.
@Suite struct ProtocolTimingTests {
    static let geography = try! Geography.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources/geography"))
    static let scenario = ScenarioLoader.loadFolder(
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/scenarios"), geography: geography).scenarios.first { $0.name == "06-aide-soignante-bascule-urgence" }!

    static func call(openedAfter seconds: TimeInterval?) -> CallDraft {
        let t0 = Date(timeIntervalSince1970: 0)
        var c = CallDraft(id: "c", operatorName: "stagiaire", pickedUpAt: t0)
        c.level = .imminentRisk
        c.savedAt = t0 + 600
        c.emergency = seconds.map { EmergencyProtocol(openedAt: t0 + $0) }
        return c
    }

    @Test func beforeAfterOrNever() {
        #expect(Self.scenario.disclosureAt == 240)
        #expect(Debrief.compare(Self.scenario, Self.call(openedAfter: 275)).protocolAfterDisclosure == 35)
        #expect(Debrief.compare(Self.scenario, Self.call(openedAfter: 180)).protocolAfterDisclosure == -60)
        let never = Debrief.compare(Self.scenario, Self.call(openedAfter: nil))
        #expect(never.protocolAfterDisclosure == nil && never.disclosureAt == 240)
    }
}
