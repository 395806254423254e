import EcouteCore
import Foundation

/// `k`: the caller's pseudonymous code. The psychologist types the code the caller says (checked
/// by its check character before anything is asked of the store), or presses Enter on an empty
/// field to give the caller a new one.
public struct CallerCodeForm: Equatable, Sendable {
    public var field = TextField("", maximumLength: 16)
    /// Why the last Enter was refused, in words.
    public var refusal: String?

    public init() {}
}

/// A caller's earlier calls, found by their code: shown until Esc, one call per block.
public struct CallerHistoryPanel: Equatable, Sendable {
    public var code: CallerCode
    public var calls: [CallerHistoryCall]
    /// The first call shown (↑↓ scroll).
    public var first = 0

    public init(code: CallerCode, calls: [CallerHistoryCall]) {
        self.code = code
        self.calls = calls
    }
}

/// A code attached to one of this console's calls.
public struct AttachedCallerCode: Equatable, Sendable {
    public var code: CallerCode
    /// Given to the caller at this call (to say to them), else said by the caller.
    public var issued: Bool
    /// How many earlier calls the code found (nil for a new code).
    public var earlierCalls: Int?

    public init(code: CallerCode, issued: Bool, earlierCalls: Int?) {
        self.code = code
        self.issued = issued
        self.earlierCalls = earlierCalls
    }
}
