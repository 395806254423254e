import EcouteCore

/// What the directory screen was opened for.
public enum DirectoryPurpose: Equatable, Sendable {
    /// Looking something up (any screen).
    case browse
    /// At wrap-up: the entry picked replaces the referral at this index.
    case replace(index: Int)
    /// At wrap-up: the entry picked is added as a referral.
    case add
}

/// The directory screen: a search typed letter by letter, filters, results, and one entry's details.
public struct DirectoryBrowser: Equatable, Sendable {
    public var purpose: DirectoryPurpose
    public var query: DirectoryQuery
    /// The search being typed; its text is the query's.
    public var searchField: TextField
    public var results: [DirectoryEntry] = []
    /// The results answer the current query (false while a search is on its way).
    public var isCurrent = false
    public var selected = 0
    public var showingDetails = false

    /// At most this many results are listed; more means the search should be narrowed.
    public static let resultLimit = 100

    public init(purpose: DirectoryPurpose, query: DirectoryQuery) {
        self.purpose = purpose
        self.query = query
        searchField = TextField(query.text)
    }

    public var selectedEntry: DirectoryEntry? { results.indices.contains(selected) ? results[selected] : nil }

    /// Moves the selection by `delta`, staying within the results.
    mutating func move(_ delta: Int) {
        selected = ListCursor.move(selected, by: delta, count: results.count)
    }
}
