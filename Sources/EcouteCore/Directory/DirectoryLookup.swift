/// What the directory screen lists for a query. A kind in a département with no words is listed
/// nearest first, as proposals are (the département, its neighbours, the region,
/// teleconsultation, then national entries), so « Unité dédiée » in the 69 finds the region's
/// unit in the 01 instead of nothing; anything else is the search as typed.
public enum DirectoryLookup {
    public static func entries(
        for query: DirectoryQuery, limit: Int, in directory: any ReferralDirectory & DirectorySearching
    ) throws -> [DirectoryEntry] {
        guard isNearestFirst(query), let kind = query.kind else { return try directory.search(query, limit: limit) }
        return try directory.candidates(kind: kind, near: query.departement, preferring: nil, excluding: [], limit: limit)
            .map(\.entry)
    }

    /// Whether the query is answered nearest first rather than by name.
    public static func isNearestFirst(_ query: DirectoryQuery) -> Bool {
        query.kind != nil && query.departement != nil && !query.teleconsultationOnly
            && query.text.allSatisfy(\.isWhitespace)
    }
}
