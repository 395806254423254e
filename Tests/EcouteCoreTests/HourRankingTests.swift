import Foundation
import Testing
@testable import EcouteCore

@Suite struct HourRankingTests {
    static let monday = OpeningHoursTests.at(day: 0, 15)       // Monday 15:00, Paris
    static let night = OpeningHoursTests.at(day: 1, 3)         // Tuesday 03:00, Paris

    static func entry(_ id: Int64, hours: String = "", teleconsultation: Bool = false, departement: String = "69") -> DirectoryEntry {
        DirectoryEntry(id: id, source: "t", sourceID: "\(id)", kind: .psychologist, name: "E\(id)", city: "Lyon",
                       departement: departement, region: nil, phones: ["04 00 00 00 0\(id)"],
                       teleconsultation: teleconsultation, openingHours: hours)
    }
    static func ranked(_ entry: DirectoryEntry, _ tier: ReferralTier = .sameDepartement) -> RankedEntry {
        RankedEntry(entry: entry, tier: tier)
    }

    /// Nearest first: an office (closed at night), an entry without hours, a teleconsultation far
    /// away without hours, a 24h/24 service in the region.
    static let pool = [
        ranked(entry(1, hours: "lun-ven 9h-17h")),
        ranked(entry(2)),
        ranked(entry(3, teleconsultation: true, departement: "29"), .teleconsultation),
        ranked(entry(4, hours: "24h/24, 7j/7", departement: "38"), .region),
    ]

    @Test func byDayTheDirectorysOrderStands() {
        let (chosen, reordered) = HourRanking.choose(Self.pool, count: 1, at: Self.monday)
        #expect(chosen.map(\.entry.id) == [1] && !reordered)
    }

    @Test func atNightOpenNowThenTeleconsultationComeBeforeTheNearestClosedDoor() {
        let (chosen, reordered) = HourRanking.choose(Self.pool, count: 3, at: Self.night)
        #expect(chosen.map(\.entry.id) == [4, 3, 1] && reordered)
        #expect(HourRanking.choose(Self.pool, count: 1, at: Self.night).chosen.map(\.entry.id) == [4])
    }

    @Test func unknownHoursAloneNeverReorder() {
        let unknown = [Self.ranked(Self.entry(1)), Self.ranked(Self.entry(2)),
                       Self.ranked(Self.entry(3, teleconsultation: true, departement: "29"), .teleconsultation)]
        let (chosen, reordered) = HourRanking.choose(unknown, count: 2, at: Self.night)
        #expect(chosen.map(\.entry.id) == [1, 2] && !reordered)
    }

    @Test func anOpenFirstChoiceKeepsTheOrder() {
        var pool = Self.pool
        pool.insert(Self.ranked(Self.entry(5, hours: "Mo-Su 00:00-24:00")), at: 0)
        let (chosen, reordered) = HourRanking.choose(pool, count: 2, at: Self.night)
        #expect(chosen.map(\.entry.id) == [5, 1] && !reordered)
    }

    @Test func aNightReorderThatKeepsTheSameFirstEntriesIsNotSaid() {
        let pool = [Self.ranked(Self.entry(4, hours: "24/7", departement: "38"), .region),
                    Self.ranked(Self.entry(1, hours: "lun-ven 9h-17h"))]
        #expect(HourRanking.choose(pool, count: 1, at: Self.night) == ([pool[0]], false))
    }
}
