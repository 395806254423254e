import Foundation

/// The steps of the level-5 emergency protocol, each time-stamped when done.
public enum EmergencyStep: String, CaseIterable, Codable, Sendable {
    case emergencyServicesCalled
    case supervisorCalled
    case callerKeptOnLine
}

/// The emergency protocol of one call: when it was opened and when each step was done.
public struct EmergencyProtocol: Equatable, Codable, Sendable {
    public var openedAt: Date
    public var steps: [EmergencyStep: Date]

    public init(openedAt: Date, steps: [EmergencyStep: Date] = [:]) {
        self.openedAt = openedAt
        self.steps = steps
    }

    public var pendingSteps: [EmergencyStep] { EmergencyStep.allCases.filter { steps[$0] == nil } }
}
