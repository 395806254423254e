import Foundation

/// A directory search read as a psychologist types it: kind words (« psychiatre », « médecin
/// généraliste », « addicto »), a place (a département's code or name, a prefecture, a postcode)
/// and « téléconsultation », in any order, mixed with words of a name. The kind and the place
/// are taken out; the other words are searched as before.
public struct TypedSearch: Equatable, Sendable {
    public var kind: ReferralKind?
    /// The département named, by its code, name, a prefecture or a postcode.
    public var departement: String?
    /// The commune named, when it is a prefecture (« Lyon », « Ajaccio »).
    public var commune: String?
    public var teleconsultation = false
    /// The words that are neither kind, place nor « téléconsultation », as typed.
    public var words: [String] = []
    /// The words that named the place, as typed (« lyon » may also be a name).
    public var placeWords: [String] = []

    public init(kind: ReferralKind? = nil, departement: String? = nil, commune: String? = nil,
                teleconsultation: Bool = false, words: [String] = [], placeWords: [String] = []) {
        self.kind = kind
        self.departement = departement
        self.commune = commune
        self.teleconsultation = teleconsultation
        self.words = words
        self.placeWords = placeWords
    }

    /// The words of a search, as the full-text search cuts them.
    public static func words(_ text: String) -> [String] {
        // ASCII (nearly every search, and the place names once folded): its letters and digits
        // are [A-Za-z0-9], read from the bytes rather than Unicode's property tables.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.split(whereSeparator: { byte in
                !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39))
            }).map { String(decoding: $0, as: UTF8.self) }
        }
        return text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Kind words, folded, singular; the longest phrase found wins (« médecin généraliste »).
    static let kindPhrases: [String: ReferralKind] = [
        // « médecin » alone is not a kind: psychiatrists are doctors too, and associations for
        // doctors are found by that word.
        "medecin generaliste": .gp, "generaliste": .gp, "medecin traitant": .gp, "mg": .gp, "gp": .gp,
        "general practitioner": .gp,
        "psychiatre": .psychiatrist, "psychiatrie": .psychiatrist, "pedopsychiatre": .psychiatrist, "pedopsychiatrie": .psychiatrist,
        "psychiatrist": .psychiatrist,
        "psychologue": .psychologist, "psychologist": .psychologist,
        "addicto": .addiction, "addictologie": .addiction, "addictologue": .addiction, "csapa": .addiction,
        "unite dediee": .unit, "unite": .unit,
        "juridique": .legal, "juriste": .legal, "avocat": .legal,
        "administratif": .administrative, "administrative": .administrative,
        "remplacant": .replacement, "remplacante": .replacement, "remplacement": .replacement,
        "urgence": .emergency, "samu": .emergency,
        "association": .association, "entraide": .association,
    ]

    static let teleconsultationWords: Set<String> = ["teleconsultation", "tele", "visio", "visioconsultation"]

    /// Reads `text`; a kind, a place or « téléconsultation » found once each, the rest kept.
    public static func read(_ text: String, geography: Geography) -> TypedSearch {
        let typed = words(text)
        let folded = typed.map { TextFolding.fold($0) }
        let places = Places.cache.places(of: geography)
        var result = TypedSearch()
        var i = 0
        while i < typed.count {
            // The longest phrase starting here that names a kind or a place.
            var taken = 0
            for length in stride(from: min(4, typed.count - i), through: 1, by: -1) {
                var phrase = folded[i]
                for next in folded[(i + 1)..<(i + length)] { phrase += " " + next }
                if result.kind == nil, let kind = kindPhrases[phrase] ?? kindPhrases[singular(phrase)] {
                    result.kind = kind
                    taken = length
                    break
                }
                if result.departement == nil, let place = places.named[phrase] {
                    result.departement = place.departement
                    result.commune = place.commune
                    result.placeWords = Array(typed[i..<(i + length)])
                    taken = length
                    break
                }
            }
            if taken == 0 {
                let word = folded[i]
                if !result.teleconsultation, teleconsultationWords.contains(word) {
                    result.teleconsultation = true
                    taken = 1
                } else if result.departement == nil, let code = departement(code: word, geography: geography) {
                    result.departement = code
                    result.placeWords = [typed[i]]
                    taken = 1
                } else {
                    result.words.append(typed[i])
                    taken = 1
                }
            }
            i += taken
        }
        return result
    }

    /// « psychiatres » → « psychiatre », word by word.
    static func singular(_ phrase: String) -> String {
        phrase.split(separator: " ").map { $0.count > 3 && $0.hasSuffix("s") ? String($0.dropLast()) : String($0) }
            .joined(separator: " ")
    }

    /// A département's code (« 69 », « 2a », « 974 », « 1 » for 01) or a postcode (« 69003 »).
    static func departement(code word: String, geography: Geography) -> String? {
        if word.count == 5, word.allSatisfy(\.isNumber) {
            return RPPSExtract.departement(code: "", postcode: word, geography: geography)
        }
        guard word.count <= 3, word.first?.isNumber == true else { return nil }
        return geography.departement(word)?.code
    }

    /// Place names, folded: départements' names and prefectures (a prefecture is also a commune).
    struct Places: Sendable {
        var named: [String: (departement: String, commune: String?)] = [:]

        /// Every key typed in the directory screen reads a search: the names are folded once per
        /// geography, not at each key.
        static let cache = Cache()

        final class Cache: @unchecked Sendable {
            private let lock = NSLock()
            private var last: (departements: [Departement], places: Places)?

            func places(of geography: Geography) -> Places {
                lock.lock()
                defer { lock.unlock() }
                if let last, last.departements == geography.departements { return last.places }
                let places = Places.of(geography)
                last = (geography.departements, places)
                return places
            }
        }

        static func of(_ geography: Geography) -> Places {
            var places = Places()
            places.named.reserveCapacity(2 * geography.departements.count)
            func key(_ name: String) -> String { quickKey(name) ?? foldedKey(name) }
            for d in geography.departements { places.named[key(d.name)] = (d.code, nil) }
            // A prefecture named like its département (Paris) is the commune.
            for d in geography.departements where !d.prefecture.isEmpty { places.named[key(d.prefecture)] = (d.code, d.prefecture) }
            return places
        }

        /// A name as it is looked up: folded, its words joined by one space.
        static func foldedKey(_ name: String) -> String { words(TextFolding.fold(name)).joined(separator: " ") }

        /// `foldedKey` read straight from the bytes for names written in ASCII and the letters of
        /// Latin-1 (every département and prefecture); nil for any other character, which the
        /// caller folds the long way. Folding the 202 names by Character was a tenth of a cold
        /// `directory search` (docs/benchmarks.md).
        static func quickKey(_ name: String) -> String? {
            var key: [UInt8] = []
            key.reserveCapacity(name.utf8.count + 2)
            var betweenWords = false
            func append(_ folded: some Sequence<UInt8>) {
                if betweenWords, !key.isEmpty { key.append(0x20) }
                betweenWords = false
                key.append(contentsOf: folded)
            }
            var bytes = name.utf8.makeIterator()
            while let byte = bytes.next() {
                switch byte {
                case 0x30...0x39, 0x61...0x7A: append(CollectionOfOne(byte))
                case 0x41...0x5A: append(CollectionOfOne(byte + 0x20))
                case ..<0x80: betweenWords = true
                case 0xC3:
                    guard let next = bytes.next(), (0x80...0xBF).contains(next), let folded = latin1Letters[Int(next - 0x80)] else { return nil }
                    append(folded.utf8)
                default: return nil
                }
            }
            return String(decoding: key, as: UTF8.self)
        }

        /// U+00C0…U+00FF folded as `TextFolding` folds them; nil for the signs and letters it
        /// leaves to Foundation (× ÷ ð þ and their capitals).
        static let latin1Letters: [String?] = {
            let capitals: [String?] = ["a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                                       nil, "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", nil, "ss"]
            let small: [String?] = ["a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
                                    nil, "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", nil, "y"]
            return capitals + small
        }()
    }
}
