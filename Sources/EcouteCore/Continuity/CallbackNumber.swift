import Foundation

/// The number a supervisor calls the caller back on: the only identifying datum ecoute ever
/// holds. A French number (ten digits from 01 to 09, or +33 / 0033 and nine digits), kept as its
/// ten digits; typed only in the callback request, read only by supervisors, erased when the
/// callback is closed and in any case after the line's limit (`CallbackQueue.numberLimit`).
public struct CallbackNumber: Equatable, Sendable, CustomStringConvertible {
    /// Ten digits, starting with 0.
    public let digits: String

    /// Checks and normalises a number as typed (spaces, dots, dashes and brackets allowed).
    public static func parse(_ typed: String) -> Result<CallbackNumber, CallbackNumberError> {
        let kept = typed.filter { !" .-()\u{00A0}\u{202F}".contains($0) }
        guard !kept.isEmpty else { return .failure(.empty) }
        var national: Substring
        if kept.hasPrefix("+33") {
            national = "0" + kept.dropFirst(3)
        } else if kept.hasPrefix("0033") {
            national = "0" + kept.dropFirst(4)
        } else if kept.hasPrefix("+") || kept.hasPrefix("00") {
            return .failure(.notFrench)
        } else {
            national = Substring(kept)
        }
        // « +33 (0)6… » is written too.
        if national.hasPrefix("00") && national.count == 11 { national = national.dropFirst() }
        guard national.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notDigits) }
        guard national.count == 10 else { return .failure(.length(national.count)) }
        guard national.hasPrefix("0"), let second = national.dropFirst().first, second != "0" else { return .failure(.prefix) }
        return .success(CallbackNumber(digits: String(national)))
    }

    /// Kept as stored (ten digits); `parse` is the way in from what someone typed.
    public init(digits: String) { self.digits = digits }

    /// As said on the phone: « 06 12 34 56 78 ».
    public var spoken: String {
        var pairs: [String] = []
        var rest = Substring(digits)
        while !rest.isEmpty { pairs.append(String(rest.prefix(2))); rest = rest.dropFirst(2) }
        return pairs.joined(separator: " ")
    }

    /// Never the digits: a number must not reach a log line or an error message by accident.
    public var description: String { "CallbackNumber(…)" }
}

/// Why a typed callback number was refused (each has its message key `callback.number.<case>`).
public enum CallbackNumberError: Error, Equatable, Sendable {
    case empty
    /// Letters or symbols other than spaces, dots, dashes, brackets and a leading +.
    case notDigits
    /// A country code other than France's.
    case notFrench
    /// Not ten digits once written nationally (the count found).
    case length(Int)
    /// Not 01 to 09.
    case prefix

    /// The key of its message in the string tables.
    public var messageKey: String {
        switch self {
        case .empty: "callback.number.empty"
        case .notDigits: "callback.number.notDigits"
        case .notFrench: "callback.number.notFrench"
        case .length: "callback.number.length"
        case .prefix: "callback.number.prefix"
        }
    }
}
