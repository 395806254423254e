import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// Shifts named on the command line: `ecoute report shifts` lists their ids and dates, and
/// `ecoute report --shift` takes an id or the start of one.
@Suite struct ShiftListTests {
    typealias F = ReviewFixtures
    static let shifts = [
        Shift(id: "6f1c2a9b-0d4e-4c1a-9b7e-1a2b3c4d5e6f", operatorName: "psy-b", startedAt: F.at(8, 0, nextDay: true), endedAt: nil,
              callCount: 0, totalDuration: 0),
        Shift(id: "6f1d0000-aaaa-4bbb-8ccc-000000000001", operatorName: "psy-a", startedAt: F.at(22, 0),
              endedAt: F.at(2, 5, nextDay: true), callCount: 4, totalDuration: 85 * 60),
    ]

    @Test func theListGivesWholeIdsWithDatesAndOffsets() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        let text = ShiftListReport.text(Self.shifts, timeZone: paris, strings: TestResources.french)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let s = TestResources.french
        #expect(lines[0].hasPrefix(s["review.column.id"]))
        // By hand: 22:00 UTC on the 24th is 23:00 in Paris; 02:05 UTC is 03:05.
        #expect(lines[2].hasPrefix("6f1d0000-aaaa-4bbb-8ccc-000000000001  psy-a "))
        #expect(lines[2].contains("  2026-11-24T23:00:00+01:00  2026-11-25T03:05:00+01:00  4 "))
        #expect(lines[2].hasSuffix(" 1:25:00"))
        #expect(lines[1].contains("2026-11-25T09:00:00+01:00  \(s["review.shiftOpen"])"))
        #expect(ShiftListReport.text([], timeZone: paris, strings: s) == s["review.noShift"] + "\n")
    }

    @Test func aShiftIsNamedByItsIdOrItsStart() throws {
        #expect(try ShiftReference.resolve("6f1d", among: Self.shifts).operatorName == "psy-a")
        #expect(try ShiftReference.resolve("6F1C2A9B", among: Self.shifts).operatorName == "psy-b")
        #expect(try ShiftReference.resolve(Self.shifts[1].id, among: Self.shifts).operatorName == "psy-a")
        #expect(throws: ShiftReference.Unresolved.self) { try ShiftReference.resolve("6f1", among: Self.shifts) }   // both
        #expect(throws: ShiftReference.Unresolved.self) { try ShiftReference.resolve("zz", among: Self.shifts) }
        #expect(ShiftReference.short(Self.shifts[0].id) == "6f1c2a9b")
    }
}
