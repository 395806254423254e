import Foundation

/// A search of the directory screen: words (each a prefix, accents and case folded) and filters.
public struct DirectoryQuery: Equatable, Sendable {
    public var text: String
    public var kind: ReferralKind?
    public var departement: String?
    public var teleconsultationOnly: Bool

    public init(text: String = "", kind: ReferralKind? = nil, departement: String? = nil, teleconsultationOnly: Bool = false) {
        self.text = text
        self.kind = kind
        self.departement = departement
        self.teleconsultationOnly = teleconsultationOnly
    }
}

/// Searching the directory, as the console's directory screen needs it.
public protocol DirectorySearching: Sendable {
    /// Active entries matching the query, best match first (by name when there are no words).
    func search(_ query: DirectoryQuery, limit: Int) throws -> [DirectoryEntry]
}
