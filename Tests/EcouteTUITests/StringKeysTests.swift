import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// Every text the program asks for by a literal key exists in both languages: a key missing from
/// one file shows as ⟦key⟧ on screen, which no snapshot of a screen not drawn would catch.
@Suite struct StringKeysTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// `s["key"]`, `strings["key"]`, `….format("key", …)` with a literal key; `….plural("key", …)`
    /// asks for `key.one` and `key.other`.
    static let lookup = try! NSRegularExpression(pattern: #"(?:\b(?:s|strings)\[|\.format\()"([a-zA-Z][a-zA-Z0-9_.]*)""#)
    static let pluralLookup = try! NSRegularExpression(pattern: #"\.plural\("([a-zA-Z][a-zA-Z0-9_.]*)""#)

    static func literalKeys() throws -> [String: String] {
        var keys: [String: String] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in lookup.matches(in: text, range: range) {
                guard let key = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) else { continue }
                keys[key] = url.lastPathComponent
            }
            for match in pluralLookup.matches(in: text, range: range) {
                guard let key = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) else { continue }
                keys[key + ".one"] = url.lastPathComponent
                keys[key + ".other"] = url.lastPathComponent
            }
        }
        return keys
    }

    @Test func everyLiteralKeyIsInBothLanguages() throws {
        let keys = try Self.literalKeys()
        #expect(keys.count > 300, "the scan found too few keys to be reading the sources: \(keys.count)")
        for language in Language.allCases {
            let strings = language == .fr ? TestResources.french : TestResources.english
            for (key, file) in keys.sorted(by: { $0.key < $1.key }) where !strings.keys.contains(key) {
                Issue.record("\(language): « \(key) » asked for in \(file) is not in the strings")
            }
        }
    }
}
