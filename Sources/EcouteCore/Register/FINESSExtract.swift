import Foundation

/// France's national register of health and social establishments as open data — the FINESS
/// extract published on data.gouv.fr (« FINESS Extraction du Fichier des établissements »,
/// `etalab_cs1100507_stock_….csv`, and its geolocated variant): fields separated by `;` without
/// quoting, a first line naming the stream (`finess;etalab;113;2026-05-12`), then one
/// `structureet` line of 32 fields per establishment (its geographic FINESS number, names,
/// address, category…), and in the geolocated variant `geolocalisation` lines after them. The
/// columns have no names in the file: their places are the published layout's. This reads the
/// establishments a caller can be referred to: addiction centres (CSAPA) and psychiatric
/// establishments, one entry per establishment (`docs/directory-format.md`).
public enum FINESSExtract {
    /// The source name of entries from FINESS: a re-import replaces it as a whole, never touching
    /// the RPPS's entries (source `rpps`) or curated ones.
    public static let source = "finess"

    /// The first field of an establishment's line.
    public static let establishmentSection = "structureet"

    /// Fields of a `structureet` line, the section name included.
    public static let fieldCount = 32

    /// The longest a field read may be, in bytes (the layout's longest, the long name, is 60).
    public static let longestField = 300

    /// The fields read, by their place in a `structureet` line (0: the section) and the name the
    /// published layout gives them.
    public enum Field: Int, CaseIterable, Sendable {
        case finessET = 1
        case shortName = 3
        case longName = 4
        case nameComplement = 5
        case streetNumber = 7
        case streetType = 8
        case streetName = 9
        case streetRepeat = 10
        case locality = 11
        case departement = 13
        case deliveryLine = 15
        case phone = 16
        case category = 18
        case categoryLabel = 19

        /// The layout's tag for the field.
        public var tag: String {
            switch self {
            case .finessET: return "nofinesset"
            case .shortName: return "rs"
            case .longName: return "rslongue"
            case .nameComplement: return "complrs"
            case .streetNumber: return "numvoie"
            case .streetType: return "typvoie"
            case .streetName: return "voie"
            case .streetRepeat: return "compvoie"
            case .locality: return "lieuditbp"
            case .departement: return "departement"
            case .deliveryLine: return "ligneacheminement"
            case .phone: return "telephone"
            case .category: return "categetab"
            case .categoryLabel: return "libcategetab"
            }
        }
    }

    /// The establishment categories (« catégorie d'établissement », nomenclature TRE_R66 of the
    /// Agence du Numérique en Santé) read, and the kind each becomes.
    public static let categories: [String: ReferralKind] = [
        "197": .addiction,  // Centre soins accompagnement prévention addictologie (C.S.A.P.A.)
        "292": .unit,       // Centre Hospitalier Spécialisé lutte Maladies Mentales
        "161": .unit,       // Maison de Santé pour Maladies Mentales
    ]

    /// The overseas départements as FINESS codes them (its `departement` field is two characters).
    static let overseas = ["9A": "971", "9B": "972", "9C": "973", "9D": "974", "9E": "975", "9F": "976"]

    /// Whether a first line is a FINESS extract's (`finess;…`).
    public static func looksLikeExtract(_ firstLine: String) -> Bool {
        firstLine.lowercased().hasPrefix("finess;")
    }

    /// Why a line gives no entry.
    public enum Skip: Error, Hashable, Sendable {
        /// A category not read, counted by its label.
        case category(String)
        case noContact
        case noDepartement
    }

    /// Street types as FINESS abbreviates them, written out; others are kept as written.
    static let streetTypes: [String: String] = [
        "R": "rue", "RUE": "rue", "AV": "avenue", "BD": "boulevard", "PL": "place", "CHE": "chemin", "CHEM": "chemin",
        "RTE": "route", "IMP": "impasse", "ALL": "allée", "QUAI": "quai", "QU": "quai", "CRS": "cours", "SQ": "square",
        "PASS": "passage", "FG": "faubourg", "LD": "lieu-dit", "CHS": "chaussée", "PRO": "promenade", "RPT": "rond-point",
        "SEN": "sentier", "VLA": "villa", "CITE": "cité", "RES": "résidence", "HAM": "hameau", "MTE": "montée",
    ]

    /// The postcode and town of the delivery line (« 69003 LYON », « 13385 MARSEILLE CEDEX 5 »).
    public static func postcodeAndTown(_ line: String) -> (postcode: String, town: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 5 else { return ("", trimmed) }
        var town = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
        if let cedex = town.range(of: " CEDEX", options: [.caseInsensitive]) { town = String(town[..<cedex.lowerBound]) }
        return (String(digits), town)
    }

    /// The département of an establishment: its code (`01`…`95`, `2A`, `2B`; `9A`…`9F` overseas,
    /// whose postcode says which), else its postcode.
    public static func departement(code: String, postcode: String, geography: Geography) -> String? {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        if let overseasCode = overseas[code] {
            if postcode.hasPrefix("97"), let d = geography.departement(String(postcode.prefix(3))) { return d.code }
            return geography.departement(overseasCode)?.code
        }
        if !code.isEmpty, let d = geography.departement(code) { return d.code }
        return RPPSExtract.departement(code: "", postcode: postcode, geography: geography)
    }

    /// The establishment's id within FINESS: its geographic number (« 690012345 »).
    public static func sourceID(_ finessET: String) -> String { finessET }

    /// One `structureet` line as a directory entry, or why not; its fields read by `value`
    /// (trimmed).
    public static func entry(_ value: (Field) -> String, geography: Geography) -> Result<DirectoryEntry, Skip> {
        let category = value(.category)
        guard let kind = categories[category] else {
            let label = value(.categoryLabel)
            return .failure(.category(label.isEmpty ? category.isEmpty ? "?" : category : "\(label) (\(category))"))
        }
        let type = value(.streetType)
        let street = [value(.streetNumber), value(.streetRepeat), streetTypes[type.uppercased()] ?? type, value(.streetName)]
            .filter { !$0.isEmpty }.joined(separator: " ")
        let locality = value(.locality)
        let address = [street, locality].filter { !$0.isEmpty }.joined(separator: ", ")
        let phone = RPPSExtract.phone(value(.phone))
        guard !address.isEmpty || phone != nil else { return .failure(.noContact) }
        let (postcode, town) = postcodeAndTown(value(.deliveryLine))
        guard let dep = departement(code: value(.departement), postcode: postcode, geography: geography) else {
            return .failure(.noDepartement)
        }
        let long = value(.longName)
        let name = long.isEmpty ? value(.shortName) : long
        let complement = value(.nameComplement)
        return .success(DirectoryEntry(
            source: source, sourceID: sourceID(value(.finessET)), kind: kind,
            name: complement.isEmpty ? name : "\(name) — \(complement)",
            organisation: value(.categoryLabel), address: address, postcode: postcode, city: town,
            departement: dep, region: geography.departement(dep)?.regionCode, phones: phone.map { [$0] } ?? [],
            specialities: kind == .addiction ? ["addiction"] : []))
    }
}

/// What an import of FINESS did.
public struct FINESSImportReport: Equatable, Sendable {
    public var encoding: String
    /// The stream's first line as written (`finess;etalab;113;2026-05-12`).
    public var stream: String
    /// Establishment lines read.
    public var lines: Int
    /// Entries written, by kind.
    public var kept: [ReferralKind: Int]
    /// Establishments of categories not read, by label.
    public var skippedCategories: [String: Int]
    public var skippedNoContact: Int
    public var skippedNoDepartement: Int
    /// Lines of other sections (`geolocalisation`…), not read.
    public var otherSections: Int
    /// An establishment's number seen again.
    public var duplicates: Int
    /// Entries of FINESS absent from this extract, made inactive.
    public var retired: Int
    /// Files left by an import that was killed, removed before this one (their paths).
    public var removedLeftovers: [String]

    public init(encoding: String, stream: String, lines: Int = 0, kept: [ReferralKind: Int] = [:], skippedCategories: [String: Int] = [:],
                skippedNoContact: Int = 0, skippedNoDepartement: Int = 0, otherSections: Int = 0, duplicates: Int = 0,
                retired: Int = 0, removedLeftovers: [String] = []) {
        self.encoding = encoding
        self.stream = stream
        self.lines = lines
        self.kept = kept
        self.skippedCategories = skippedCategories
        self.skippedNoContact = skippedNoContact
        self.skippedNoDepartement = skippedNoDepartement
        self.otherSections = otherSections
        self.duplicates = duplicates
        self.retired = retired
        self.removedLeftovers = removedLeftovers
    }
}
