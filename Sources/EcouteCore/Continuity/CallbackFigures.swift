import Foundation

/// What the callback queue did over a period, per urgency: requests, their outcomes, and the
/// delay from request to « rappelé » (p50, p90 by nearest rank, in whole seconds).
public struct CallbackFigures: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var requests = 0
        public var calledBack = 0
        public var abandoned = 0
        public var expired = 0
        /// Still waiting or taken.
        public var open = 0
        /// Requests taken and tried at least once without reaching the caller.
        public var withFailedAttempts = 0
        /// Delays to « rappelé », sorted.
        public var delays: [Int] = []

        public init() {}

        public var p50: Int? { Self.percentile(delays, 50) }
        public var p90: Int? { Self.percentile(delays, 90) }

        /// The nearest-rank percentile: the smallest value with at least p % of values at or below it.
        public static func percentile(_ sorted: [Int], _ p: Int) -> Int? {
            guard !sorted.isEmpty else { return nil }
            let rank = max(1, Int((Double(p) / 100 * Double(sorted.count)).rounded(.up)))
            return sorted[min(sorted.count, rank) - 1]
        }
    }

    public var byUrgency: [CallbackUrgency: Row]
    public var total: Row

    public init(_ requests: [CallbackRequest]) {
        var by: [CallbackUrgency: Row] = [:]
        var total = Row()
        for r in requests {
            Self.add(r, to: &by[r.urgency, default: Row()])
            Self.add(r, to: &total)
        }
        for key in by.keys { by[key]!.delays.sort() }
        total.delays.sort()
        byUrgency = by
        self.total = total
    }

    static func add(_ r: CallbackRequest, to row: inout Row) {
        row.requests += 1
        switch r.status {
        case .calledBack: row.calledBack += 1
        case .abandoned: row.abandoned += 1
        case .expired: row.expired += 1
        case .waiting, .taken: row.open += 1
        }
        if r.attempts > 0 { row.withFailedAttempts += 1 }
        if let delay = r.delayToCallback { row.delays.append(WholeSeconds.of(delay)) }
    }
}
