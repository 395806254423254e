/// The specialities the directory uses as codes ("burnout", "sleep"…), with the words people type
/// for them, in French and English, so that « épuisement » finds the entries coded "burnout".
public enum SpecialityVocabulary {
    /// Code → words that mean it (folded when compared).
    public static let synonyms: [String: [String]] = [
        "anxiety": ["anxiété", "angoisse", "anxiety"],
        "depression": ["dépression", "depression"],
        "burnout": ["épuisement", "burn-out", "burnout", "surmenage"],
        "trauma": ["psychotraumatisme", "traumatisme", "trauma", "stress post-traumatique"],
        "sleep": ["sommeil", "insomnie", "sleep"],
        "addiction": ["addiction", "addictologie", "alcool", "dépendance"],
        "students": ["étudiants", "étudiantes", "students"],
        "harassment": ["harcèlement", "conflit", "harassment"],
        "suicide": ["suicide", "prévention"],
    ]

    /// Each code with the folded words of its synonyms, computed once (folding is slow).
    static let foldedWords: [(code: String, words: [Substring])] = synonyms.keys.sorted().map { code in
        (code, synonyms[code]!.flatMap { TextFolding.fold($0).split(whereSeparator: { !$0.isLetter }) })
    }

    /// The codes one typed word (a prefix) stands for: "épuis" → ["burnout"].
    public static func codes(matching word: String) -> [String] {
        guard word.count >= 3 else { return [] }
        let needle = TextFolding.fold(word)
        return foldedWords.filter { $0.words.contains { $0.hasPrefix(needle) } }.map(\.code)
    }
}
