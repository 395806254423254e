import Foundation

/// France's register of health professionals as open data — the Annuaire Santé extract
/// « PS_LibreAcces_Personne_activite »: one line per professional × place of practice, fields
/// separated by `|` with no quoting, an optional trailing `|`, CRLF or LF. This reads it into
/// directory entries: GPs, psychiatrists and psychologists, one entry per professional × place ×
/// kind (a doctor who is both GP and psychiatrist at one place is proposed as each).
public enum RPPSExtract {
    /// The source name of entries from the register: a re-import replaces it as a whole.
    public static let source = "rpps"

    /// The longest a field read may be, in bytes: a name, a street or an e-mail address is far
    /// shorter; a longer field is a broken file, refused with its line and column.
    public static let longestField = 300

    /// The columns read, by their header name (accents, case and spacing ignored).
    public enum Column: String, CaseIterable, Sendable {
        case ppID = "Identifiant PP"
        case civility = "Libellé civilité d'exercice"
        case lastName = "Nom d'exercice"
        case firstName = "Prénom d'exercice"
        case profession = "Libellé profession"
        case skill = "Libellé savoir-faire"
        case structureID = "Identifiant technique de la structure"
        case siteName = "Raison sociale site"
        case streetNumber = "Numéro Voie (coord. structure)"
        case streetRepeat = "Indice répétition voie (coord. structure)"
        case streetType = "Libellé type de voie (coord. structure)"
        case streetName = "Libellé Voie (coord. structure)"
        case postcode = "Code postal (coord. structure)"
        case town = "Libellé commune (coord. structure)"
        case phone = "Téléphone (coord. structure)"
        case email = "Adresse e-mail (coord. structure)"
        case departement = "Code Département (structure)"

        /// The column's place among `allCases`: an importer keeps the columns' positions in an
        /// array (a dictionary keyed by the column would hash its accented name on every line).
        public var ordinal: Int {
            switch self {
            case .ppID: 0
            case .civility: 1
            case .lastName: 2
            case .firstName: 3
            case .profession: 4
            case .skill: 5
            case .structureID: 6
            case .siteName: 7
            case .streetNumber: 8
            case .streetRepeat: 9
            case .streetType: 10
            case .streetName: 11
            case .postcode: 12
            case .town: 13
            case .phone: 14
            case .email: 15
            case .departement: 16
            }
        }
    }

    /// Why a line gives no entry.
    public enum Skip: Error, Hashable, Sendable {
        /// A profession (or speciality) the line does not refer to: counted by label.
        case profession(String)
        case noContact
        case noDepartement
        /// The same professional at the same place for the same kind, already read.
        case duplicate
    }

    public struct HeaderError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Where each column read is, found by name in the header line.
    public struct Header: Sendable {
        public let index: [Column: Int]
        public let count: Int

        public init(_ line: String) throws {
            let names = split(line).map(fold)
            var index: [Column: Int] = [:]
            for column in Column.allCases {
                guard let i = names.firstIndex(of: fold(column.rawValue)) else {
                    throw HeaderError(description: "line 1: required column « \(column.rawValue) » missing")
                }
                index[column] = i
            }
            self.index = index
            count = names.count
        }
    }

    /// Whether a header line is an RPPS extract's.
    public static func looksLikeExtract(_ firstLine: String) -> Bool {
        firstLine.contains("|") && fold(firstLine).contains(fold("Identifiant PP"))
    }

    /// The fields of a line: `|`-separated, a trailing `|` and a CR dropped.
    public static func split(_ line: Substring) -> [Substring] {
        var line = line
        if line.last == "\r" { line = line.dropLast() }
        var fields = line.split(separator: "|", omittingEmptySubsequences: false)
        if fields.last?.isEmpty == true, line.hasSuffix("|") { fields.removeLast() }
        return fields
    }

    public static func split(_ line: String) -> [Substring] { split(Substring(line)) }

    static func fold(_ text: Substring) -> String { fold(String(text)) }
    static func fold(_ text: String) -> String {
        TextFolding.fold(text).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The kind a line refers to, from its profession and speciality labels.
    public static func kind(profession: String, skill: String) -> ReferralKind? {
        let p = fold(profession), k = fold(skill)
        if p == "psychologue" { return .psychologist }
        guard p == "medecin" else { return nil }
        if k == "medecine generale" { return .gp }
        if k == "psychiatrie" || k == "psychiatrie de l'enfant et de l'adolescent" { return .psychiatrist }
        return nil
    }

    /// The département of a place: the structure's code, else the postcode (Corsica 200xx–201xx
    /// is 2A, 202xx–206xx 2B; 971–976 overseas).
    public static func departement(code: String, postcode: String, geography: Geography) -> String? {
        if !code.isEmpty, let d = geography.departement(code) { return d.code }
        let digits = asciiDigits(postcode)
        guard digits.count == 5 else { return nil }
        if digits.starts(with: [0x32, 0x30]) { return digits[2] < 0x32 ? "2A" : "2B" }   // 20 0xx–20 1xx: 2A
        let prefix = String(decoding: digits.prefix(digits.starts(with: [0x39, 0x37]) ? 3 : 2), as: UTF8.self)
        return geography.departement(prefix)?.code
    }

    /// The digits 0–9 of a text, as bytes (other numerals, e.g. full-width, are not a postcode's).
    static func asciiDigits(_ text: String) -> [UInt8] {
        text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A French phone number grouped by pairs (« 04 72 00 00 00 »); as written when it is not one.
    public static func phone(_ raw: String) -> String? {
        var digits = asciiDigits(raw)
        guard !digits.isEmpty else { return nil }
        if digits.starts(with: [0x33, 0x33]), digits.count == 11 { digits = [0x30] + digits.dropFirst(2) }
        guard digits.count == 10 else { return raw.trimmingCharacters(in: .whitespaces) }
        var grouped: [UInt8] = []
        grouped.reserveCapacity(14)
        for (i, digit) in digits.enumerated() {
            if i > 0, i % 2 == 0 { grouped.append(0x20) }
            grouped.append(digit)
        }
        return String(decoding: grouped, as: UTF8.self)
    }

    /// An entry's id within the register: professional, place and kind (« 10001-S1-gp »), so
    /// each kind a professional practises at a place is an entry of its own.
    public static func sourceID(pp: String, structure: String, kind: ReferralKind) -> String {
        "\(pp)-\(structure)-\(kind.rawValue)"
    }

    /// One line as a directory entry, or why not.
    public static func entry(_ fields: [Substring], _ header: Header, geography: Geography) -> Result<DirectoryEntry, Skip> {
        entry({ c in
            let i = header.index[c]!
            return i < fields.count ? fields[i].trimmingCharacters(in: .whitespaces) : ""
        }, geography: geography, kind: kind(profession:skill:))
    }

    /// One line as a directory entry, or why not, its fields read by `value` (trimmed) and its
    /// kind by `kind` (memoised by an importer: labels repeat on every line).
    public static func entry(_ value: (Column) -> String, geography: Geography,
                             kind: (_ profession: String, _ skill: String) -> ReferralKind?) -> Result<DirectoryEntry, Skip> {
        let profession = value(.profession), skill = value(.skill)
        guard let kind = kind(profession, skill) else { return .failure(.profession(label(profession: profession, skill: skill))) }
        return entry(of: kind, forChildren: forChildren(kind, skill: skill), value, geography: geography)
    }

    /// How the import's summary names a profession it skips.
    public static func label(profession: String, skill: String) -> String {
        let label = skill.isEmpty ? profession : "\(profession) — \(skill)"
        return label.isEmpty ? "?" : label
    }

    /// Whether an entry of `kind` with this speciality label sees children (child psychiatry).
    public static func forChildren(_ kind: ReferralKind, skill: String) -> Bool {
        kind == .psychiatrist && fold(skill).contains("enfant")
    }

    /// One line of a kind already known (an importer classifies each pair of labels once) as a
    /// directory entry, or why not.
    public static func entry(of kind: ReferralKind, forChildren: Bool, _ value: (Column) -> String,
                             geography: Geography) -> Result<DirectoryEntry, Skip> {
        let street = [value(.streetNumber), value(.streetRepeat), value(.streetType), value(.streetName)]
            .filter { !$0.isEmpty }.joined(separator: " ")
        let phone = phone(value(.phone))
        guard !street.isEmpty || phone != nil else { return .failure(.noContact) }
        let postcode = value(.postcode)
        guard let dep = departement(code: value(.departement), postcode: postcode, geography: geography) else {
            return .failure(.noDepartement)
        }
        let name = title(civility: value(.civility)) + [value(.firstName), value(.lastName)].filter { !$0.isEmpty }.joined(separator: " ")
        return .success(DirectoryEntry(
            source: source, sourceID: sourceID(pp: value(.ppID), structure: value(.structureID), kind: kind), kind: kind, name: name,
            organisation: value(.siteName), address: street, postcode: postcode, city: value(.town),
            departement: dep, region: geography.departement(dep)?.regionCode, phones: phone.map { [$0] } ?? [],
            email: value(.email), specialities: forChildren ? ["enfants"] : []))
    }

    /// The title put before a name: « Dr », « Pr », or none.
    static func title(civility: String) -> String {
        switch civility {
        case "": return ""
        case "Docteur", "DOCTEUR": return "Dr "
        case "Professeur", "PROFESSEUR": return "Pr "
        case "Madame", "Monsieur", "MADAME", "MONSIEUR": return ""
        default:
            switch fold(civility) {
            case "docteur": return "Dr "
            case "professeur": return "Pr "
            default: return ""
            }
        }
    }
}

/// What an import of the register did.
public struct RPPSImportReport: Equatable, Sendable {
    public var encoding: String
    public var lines: Int
    /// Entries written, by kind.
    public var kept: [ReferralKind: Int]
    /// Lines skipped: other professions by label, lines without contact or département, repeats.
    public var skippedProfessions: [String: Int]
    public var skippedNoContact: Int
    public var skippedNoDepartement: Int
    public var duplicates: Int
    /// Entries of the register absent from this extract, made inactive.
    public var retired: Int
    /// Files left by an import that was killed, removed before this one (their paths).
    public var removedLeftovers: [String]

    public init(encoding: String, lines: Int, kept: [ReferralKind: Int], skippedProfessions: [String: Int], skippedNoContact: Int,
                skippedNoDepartement: Int, duplicates: Int, retired: Int, removedLeftovers: [String] = []) {
        self.encoding = encoding
        self.lines = lines
        self.kept = kept
        self.skippedProfessions = skippedProfessions
        self.skippedNoContact = skippedNoContact
        self.skippedNoDepartement = skippedNoDepartement
        self.duplicates = duplicates
        self.retired = retired
        self.removedLeftovers = removedLeftovers
    }
}

