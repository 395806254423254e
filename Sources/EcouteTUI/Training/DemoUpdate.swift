import EcouteCore
import Foundation

/// Training mode's part of the update: the demo clock, choosing a scenario, the debrief.
enum DemoUpdate {
    /// The clock: the model's `now` is demo time.
    static func tick(_ model: inout AppModel, wall: Date) {
        guard var demo = model.demo else { model.now = wall; return }
        demo.lastWall = wall
        model.demo = demo
        model.now = demo.clock.time(at: wall)
    }

    static func perform(_ model: inout AppModel, _ action: Action) -> [AppEffect] {
        guard var demo = model.demo else { return [] }
        let s = model.strings
        switch action {
        case .demoPause:
            demo.clock.togglePause(at: demo.lastWall)
        case .demoFaster:
            demo.clock.faster(at: demo.lastWall)
        case .demoSlower:
            demo.clock.slower(at: demo.lastWall)
        case .demoChooseScenario:
            model.overlay = .picker(scenarioPicker(demo, s))
            return []
        case .demoWriteDebrief:
            guard let debrief = demo.debrief else { return [] }
            return [.writeDebrief(debrief, operatorName: model.operatorName)]
        default:
            return []
        }
        model.demo = demo
        model.now = demo.clock.time(at: demo.lastWall)
        return []
    }

    static func scenarioPicker(_ demo: DemoSession, _ s: Strings) -> Picker {
        Picker(purpose: .scenario, title: s["picker.scenario"], items: demo.scenarios.map {
            PickerItem(id: $0.name, label: "\($0.title) — \(s.format("demo.expectedLevel", "\($0.expected.level.rawValue)"))")
        })
    }

    static func choose(_ model: inout AppModel, scenario name: String) {
        guard var demo = model.demo, let scenario = demo.scenarios.first(where: { $0.name == name }) else { return }
        demo.scenario = scenario
        demo.debrief = nil
        demo.debriefFile = nil
        model.demo = demo
        model.pickUpOn(scenario)
        model.message = StatusMessage(text: model.strings.format("demo.scenarioChosen", scenario.title), style: .ok)
    }

    /// After a save: the debrief of the scenario played.
    static func saved(_ model: inout AppModel) {
        guard var demo = model.demo, let scenario = demo.scenario, case .saved(let call) = model.session else { return }
        demo.debrief = Debrief.compare(scenario, call, callbackRequested: !(model.continuity.requested[call.id] ?? []).isEmpty,
                                       lines: model.lines)
        model.demo = demo
    }

    static func written(_ model: inout AppModel, _ result: Result<String, DebriefWriteError>) {
        switch result {
        case .success(let path):
            model.demo?.debriefFile = path
            model.message = StatusMessage(text: model.strings.format("demo.debriefWritten", path), style: .ok)
        case .failure(let error):
            model.message = StatusMessage(text: model.strings.format("demo.debriefNotWritten", error.reason), style: .warn)
        }
    }
}

extension AppModel {
    /// Training mode: the banner, the demo clock, and the scenario picker when none is chosen.
    public mutating func startDemo(_ demo: DemoSession) {
        self.demo = demo
        banner = strings["demo.banner"]
        if let scenario = demo.scenario { pickUpOn(scenario) }
        if demo.scenario == nil { overlay = .picker(DemoUpdate.scenarioPicker(demo, strings)) }
    }

    /// The next call is picked up on the scenario's line (the health line's when it names none),
    /// as a psychologist answering that number would: the header, the caller picker and the
    /// record follow it.
    mutating func pickUpOn(_ scenario: Scenario) {
        line = scenario.line ?? CallLine.healthID
    }
}
