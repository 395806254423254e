/// Operators' pseudonyms: letters, digits, « - », « _ » and « . », at most 40 characters, so a
/// name is never a formula, a path or a line break wherever it is written.
public enum OperatorName {
    public static let maximumLength = 40

    /// Why a name is refused, or nil when it is fine.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "an operator name cannot be empty" }
        if name.count > maximumLength { return "\"\(name)\" is longer than \(maximumLength) characters" }
        if let bad = name.first(where: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            return "\"\(name)\": only letters, digits, « - », « _ » and « . » are allowed (not « \(bad) »)"
        }
        return nil
    }
}
