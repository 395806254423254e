import Foundation

/// The one rule for a duration in every view and format (docs/architecture.md, « Durations »):
/// the interval to the millisecond (what the stores keep), rounded to the nearest whole second,
/// halves away from zero. A call of 1499.5 s is 1500 s, « 25:00 », and reaches the 25-minute
/// reference everywhere. Figures over calls (total, mean, median, longest, the share over 25
/// minutes) are computed from the calls' whole seconds; a mean or a median is then rounded by the
/// same rule wherever it is shown.
public enum WholeSeconds {
    public static func of(_ interval: TimeInterval) -> Int {
        Int(((interval * 1000).rounded() / 1000).rounded())
    }
}

extension CallDraft {
    /// The call's duration in whole seconds (`WholeSeconds`); nil while it has not ended.
    public var durationSeconds: Int? { endedAt.map { WholeSeconds.of($0.timeIntervalSince(pickedUpAt)) } }
}

extension Alert {
    /// How long the alert waited to be taken, in whole seconds (`WholeSeconds`).
    public var secondsToTake: Int? { timeToTake.map(WholeSeconds.of) }
}
