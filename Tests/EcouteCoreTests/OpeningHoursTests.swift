import Foundation
import Testing
@testable import EcouteCore

@Suite struct OpeningHoursTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// 2026-11-23 is a Monday; `day` 0 is that Monday, at `hour`:`minute` Paris time.
    static func at(day: Int, _ hour: Int, _ minute: Int = 0, in zone: TimeZone = paris) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: 23 + day, hour: hour, minute: minute))!
    }

    @Test func theLinesOwnWritingsAreRead() throws {
        let week = try #require(OpeningHours("lun-ven 09:00-18:00; sam 09:00-12:00"))
        #expect(week.ranges[1] == [540...1080] && week.ranges[5] == [540...1080])
        #expect(week.ranges[6] == [540...720] && week.ranges[7] == nil)
        let sample = try #require(OpeningHours("Lundi–vendredi, 8h30–16h30"))
        #expect(sample.ranges[3] == [510...990] && sample.ranges[6] == nil)
        let spelled = try #require(OpeningHours("du mardi au jeudi 9h-12h, 14h-18h"))
        #expect(spelled.ranges[2] == [540...720, 840...1080] && spelled.ranges[1] == nil && spelled.ranges[5] == nil)
        #expect(OpeningHours("24h/24, 7j/7")?.alwaysOpen == true)
        let everyDay = try #require(OpeningHours("10h-20h"))
        #expect(everyDay.ranges.keys.sorted() == Array(1...7))
        let weekend = try #require(OpeningHours("ven-lun 20h-2h"))   // wraps the week and midnight
        #expect(weekend.ranges[6]?.contains(0...120) == true && weekend.ranges[2] == [0...120])
    }

    @Test func openStreetMapsSyntaxIsRead() throws {
        let week = try #require(OpeningHours("Mo-Fr 08:30-12:00,14:00-18:00; Sa 09:00-12:00; Su off"))
        #expect(week.ranges[1] == [510...720, 840...1080] && week.ranges[5] == [510...720, 840...1080])
        #expect(week.ranges[6] == [540...720] && week.ranges[7] == nil)
        #expect(OpeningHours("24/7")?.alwaysOpen == true)
        // A day closed by a later rule is closed, whatever an earlier one said.
        let noWednesday = try #require(OpeningHours("Mo-Fr 09:00-17:00; We off"))
        #expect(noWednesday.ranges[3] == nil && noWednesday.ranges[4] == [540...1020])
        #expect(try #require(OpeningHours("lun-sam 9h-19h; dim fermé")).ranges[7] == nil)
        #expect(OpeningHours("Mo-Fr 09:00-17:00; PH off") == nil)   // public holidays: not guessed at
        #expect(OpeningHours("Su off") == nil)   // nothing open at all is no hours to show
    }

    @Test func whatCannotBeReadIsNotGuessed() {
        #expect(OpeningHours("Admissions du lundi au vendredi, 9h–17h") == nil)
        #expect(OpeningHours("coordonnées à vérifier") == nil)
        #expect(OpeningHours("lundi-vendredi") == nil)   // days without times
        #expect(OpeningHours("lun 25h-26h") == nil)
        #expect(OpeningHours("") == nil)
        #expect(OpeningHours("24h/24 sauf jours fériés") == nil)
    }

    @Test func openNowOrWhenItOpensNext() throws {
        let hours = try #require(OpeningHours("lun-ven 09:00-18:00; sam 09:00-12:00"))
        #expect(hours.status(at: Self.at(day: 0, 10), in: Self.paris) == .open)
        #expect(hours.status(at: Self.at(day: 0, 8, 59), in: Self.paris) == .opensToday(minute: 540))
        #expect(hours.status(at: Self.at(day: 0, 18), in: Self.paris) == .opensOn(weekday: 2, minute: 540))   // closes at 18:00
        #expect(hours.status(at: Self.at(day: 5, 13), in: Self.paris) == .opensOn(weekday: 1, minute: 540))   // Saturday afternoon
        #expect(OpeningHours("24h/24")?.status(at: Self.at(day: 6, 3), in: Self.paris) == .alwaysOpen)
    }

    @Test func anOverseasEntryIsOpenByItsOwnClock() throws {
        let hours = try #require(OpeningHours("lun-ven 8h-17h"))
        let parisMorning = Self.at(day: 1, 10)   // Tuesday 10:00 in Paris is 05:00 in Guadeloupe
        #expect(hours.status(at: parisMorning, in: OpeningHours.timeZone(departement: "75")) == .open)
        #expect(hours.status(at: parisMorning, in: OpeningHours.timeZone(departement: "971")) == .opensToday(minute: 480))
    }

    @Test func inWords() throws {
        // The shipped tables, read from the repository.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Resources/strings")
        let fr = try Strings.load(.fr, from: folder)
        let en = try Strings.load(.en, from: folder)
        let monday8 = Self.at(day: 0, 8)
        #expect(Labels.opening("lun-ven 8h30-17h", departement: "69", at: monday8, fr) == "ouvre à 8h30")
        #expect(Labels.opening("lun-ven 9h-17h", departement: "69", at: Self.at(day: 4, 18), fr) == "ouvre lun. 9h")
        #expect(Labels.opening("lun-ven 9h-17h", departement: "69", at: Self.at(day: 4, 18), en) == "opens Mon 9:00")
        #expect(Labels.opening("24h/24, 7j/7", departement: nil, at: monday8, fr) == "ouvert 24h/24")
        #expect(Labels.opening("Admissions du lundi au vendredi, 9h–17h", departement: "69", at: monday8, fr)
                == "Admissions du lundi au vendredi, 9h–17h")   // as written
        #expect(Labels.opening("  ", departement: "69", at: monday8, fr) == fr["hours.unknown"])   // no hours: said so
    }
}

/// The offsets remembered per quarter hour are the zones' own, across their changes of time.
@Suite struct RememberedOffsetTests {
    @Test func everyQuarterHourAroundAChangeOfTimeHasTheZonesOwnOffset() throws {
        let zones = ["Europe/Paris", "America/Miquelon", "Indian/Reunion", "America/Martinique"].compactMap { TimeZone(identifier: $0) }
        #expect(zones.count == 4)
        // Paris moves at 01:00 UTC on 2026-03-29 and 2026-10-25; Miquelon at 05:00 UTC on 2026-03-08 and 04:00 UTC on 2026-11-01.
        let changes = [1_774_746_000.0, 1_792_890_000.0, 1_772_946_000.0, 1_793_505_600.0]
        var checked = 0
        for change in changes {
            for step in -12...12 {
                // A minute into each quarter, then its last second, zones asked in turn.
                for within in [60.0, 899.0] {
                    let date = Date(timeIntervalSince1970: change + Double(step) * 900 + within)
                    for zone in zones {
                        #expect(OpeningHours.offset(of: zone, at: date) == zone.secondsFromGMT(for: date), "\(zone.identifier) \(date)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 4 * 25 * 2 * 4)
        // The same moment in two zones that differ.
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(OpeningHours.offset(of: zones[0], at: now) != OpeningHours.offset(of: zones[2], at: now))
    }
}
