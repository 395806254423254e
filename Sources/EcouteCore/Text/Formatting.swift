import Foundation

/// Durations and clock times as shown on screen.
public enum Formatting {
    /// "mm:ss", or "h:mm:ss" past an hour, of the whole seconds `WholeSeconds` makes.
    public static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, WholeSeconds.of(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        let two = { CivilTime.pad($0) }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
    }

    /// `n` right-aligned in `width` columns, as `%3d` prints it (" 42"); wider numbers are kept whole.
    /// Without `String(format:)`, whose variadic arguments cost a runtime protocol lookup each
    /// the first time, at every start of a command.
    public static func rightAligned(_ n: Int, _ width: Int) -> String { leftFilled(String(n), width, " ") }

    /// `text` preceded by as many `fill` as it lacks to be `width` long (ASCII digits and signs).
    static func leftFilled(_ text: String, _ width: Int, _ fill: String) -> String {
        text.utf8.count >= width ? text : String(repeating: fill, count: width - text.utf8.count) + text
    }

    /// `n` with leading zeros to `width` digits, as `%02d` prints it ("07").
    public static func zeroPadded(_ n: Int, _ width: Int = 2) -> String { CivilTime.pad(n, width) }

    /// "HH:MM" in the given time zone.
    public static func clock(_ date: Date, timeZone: TimeZone) -> String {
        let c = CivilTime(date, offset: timeZone.secondsFromGMT(for: date))
        return CivilTime.pad(c.hour) + ":" + CivilTime.pad(c.minute)
    }

    /// « lun. 03/02 14:05 »: the ISO weekday's short name (1 Monday … 7 Sunday, from `weekday`),
    /// day/month and time in the given zone — what a DateFormatter "EEE dd/MM HH:mm" wrote for
    /// fr_FR and en_GB, without making one per frame.
    public static func dayAndTime(_ date: Date, timeZone: TimeZone, weekday: (Int) -> String) -> String {
        let c = CivilTime(date, offset: timeZone.secondsFromGMT(for: date))
        return weekday(c.weekday) + " " + CivilTime.pad(c.day) + "/" + CivilTime.pad(c.month) + " "
            + CivilTime.pad(c.hour) + ":" + CivilTime.pad(c.minute)
    }

    /// "yyyy-MM-dd HH:mm:ss" in the given time zone, for reports (no DateFormatter: it is slow
    /// to make, and a report makes several per call).
    public static func timestamp(_ date: Date, timeZone: TimeZone) -> String {
        let c = CivilTime(date, offset: timeZone.secondsFromGMT(for: date))
        return c.date + " " + c.time
    }

    /// ISO 8601 with the UTC offset, for files read by other programs: "2026-11-24T22:10:00+01:00".
    public static func isoTimestamp(_ date: Date, timeZone: TimeZone) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        let c = CivilTime(date, offset: seconds)
        let offset = seconds / 60
        return c.date + "T" + c.time + (offset < 0 ? "-" : "+") + CivilTime.pad(abs(offset) / 60) + ":" + CivilTime.pad(abs(offset) % 60)
    }

    /// `isoTimestamp` at a known UTC offset, appended to a byte buffer ("2026-11-24T22:10:00+01:00"):
    /// every time in every report carries its offset.
    public static func appendISOTimestamp(_ date: Date, offset: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        appendTimestamp(date, offset: offset, to: &bytes)
        if let space = bytes[start...].firstIndex(of: UInt8(ascii: " ")) { bytes[space] = UInt8(ascii: "T") }
        let minutes = abs(offset) / 60
        bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        bytes.append(UInt8(48 + minutes / 60 / 10))
        bytes.append(UInt8(48 + minutes / 60 % 10))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(48 + minutes % 60 / 10))
        bytes.append(UInt8(48 + minutes % 60 % 10))
    }
}

/// A date's wall-clock fields at a UTC offset, computed without Calendar or String(format:)
/// (they were a tenth of a report's time): days to civil date by Howard Hinnant's algorithm,
/// proleptic Gregorian, seconds truncated as Calendar does.
struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// ISO weekday: 1 Monday … 7 Sunday.
    var weekday: Int

    init(_ date: Date, offset: Int) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        weekday = ((days % 7 + 7 + 3) % 7) + 1   // 1970-01-01 was a Thursday
        let secondOfDay = local - days * 86_400
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// "2026-11-24".
    var date: String { Self.pad(year, 4) + "-" + Self.pad(month) + "-" + Self.pad(day) }
    /// "22:10:00".
    var time: String { Self.pad(hour) + ":" + Self.pad(minute) + ":" + Self.pad(second) }

    static func pad(_ n: Int, _ width: Int = 2) -> String {
        guard n >= 0 else { return "-" + pad(-n, width - 1) }
        return Formatting.leftFilled(String(n), width, "0")
    }
}

extension Formatting {
    /// The hour of the day (0–23) at a UTC offset.
    public static func hour(_ date: Date, offset: Int) -> Int { CivilTime(date, offset: offset).hour }

    /// Appends "yyyy-MM-dd HH:mm:ss" at the given UTC offset to a byte buffer: a report writes
    /// several per call, so no String is made (years 0–9999; others fall back to `timestamp`).
    public static func appendTimestamp(_ date: Date, offset: Int, to bytes: inout [UInt8]) {
        let c = CivilTime(date, offset: offset)
        guard (0...9999).contains(c.year) else {
            bytes.append(contentsOf: (c.date + " " + c.time).utf8)
            return
        }
        func two(_ n: Int) {
            bytes.append(UInt8(48 + n / 10))
            bytes.append(UInt8(48 + n % 10))
        }
        two(c.year / 100); two(c.year % 100)
        bytes.append(UInt8(ascii: "-")); two(c.month)
        bytes.append(UInt8(ascii: "-")); two(c.day)
        bytes.append(UInt8(ascii: " ")); two(c.hour)
        bytes.append(UInt8(ascii: ":")); two(c.minute)
        bytes.append(UInt8(ascii: ":")); two(c.second)
    }
}

/// A time zone's UTC offset for dates read in increasing order (a report's calls): asked of
/// the time zone once per period between two of its transitions, not once per date.
public struct UTCOffsets: Sendable {
    public let timeZone: TimeZone
    private var valid: (from: Date, until: Date, offset: Int)?

    public init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    public mutating func offset(for date: Date) -> Int {
        if let valid, date >= valid.from, date < valid.until { return valid.offset }
        let offset = timeZone.secondsFromGMT(for: date)
        valid = (date, timeZone.nextDaylightSavingTimeTransition(after: date) ?? .distantFuture, offset)
        return offset
    }
}
