import EcouteCore
import Foundation

/// Training mode: the scenarios on offer, the one being played, its clock, and the debrief.
public struct DemoSession: Equatable, Sendable {
    public var scenarios: [Scenario]
    public var scenario: Scenario?
    public var clock: DemoClock
    /// The wall time of the last tick, for speed changes and pauses.
    public var lastWall: Date
    /// Shown once the call is saved.
    public var debrief: Debrief?
    /// Where the debrief was last written.
    public var debriefFile: String?

    public init(scenarios: [Scenario], scenario: Scenario? = nil, speed: Int = 1, start: Date) {
        self.scenarios = scenarios
        self.scenario = scenario
        clock = DemoClock(start: start, speed: speed)
        lastWall = start
    }
}
