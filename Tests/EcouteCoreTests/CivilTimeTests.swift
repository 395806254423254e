import Foundation
import Testing
@testable import EcouteCore

/// The report's fast timestamps agree with Foundation's calendar, whatever the date and zone.
@Suite struct CivilTimeTests {
    static func byCalendar(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    @Test(arguments: ["Europe/Paris", "Indian/Reunion", "America/Cayenne", "Pacific/Noumea", "UTC", "America/Los_Angeles"])
    func agreesWithTheCalendar(_ zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var rng = SeededGenerator(seed: 42)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
                     Date(timeIntervalSince1970: 1_806_000_000.999)]
        for _ in 0..<2_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &rng))) }
        for date in dates {
            #expect(Formatting.timestamp(date, timeZone: zone) == Self.byCalendar(date, zone), "\(date.timeIntervalSince1970) in \(zoneName)")
        }
    }

    @Test func isoTimestampsCarryTheOffset() {
        let date = Date(timeIntervalSince1970: 1_795_900_000)   // 2026-11-28
        #expect(Formatting.isoTimestamp(date, timeZone: TimeZone(identifier: "Europe/Paris")!).hasSuffix("+01:00"))
        #expect(Formatting.isoTimestamp(date, timeZone: TimeZone(identifier: "America/Cayenne")!).hasSuffix("-03:00"))
        #expect(Formatting.isoTimestamp(date, timeZone: TimeZone(identifier: "Asia/Kolkata")!).hasSuffix("+05:30"))
    }
}

/// The offset cache of reports gives what the time zone gives, across every transition.
@Suite struct UTCOffsetsTests {
    @Test(arguments: ["Europe/Paris", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "UTC"])
    func ascendingDatesGetTheZonesOwnOffset(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        var offsets = UTCOffsets(zone)
        var date = Date(timeIntervalSince1970: 1_700_000_000)
        var bytes: [UInt8] = []
        while date < Date(timeIntervalSince1970: 1_800_000_000) {
            #expect(offsets.offset(for: date) == zone.secondsFromGMT(for: date), "\(identifier) \(date)")
            bytes.removeAll()
            Formatting.appendTimestamp(date, offset: offsets.offset(for: date), to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Formatting.timestamp(date, timeZone: zone))
            date += 7_919   // about 2 h 12 min: lands on every side of each transition over three years
        }
    }
}

/// The screens' clock and « lun. 03/02 14:05 » agree with Foundation's formatters.
@Suite struct ScreenDateTests {
    @Test(arguments: ["Europe/Paris", "Indian/Reunion", "America/Cayenne", "Pacific/Noumea", "UTC"])
    func agreeWithDateFormatter(_ zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let french = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE dd/MM HH:mm"
        let clock = DateFormatter()
        clock.locale = Locale(identifier: "en_US_POSIX")
        clock.timeZone = zone
        clock.dateFormat = "HH:mm"
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<1_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: -100_000_000...3_000_000_000, using: &rng))
            #expect(Formatting.dayAndTime(date, timeZone: zone) { french[$0 - 1] } == formatter.string(from: date),
                    "\(date.timeIntervalSince1970) in \(zoneName)")
            #expect(Formatting.clock(date, timeZone: zone) == clock.string(from: date))
        }
    }
}
