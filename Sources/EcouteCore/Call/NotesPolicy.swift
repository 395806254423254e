/// Free-text notes are optional and short, and must not identify the caller. This spots the
/// common slips — a phone number, an e-mail address, a date (of birth), a person's name or a
/// title before a name, a street address or a postcode with its town, a social security number,
/// a professional register number (RPPS, ADELI) — to warn about them, and to ask once before a
/// call is saved with them. It warns; it never edits what the psychologist wrote.
public enum NotesPolicy {
    public static let maximumLength = 500

    public enum Concern: String, CaseIterable, Sendable {
        case phoneNumber, emailAddress, date, personName, address, socialSecurityNumber, professionalNumber
    }

    public static func concerns(in notes: String) -> [Concern] {
        var found: [Concern] = []
        let ssn = notes.contains(socialSecurity)
        let professional = notes.contains(register) || notes.contains(rppsNumber)
        // Eight or more digits in a run, allowing the usual separators, and not a number named
        // more precisely below: looks like a phone number.
        if longestDigitRun(notes) >= 8, !ssn, !professional || notes.contains(phone) { found.append(.phoneNumber) }
        if notes.contains("@") { found.append(.emailAddress) }
        if notes.contains(date) { found.append(.date) }
        if notes.contains(titleAndName) || containsFirstNameAndSurname(notes) { found.append(.personName) }
        if notes.contains(street) || notes.contains(postcodeAndTown) { found.append(.address) }
        if ssn { found.append(.socialSecurityNumber) }
        if professional { found.append(.professionalNumber) }
        return found
    }

    static func longestDigitRun(_ text: String) -> Int {
        var digits = 0, best = 0
        for ch in text {
            if ch.isNumber { digits += 1; best = max(best, digits) } else if !" .-+".contains(ch) { digits = 0 }
        }
        return best
    }

    /// dd/mm/yyyy or dd/mm/yy (also with - or .).
    nonisolated(unsafe) static let date = #/(^|[^0-9])([0-3]?[0-9])[/.-]([01]?[0-9])[/.-]([0-9]{4}|[0-9]{2})([^0-9]|$)/#
    /// A French phone number: 0X XX XX XX XX, +33 X…, 0033 X….
    nonisolated(unsafe) static let phone = #/(\+33|0033|\b0)\s?[1-9]([\s.-]?[0-9]{2}){4}/#
    /// A social security number: sex, year, month, département (2A/2B too), commune, order, key.
    nonisolated(unsafe) static let socialSecurity = #/\b[12]\s?[0-9]{2}\s?(0[1-9]|1[0-2]|[2-9][0-9])\s?([0-9]{2}|2[AaBb])\s?[0-9]{3}\s?[0-9]{3}(\s?[0-9]{2})?\b/#
    /// RPPS or ADELI named, or an 11-digit RPPS number (they start with 10).
    nonisolated(unsafe) static let register = #/(?i)\b(rpps|adeli)\b/#
    nonisolated(unsafe) static let rppsNumber = #/\b10[0-9]{9}\b/#
    /// A title followed by a capitalised name: « Mme Durand », « Dr Martin », « M. Petit ».
    nonisolated(unsafe) static let titleAndName = #/(^|[^\p{L}])(M\.|Mr|Mme|Mlle|Madame|Monsieur|Mademoiselle|Dr|Docteur|Pr|Professeur|Me|Maître)\s+\p{Lu}[\p{L}'-]+/#
    /// A number and a kind of street: « 12 rue de la Paix », « 3 bis avenue Foch ».
    nonisolated(unsafe) static let street = #/(?i)\b[0-9]{1,4}\s*(bis|ter)?,?\s+(rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|route|quai|cours|square|résidence)\b/#
    /// A postcode followed by a capitalised town: « 69003 Lyon ».
    nonisolated(unsafe) static let postcodeAndTown = #/\b[0-9]{5}\s+\p{Lu}[\p{L}'-]+/#

    /// A common French first name followed by a capitalised word.
    static func containsFirstNameAndSurname(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }).map(String.init)
        for (a, b) in zip(words, words.dropFirst()) where firstNames.contains(TextFolding.fold(a)) {
            if let first = b.first, first.isUppercase, b.count > 1 { return true }
        }
        return false
    }

    /// The most given first names in France (folded), enough to catch « Marie Durand ».
    static let firstNames: Set<String> = [
        "marie", "jean", "pierre", "michel", "andre", "philippe", "nathalie", "isabelle", "sylvie", "catherine", "francoise",
        "martine", "christine", "anne", "monique", "valerie", "sandrine", "stephanie", "nicolas", "christophe", "patrick",
        "frederic", "laurent", "julien", "david", "sebastien", "thomas", "alexandre", "olivier", "eric", "vincent", "francois",
        "antoine", "guillaume", "romain", "camille", "julie", "laura", "lea", "manon", "chloe", "emma", "sarah", "pauline",
        "marine", "aurelie", "celine", "caroline", "emilie", "elodie", "claire", "sophie", "helene", "juliette", "louise",
        "alice", "ines", "lucie", "mathilde", "charlotte", "clara", "jade", "lina", "lucas", "hugo", "louis", "gabriel",
        "arthur", "jules", "adam", "raphael", "paul", "maxime", "quentin", "kevin", "mohamed", "karim", "yasmine", "fatima",
        "nadia", "sabrina", "samia", "amina", "benoit", "cedric", "damien", "fabien", "jerome", "ludovic", "mickael",
        "sylvain", "thierry", "yann", "bernard", "daniel", "alain", "gerard", "jacques", "claude", "dominique", "denise",
    ]
}
