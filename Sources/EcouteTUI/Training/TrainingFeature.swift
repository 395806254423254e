import EcouteCore
import Foundation

/// Training mode as a feature: the demo clock, choosing a scenario, the debrief. Its state is the
/// demo session, nil outside training mode; the call itself is the console's.
public enum TrainingFeature: Feature {
    public typealias State = DemoSession?

    public enum Event: Equatable, Sendable {
        /// The wall clock: answered with the console's time (demo time in training mode).
        case tick(wall: Date)
        /// One of training mode's keys.
        case action(Action)
        /// A scenario picked in the scenario picker.
        case choose(scenario: String)
        /// A call is about to be picked up.
        case pickingUp
        /// The saved call was acknowledged: on to the next scenario.
        case acknowledged
        /// The call was saved (with whether a callback was asked for it): the debrief compares it.
        case saved(CallDraft, callbackRequested: Bool)
        case debriefWritten(Result<String, DebriefWriteError>)
    }

    /// What training mode reads of the console.
    public struct Context: Sendable {
        public var strings: Strings
        public var operatorName: String
        /// The lines configured, which name a line and its categories in the debrief.
        public var lines: [CallLine]

        public init(strings: Strings, operatorName: String, lines: [CallLine]) {
            self.strings = strings
            self.operatorName = operatorName
            self.lines = lines
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The console's time is now this.
        case time(Date)
        case overlay(Overlay)
        /// No scenario is chosen: the pick-up waits for one (the picker opens).
        case scenarioFirst(Picker)
        case message(StatusMessage)
        /// The next call is picked up on this line.
        case answerLine(String)
        case effect(AppEffect)
    }

    public static func update(_ state: inout DemoSession?, _ event: Event, _ context: Context) -> [Outcome] {
        guard var demo = state else {
            if case .tick(let wall) = event { return [.time(wall)] }
            return []
        }
        defer { state = demo }
        let s = context.strings
        switch event {
        case .tick(let wall):
            demo.lastWall = wall
            return [.time(demo.clock.time(at: wall))]
        case .action(let action):
            switch action {
            case .demoPause: demo.clock.togglePause(at: demo.lastWall)
            case .demoFaster: demo.clock.faster(at: demo.lastWall)
            case .demoSlower: demo.clock.slower(at: demo.lastWall)
            case .demoChooseScenario: return [.overlay(.picker(scenarioPicker(demo, s)))]
            case .demoWriteDebrief:
                guard let debrief = demo.debrief else { return [] }
                return [.effect(.writeDebrief(debrief, operatorName: context.operatorName))]
            default: return []
            }
            return [.time(demo.clock.time(at: demo.lastWall))]
        case .choose(let name):
            guard let scenario = demo.scenarios.first(where: { $0.name == name }) else { return [] }
            demo.scenario = scenario
            demo.debrief = nil
            demo.debriefFile = nil
            return [.answerLine(line(of: scenario)),
                    .message(StatusMessage(text: s.format("demo.scenarioChosen", scenario.title), style: .ok))]
        case .pickingUp:
            if demo.scenario == nil { return [.scenarioFirst(scenarioPicker(demo, s))] }
            demo.debrief = nil
            return []
        case .acknowledged:
            demo.debrief = nil
            // The next scenario is offered first: a trainee plays them in turn.
            var picker = scenarioPicker(demo, s)
            if let played = demo.scenario, let index = demo.scenarios.firstIndex(of: played) {
                picker.selected = (index + 1) % max(1, demo.scenarios.count)
            }
            return [.overlay(.picker(picker))]
        case .saved(let call, let callbackRequested):
            guard let scenario = demo.scenario else { return [] }
            demo.debrief = Debrief.compare(scenario, call, callbackRequested: callbackRequested, lines: context.lines)
            return []
        case .debriefWritten(.success(let path)):
            demo.debriefFile = path
            return [.message(StatusMessage(text: s.format("demo.debriefWritten", path), style: .ok))]
        case .debriefWritten(.failure(let error)):
            return [.message(StatusMessage(text: s.format("demo.debriefNotWritten", error.reason), style: .warn))]
        }
    }

    static func scenarioPicker(_ demo: DemoSession, _ s: Strings) -> Picker {
        Picker(purpose: .scenario, title: s["picker.scenario"], items: demo.scenarios.map {
            PickerItem(id: $0.name, label: "\($0.title) — \(s.format("demo.expectedLevel", "\($0.expected.level.rawValue)"))")
        })
    }

    /// The next call is picked up on the scenario's line (the health line's when it names none),
    /// as a psychologist answering that number would: the header, the caller picker and the
    /// record follow it.
    static func line(of scenario: Scenario) -> String { scenario.line ?? CallLine.healthID }
}

extension AppModel {
    /// Training mode: the banner, the demo clock, and the scenario picker when none is chosen.
    public mutating func startDemo(_ demo: DemoSession) {
        self.demo = demo
        banner = strings["demo.banner"]
        if let scenario = demo.scenario { line = TrainingFeature.line(of: scenario) }
        if demo.scenario == nil { overlay = .picker(TrainingFeature.scenarioPicker(demo, strings)) }
    }
}
