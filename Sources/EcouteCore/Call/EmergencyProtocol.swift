import Foundation

/// The steps of the level-5 emergency protocol, each time-stamped when done.
public enum EmergencyStep: String, CaseIterable, Codable, Sendable {
    case emergencyServicesCalled
    case supervisorCalled
    case callerKeptOnLine

    /// The step's place in the protocol, for lists.
    public var order: Int { EmergencyStep.allCases.firstIndex(of: self)! }
}

/// The emergency protocol of one call: when it was opened and when each step was done.
public struct EmergencyProtocol: Equatable, Codable, Sendable {
    public var openedAt: Date
    public var steps: [EmergencyStep: Date]
    /// Steps not done, each with the reason why not (the protocol is complete when every step is
    /// done or has a reason).
    public var skipped: [EmergencyStep: String]

    public init(openedAt: Date, steps: [EmergencyStep: Date] = [:], skipped: [EmergencyStep: String] = [:]) {
        self.openedAt = openedAt
        self.steps = steps
        self.skipped = skipped
    }

    /// Steps not done yet (with or without a reason).
    public var pendingSteps: [EmergencyStep] { EmergencyStep.allCases.filter { steps[$0] == nil } }
    /// Steps neither done nor explained: what stops a level-5 call from being saved.
    public var unexplainedSteps: [EmergencyStep] { pendingSteps.filter { (skipped[$0] ?? "").isEmpty } }
}
