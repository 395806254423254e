import Foundation

/// A file format the directory is exchanged in.
public enum ExchangeFormat: String, CaseIterable, Sendable {
    case csv, json

    /// From the file name's extension: `.json` is JSON, anything else CSV.
    public static func guess(fileName: String) -> ExchangeFormat {
        fileName.lowercased().hasSuffix(".json") ? .json : .csv
    }

    public func encode(_ entries: [DirectoryEntry]) -> String {
        switch self {
        case .csv: return DirectoryFormat.csv(entries)
        case .json: return DirectoryJSON.encode(entries)
        }
    }
}

/// The directory exchange format (CSV with a header row; JSON in DirectoryJSON): column names, and conversion of an
/// entry to and from a row. Documented in docs/directory-format.md.
public enum DirectoryFormat {
    public static let columns = [
        "source", "source_id", "kind", "name", "organisation", "address", "postcode", "city",
        "departement", "region", "phones", "email", "website", "teleconsultation", "languages",
        "specialities", "capacity", "opening_hours", "active", "last_verified",
    ]
    /// Columns every file must have; the others may be left out.
    public static let requiredColumns: Set<String> = ["source_id", "kind", "name", "departement"]

    /// Separator of multi-valued fields (phones, languages, specialities).
    public static let listSeparator: Character = ";"

    public static func row(_ e: DirectoryEntry) -> [String] {
        [
            e.source, e.sourceID, e.kind.rawValue, e.name, e.organisation, e.address, e.postcode,
            e.city, e.departement ?? "", e.region ?? "", e.phones.joined(separator: ";"), e.email,
            e.website, e.teleconsultation ? "yes" : "no", e.languages.joined(separator: ";"),
            e.specialities.joined(separator: ";"), e.capacity.map(String.init) ?? "",
            e.openingHours, e.active ? "yes" : "no", e.lastVerified ?? "",
        ]
    }

    public static func csv(_ entries: [DirectoryEntry]) -> String {
        var out = CSV.format(columns) + "\n"
        // Neutralized for spreadsheets; the importer reads the fields back as they were.
        for e in entries { out += CSV.formatForSpreadsheet(row(e)) + "\n" }
        return out
    }
}
