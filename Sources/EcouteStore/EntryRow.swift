import EcouteCore
import GRDB

/// Mapping between `directory_entries` rows and `DirectoryEntry`.
enum EntryRow {
    static func entry(_ row: Row) -> DirectoryEntry {
        func list(_ column: String) -> [String] {
            (row[column] as String? ?? "").split(separator: ";").map(String.init)
        }
        return DirectoryEntry(
            id: row["id"], source: row["source"], sourceID: row["source_id"],
            kind: ReferralKind(rawValue: row["kind"]) ?? .administrative, name: row["name"],
            organisation: row["organisation"], address: row["address"], postcode: row["postcode"],
            city: row["city"], departement: row["departement"], region: row["region"],
            phones: list("phones"), email: row["email"], website: row["website"],
            teleconsultation: row["teleconsultation"], languages: list("languages"),
            specialities: list("specialities"), capacity: row["capacity"],
            openingHours: row["opening_hours"], active: row["active"], lastVerified: row["last_verified"])
    }

    static func arguments(_ e: DirectoryEntry) -> StatementArguments {
        [
            e.source, e.sourceID, e.kind.rawValue, e.name, e.organisation, e.address, e.postcode, e.city,
            e.departement, e.region, e.phones.joined(separator: ";"), e.email, e.website, e.teleconsultation,
            e.languages.joined(separator: ";"), e.specialities.joined(separator: ";"), e.capacity,
            e.openingHours, e.active, e.lastVerified,
        ]
    }

    static let insertSQL = """
        INSERT INTO directory_entries (source, source_id, kind, name, organisation, address, postcode, city,
            departement, region, phones, email, website, teleconsultation, languages, specialities, capacity,
            opening_hours, active, last_verified)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(source, source_id) DO UPDATE SET
            kind = excluded.kind, name = excluded.name, organisation = excluded.organisation,
            address = excluded.address, postcode = excluded.postcode, city = excluded.city,
            departement = excluded.departement, region = excluded.region, phones = excluded.phones,
            email = excluded.email, website = excluded.website, teleconsultation = excluded.teleconsultation,
            languages = excluded.languages, specialities = excluded.specialities, capacity = excluded.capacity,
            opening_hours = excluded.opening_hours, active = excluded.active, last_verified = excluded.last_verified
        """
}
