import ArgumentParser

/// An option whose values are an enum's raw strings. ArgumentParser's generic defaults describe
/// such a value through string interpolation and `String(describing:)`, each a runtime protocol
/// lookup (a scan of the binary's 9,000 conformances) at every start, since an option's default
/// and choices are described when the command is parsed, not only for `--help`. These say the
/// same thing directly: the raw value, and the raw values of every case.
protocol EnumArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension EnumArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
