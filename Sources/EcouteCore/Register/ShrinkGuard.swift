/// The rule that keeps an import from emptying a source by accident: a file that would retire
/// (make inactive) more than a tenth of a source's active entries is refused unless the
/// administrator says the source really shrank (`--allow-shrink`). A header-only, truncated or
/// wrongly decoded extract otherwise "retires" everyone it failed to list.
public enum ShrinkGuard {
    /// Retiring more than `current / largestShareDivisor` entries is refused: more than 10 %.
    public static let largestShareDivisor = 10

    /// Why retiring `retiring` of a source's `current` active entries is refused, or nil when it
    /// is not (at most 10 %, or allowed).
    public static func refusal(source: String, current: Int, retiring: Int, allowShrink: Bool) -> String? {
        guard !allowShrink, retiring * largestShareDivisor > current else { return nil }
        let percent = current > 0 ? (retiring * 100 + current / 2) / current : 100
        return "would retire \(retiring) of the \(current) active entries of source « \(source) » (\(percent) %, more than 10 %); "
            + "nothing imported. If the source really lost them, import the file again with --allow-shrink"
    }
}
