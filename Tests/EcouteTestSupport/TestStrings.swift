import EcouteCore
import EcouteResources
import Foundation

/// The shipped strings and geography, loaded once for every test target.
public enum TestResources {
    public static let geography = try! Geography.load(from: ResourceLocator.url("geography"))
    public static let french = try! Strings.load(.fr, from: ResourceLocator.url("strings"))
    public static let english = try! Strings.load(.en, from: ResourceLocator.url("strings"))
    /// The lines the console answers, with their caller categories (labels keyed by id).
    public static let lines = try! LineList.load(from: ResourceLocator.url("lines/lines.txt"))

    public static func strings(_ language: Language) -> Strings { language == .fr ? french : english }
}

extension Strings {
    /// The string `key` with its first placeholders filled by `arguments`, cut before the first
    /// placeholder left: what a test looks for when the rest of the line depends on the clock.
    public func prefix(_ key: String, _ arguments: String...) -> String {
        var text = self[key]
        for (i, argument) in arguments.enumerated() { text = text.replacingOccurrences(of: "{\(i + 1)}", with: argument) }
        guard let open = text.range(of: "{") else { return text }
        return String(text[..<open.lowerBound])
    }

    /// The runs of `key` between the placeholders left open, those in `filled` written in: what
    /// stays the same on screen around a clock or a duration (`prefix` is the first of them).
    public func fragments(_ key: String, _ filled: [Int: String] = [:]) -> [String] {
        var text = self[key]
        for (n, value) in filled { text = text.replacingOccurrences(of: "{\(n)}", with: value) }
        return text.split(separator: /\{[0-9]+\}/, omittingEmptySubsequences: false).map(String.init)
    }
}
