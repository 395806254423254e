import Foundation

/// The activity of each line over a time (`ecoute report activity --by line`), gathered in one
/// pass over saved calls: calls, their levels, and the level 4–5 calls, per line.
public struct LineActivity: Equatable, Sendable {
    public struct Figures: Equatable, Sendable {
        public var calls = 0
        /// Saved calls by level (every saved call has one).
        public var levels: [ClassificationLevel: Int] = [:]
        public var levelFourOrFive: Int { (levels[.suicidalIdeation] ?? 0) + (levels[.imminentRisk] ?? 0) }
        public init() {}
    }

    /// Saved calls in the period, all lines.
    public var calls = 0
    /// By line id (`CallLine.id`).
    public var lines: [String: Figures] = [:]

    public init() {}

    public mutating func add(_ c: CallDraft) {
        guard c.phase == .saved else { return }
        calls += 1
        lines[c.lineID, default: Figures()].calls += 1
        if let level = c.level { lines[c.lineID, default: Figures()].levels[level, default: 0] += 1 }
    }

    /// The lines in the configuration's order, then any other line a call names (a line since
    /// taken out of the configuration), by id.
    public func order(_ configured: [String]) -> [String] {
        configured + lines.keys.filter { !configured.contains($0) }.sorted()
    }

    /// Reads the calls once, keeping the counts only; calls outside [start, end) are not counted.
    public static func gather(from source: ((CallDraft) throws -> Void) throws -> Void, from start: Date, to end: Date) throws -> LineActivity {
        var figures = LineActivity()
        try source { call in
            guard call.pickedUpAt >= start, call.pickedUpAt < end else { return }
            figures.add(call)
        }
        return figures
    }
}
