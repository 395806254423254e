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
        let (scenarios, problems) = ScenarioLoader.loadFolder(Self.shipped, geography: Self.geography)
        #expect(problems.isEmpty, "\(problems)")
        #expect(scenarios.count >= 8)
        #expect(Set(scenarios.map(\.expected.level)) == Set(ClassificationLevel.allCases))
        #expect(scenarios.contains { $0.expected.addiction } && scenarios.contains { !$0.expected.addiction })
        #expect(scenarios.contains { $0.caller.category == .student })
        #expect(scenarios.contains { $0.caller.category == .family })
        #expect(scenarios.contains { $0.caller.status == .selfEmployed })
        #expect(scenarios.contains { $0.caller.profession == .infirmier && $0.title.lowercased().contains("nuit") })
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
