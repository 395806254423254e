import Foundation

/// Durations of repeated runs of one operation, summarised by percentiles.
struct Latencies {
    private(set) var samples: [Duration] = []

    mutating func record(_ duration: Duration) { samples.append(duration) }

    /// The value below which `fraction` of the samples fall (nearest rank).
    func percentile(_ fraction: Double) -> Duration {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }

    var count: Int { samples.count }
    var p50: Duration { percentile(0.50) }
    var p99: Duration { percentile(0.99) }
    var max: Duration { samples.max() ?? .zero }
    var min: Duration { samples.min() ?? .zero }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// "1.234 ms".
    var ms: String { String(format: "%.3f ms", milliseconds) }
    var seconds: String { String(format: "%.2f s", milliseconds / 1000) }
}
