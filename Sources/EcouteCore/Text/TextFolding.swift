import Foundation

/// Folds text for matching French input: case and accents ignored, « œ » spelled out.
public enum TextFolding {
    /// The accented letters of French (and its neighbours), folded without Foundation, which is
    /// slow enough on Linux to show in search-as-you-type.
    static let table: [Character: String] = {
        var table: [Character: String] = ["œ": "oe", "æ": "ae", "ß": "ss"]
        let groups = ["a": "àáâãäå", "c": "ç", "e": "èéêë", "i": "ìíîï", "n": "ñ", "o": "òóôõöø", "u": "ùúûü", "y": "ýÿ"]
        for (plain, accented) in groups { for c in accented { table[c] = plain } }
        return table
    }()

    public static func fold(_ text: String) -> String {
        // ASCII only (most names, every label of the register): lowercasing is the whole fold.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if character.isASCII {
                out.append(character)
            } else if let plain = table[character] {
                out += plain
            } else {
                out += String(character).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            }
        }
        return out
    }
}
