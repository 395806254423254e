/// One entry of the referral directory (modelled on Open Referral HSDS — organisation, service,
/// location, contact — flattened to what the line needs).
public struct DirectoryEntry: Equatable, Sendable {
    public var id: Int64?
    /// Where the entry comes from ("sample", "ars-ara-2026", …); with `sourceID`, the key that
    /// makes a re-import update the entry instead of duplicating it.
    public var source: String
    public var sourceID: String
    public var kind: ReferralKind
    public var name: String
    public var organisation: String
    public var address: String
    public var postcode: String
    public var city: String
    /// Département code; nil only for national services.
    public var departement: String?
    public var region: String?
    public var phones: [String]
    public var email: String
    public var website: String
    public var teleconsultation: Bool
    public var languages: [String]
    public var specialities: [String]
    /// Beds, for dedicated units.
    public var capacity: Int?
    public var openingHours: String
    public var active: Bool
    /// ISO date (YYYY-MM-DD) the entry was last checked.
    public var lastVerified: String?

    public init(
        id: Int64? = nil, source: String, sourceID: String, kind: ReferralKind, name: String,
        organisation: String = "", address: String = "", postcode: String = "", city: String = "",
        departement: String?, region: String?, phones: [String] = [], email: String = "",
        website: String = "", teleconsultation: Bool = false, languages: [String] = ["fr"],
        specialities: [String] = [], capacity: Int? = nil, openingHours: String = "",
        active: Bool = true, lastVerified: String? = nil
    ) {
        self.id = id
        self.source = source
        self.sourceID = sourceID
        self.kind = kind
        self.name = name
        self.organisation = organisation
        self.address = address
        self.postcode = postcode
        self.city = city
        self.departement = departement
        self.region = region
        self.phones = phones
        self.email = email
        self.website = website
        self.teleconsultation = teleconsultation
        self.languages = languages
        self.specialities = specialities
        self.capacity = capacity
        self.openingHours = openingHours
        self.active = active
        self.lastVerified = lastVerified
    }

    /// The source of fictitious entries: the sample directory shipped in
    /// `Resources/directory/sample-directory.csv` and whatever `ecoute directory generate` makes.
    /// The directory file marks them (`directory_entries.sample`) from it.
    public static let sampleSource = "sample"

    /// Whether the entry is fictitious sample data (shown « fictif », never proposed for a kind a
    /// real source covers).
    public var isSample: Bool { source == Self.sampleSource }

    /// How the entry is shown in a referral: first phone, city and département (no words, so it
    /// reads the same in every UI language); with neither, the address as written (« coordonnées
    /// à vérifier » for an association whose details are not confirmed).
    public var contactLine: String {
        var parts: [String] = []
        if let phone = phones.first { parts.append(phone) }
        if !city.isEmpty { parts.append(departement.map { "\(city) (\($0))" } ?? city) }
        if parts.isEmpty, !address.isEmpty { parts.append(address) }
        return parts.joined(separator: " · ")
    }
}
