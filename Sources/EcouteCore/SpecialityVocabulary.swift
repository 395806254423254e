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

    /// The codes one typed word (a prefix) stands for: "épuis" → ["burnout"].
    public static func codes(matching word: String) -> [String] {
        let needle = TextFolding.fold(word)
        guard needle.count >= 3 else { return [] }
        return synonyms.keys.sorted().filter { code in
            synonyms[code]!.contains { synonym in
                TextFolding.fold(synonym).split(whereSeparator: { !$0.isLetter }).contains { $0.hasPrefix(needle) }
            }
        }
    }
}
