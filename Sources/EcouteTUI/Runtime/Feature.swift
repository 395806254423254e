/// A part of a screen with a state of its own — bubbletea's nested model: its events, a pure update
/// that changes that state and nothing else, and outcomes, what it asks of the screen holding it
/// (an effect to run, a message, an overlay, a change that belongs to another part). It reads the
/// rest of the screen only through its `Context`, a value the screen builds for each event: by its
/// signature, a feature cannot write another feature's state.
public protocol Feature {
    associatedtype State
    associatedtype Event
    associatedtype Context
    associatedtype Outcome
    static func update(_ state: inout State, _ event: Event, _ context: Context) -> [Outcome]
}

/// Where a feature's state lives in a screen's model and what the feature may read of the rest:
/// an event sent through the scope runs the feature's update on its part alone, and its outcomes
/// go back to the screen, which turns them into effects and into changes of its other parts.
public struct Scope<Model, F: Feature> {
    public let state: WritableKeyPath<Model, F.State>
    public let context: (Model) -> F.Context

    public init(_ state: WritableKeyPath<Model, F.State>, context: @escaping (Model) -> F.Context) {
        self.state = state
        self.context = context
    }

    public func send(_ event: F.Event, _ model: inout Model) -> [F.Outcome] {
        let context = context(model)
        return F.update(&model[keyPath: state], event, context)
    }
}
