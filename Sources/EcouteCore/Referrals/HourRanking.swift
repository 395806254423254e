import Foundation

/// What answers a caller at this hour: when the nearest entries of a kind are closed now (their
/// hours read, none of them now) and none of them is open, the entries open now (24h/24 ones
/// among them) and those reachable by teleconsultation move to the front, ahead of the nearest
/// closed doors. Otherwise the directory's order (nearest, then least recently given) stands.
/// Entries whose hours are unknown never start the reordering: « horaires inconnus » is not
/// « fermé » (an extract without hours, the RPPS one, keeps the directory's order at any hour).
public enum HourRanking {
    /// Whether an entry is known open, known closed, or not known, at a moment.
    public enum Openness: Equatable, Sendable {
        case open
        case closed
        case unknown

        public static func of(_ entry: DirectoryEntry, at date: Date) -> Openness {
            guard let hours = OpeningHours.read(entry.openingHours),
                  let status = hours.status(at: date, in: OpeningHours.timeZone(departement: entry.departement)) else {
                return .unknown
            }
            switch status {
            case .open, .alwaysOpen: return .open
            case .opensToday, .opensOn: return .closed
            }
        }
    }

    /// The first `count` of `pool` (in the directory's order) for the hour `date`, and whether
    /// the hour changed which entries come first. The hour matters when none of the entries the
    /// directory's order would give is open now and one of them is known closed.
    public static func choose(_ pool: [RankedEntry], count: Int, at date: Date) -> (chosen: [RankedEntry], reordered: Bool) {
        let openness = pool.map { Openness.of($0.entry, at: date) }
        let first = openness.prefix(count)
        guard !first.contains(.open), first.contains(.closed) else { return (Array(pool.prefix(count)), false) }
        // Open now first, then teleconsultation whose hours are unknown, then the rest as they
        // came; each entry ranked once (an entry is large: reading it in the comparison copied
        // it at every step of the sort).
        var ranks: [Int] = []
        ranks.reserveCapacity(pool.count)
        for (index, ranked) in pool.enumerated() {
            ranks.append(openness[index] == .open ? 0 : (isRemote(ranked) && openness[index] == .unknown ? 1 : 2))
        }
        let order = pool.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
        let chosen = order.prefix(count).map { pool[$0] }
        return (chosen, chosen.map(\.entry.id) != pool.prefix(count).map(\.entry.id))
    }

    /// Reachable without travelling: a teleconsultation entry, or one found through the
    /// teleconsultation tier.
    static func isRemote(_ ranked: RankedEntry) -> Bool {
        ranked.entry.teleconsultation || ranked.tier == .teleconsultation
    }

    /// How many more entries than needed are read to choose among at an hour.
    public static let extraCandidates = 8
}
