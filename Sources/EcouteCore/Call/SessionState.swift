/// The state of the console's call session.
public enum SessionState: Equatable, Sendable {
    /// No call: ready to pick up.
    case idle
    /// A call in progress: in conversation, dropped, in the emergency protocol, or in wrap-up
    /// (the draft's `phase` says which).
    case call(CallDraft)
    /// A call found unfinished at start-up (crash, killed terminal, dropped SSH session).
    case interrupted(CallDraft)
    /// A call just saved, shown until acknowledged.
    case saved(CallDraft)

    /// The flat name of the state, for display, tests and logs.
    public var phase: SessionPhase {
        switch self {
        case .idle: return .idle
        case .interrupted: return .interrupted
        case .saved: return .saved
        case .call(let draft):
            switch draft.phase {
            case .inCall: return .inCall
            case .dropped: return .dropped
            case .emergency: return .emergency
            case .wrapUp: return .wrapUp
            case .saved, .closed: return .saved
            }
        }
    }

    public var draft: CallDraft? {
        switch self {
        case .idle: return nil
        case .call(let d), .interrupted(let d), .saved(let d): return d
        }
    }
}

/// Every state the session can be in, flattened.
public enum SessionPhase: String, CaseIterable, Sendable {
    case idle, inCall, dropped, emergency, wrapUp, saved, interrupted
}
