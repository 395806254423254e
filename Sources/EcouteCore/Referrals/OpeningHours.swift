import Foundation
import Synchronization

/// An entry's opening hours read from the directory's free text (« lun-ven 09:00-18:00;
/// sam 09:00-12:00 », « Lundi–vendredi, 8h30–16h30 », « 24h/24, 7j/7 ») or from OpenStreetMap's
/// `opening_hours` syntax, the common structured one (« Mo-Fr 08:30-12:00,14:00-18:00; Sa
/// 09:00-12:00; Su off », « 24/7 »), so a proposal can say
/// « ouvert » or « ouvre lun. 9h ». Text it cannot read with certainty is not guessed at: it stays
/// `nil`, and the screens show the hours as written.
public struct OpeningHours: Equatable, Sendable {
    /// Opening ranges per ISO weekday (1 Monday … 7 Sunday), in minutes since midnight, close
    /// after open (a range past midnight is split over the two days).
    public private(set) var ranges: [Int: [ClosedRange<Int>]]
    public let alwaysOpen: Bool

    public enum Status: Equatable, Sendable {
        case alwaysOpen
        case open
        /// Opens later today, at this minute of the day.
        case opensToday(minute: Int)
        /// Opens on this ISO weekday (1 Monday … 7 Sunday), at this minute of the day.
        case opensOn(weekday: Int, minute: Int)
    }

    /// Reads `text`; nil when any part of it is not understood.
    public init?(_ text: String) {
        let folded = Self.fold(text)
        if folded.isEmpty { return nil }
        if folded.contains("24h/24") || folded.contains("24/24") || folded == "24/7" {
            // « 24h/24 » alone or with « 7j/7 », or OpenStreetMap's « 24/7 »: anything else beside it is not read.
            let rest = folded.replacingOccurrences(of: "24h/24", with: "").replacingOccurrences(of: "24/24", with: "")
                .replacingOccurrences(of: "7j/7", with: "").replacingOccurrences(of: "7/7", with: "").replacingOccurrences(of: "24/7", with: "")
            guard rest.allSatisfy({ $0 == " " || $0 == "," || $0 == ";" }) else { return nil }
            ranges = [:]
            alwaysOpen = true
            return
        }
        var ranges: [Int: [ClosedRange<Int>]] = [:]
        var closedDays: [Int] = []
        for rule in folded.split(separator: ";") {
            // « Su off », « dim fermé »: those days closed, whatever another rule said.
            if let days = Self.closedRule(String(rule)) { closedDays += days; continue }
            guard let (days, times) = Self.rule(String(rule)) else { return nil }
            for day in days {
                for time in times {
                    if time.close > time.open {
                        ranges[day, default: []].append(time.open...time.close)
                    } else {   // past midnight
                        ranges[day, default: []].append(time.open...(24 * 60))
                        ranges[day % 7 + 1, default: []].append(0...time.close)
                    }
                }
            }
        }
        for day in closedDays { ranges[day] = nil }
        guard !ranges.isEmpty else { return nil }
        self.ranges = ranges.mapValues { $0.sorted { $0.lowerBound < $1.lowerBound } }
        alwaysOpen = false
    }

    /// Open now, or when it next opens, at `date` in `timeZone`.
    public func status(at date: Date, in timeZone: TimeZone) -> Status? {
        if alwaysOpen { return .alwaysOpen }
        let (today, minute) = Self.localTime(date, timeZone)
        let todays = ranges[today] ?? []
        if todays.contains(where: { $0.lowerBound <= minute && minute < $0.upperBound }) { return .open }
        if let later = todays.first(where: { $0.lowerBound > minute }) { return .opensToday(minute: later.lowerBound) }
        for ahead in 1...7 {
            let day = (today - 1 + ahead) % 7 + 1
            if let first = ranges[day]?.first { return .opensOn(weekday: day, minute: first.lowerBound) }
        }
        return nil
    }

    /// The time zone of a département: overseas ones have their own, the rest is Paris time.
    public static func timeZone(departement: String?) -> TimeZone {
        departement.flatMap { overseasZones[$0] } ?? metropolitanZone
    }

    static let overseasZones: [String: TimeZone] = [
        "971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
        "974": "Indian/Reunion", "975": "America/Miquelon", "976": "Indian/Mayotte",
    ].compactMapValues { TimeZone(identifier: $0) }
    static let metropolitanZone = TimeZone(identifier: "Europe/Paris") ?? .current

    /// The ISO weekday (1 Monday … 7 Sunday) and minute of the day of `date` in `timeZone`,
    /// by civil-time arithmetic (a Calendar per visible entry per frame was a tenth of a frame).
    static func localTime(_ date: Date, _ timeZone: TimeZone) -> (weekday: Int, minute: Int) {
        let c = CivilTime(date, offset: offset(of: timeZone, at: date))
        return (c.weekday, c.hour * 60 + c.minute)
    }

    /// A zone's offset from UTC at `date`, asked of the zone once per quarter hour: every zone's
    /// offset changes on a quarter hour of UTC, and asking it (ICU, under a lock) for each entry
    /// was a tenth of what a proposal spends outside SQLite (docs/benchmarks.md).
    static func offset(of timeZone: TimeZone, at date: Date) -> Int {
        let quarter = Int64((date.timeIntervalSince1970 / 900).rounded(.down))
        let zone = timeZone.identifier
        if let known = knownOffsets.withLock({ $0[zone] }), known.quarter == quarter { return known.offset }
        let offset = timeZone.secondsFromGMT(for: date)
        knownOffsets.withLock { $0[zone] = (quarter, offset) }
        return offset
    }

    private static let knownOffsets = Mutex<[String: (quarter: Int64, offset: Int)]>([:])

    /// `OpeningHours(text)`, remembered: the directory screen and the proposals show the status
    /// of every visible entry on every frame, and reading a text (regular expressions) costs
    /// tens of microseconds — most of a typed key's 6 ms at 20 rows (docs/benchmarks.md). The
    /// same few texts recur across a directory; the memory is emptied past 4,096 of them.
    public static func read(_ text: String) -> OpeningHours? {
        // No hours at all (the whole RPPS extract): nothing to read nor to remember.
        if text.isEmpty { return nil }
        if let known = readTexts.withLock({ $0[text] }) { return known }
        let read = OpeningHours(text)
        readTexts.withLock { texts in
            if texts.count >= 4_096 { texts.removeAll(keepingCapacity: true) }
            texts[text] = read
        }
        return read
    }

    private static let readTexts = Mutex<[String: OpeningHours?]>([:])

    // MARK: - Reading

    static let dayNames: [String: Int] = [
        "lun": 1, "lundi": 1, "mar": 2, "mardi": 2, "mer": 3, "mercredi": 3, "jeu": 4, "jeudi": 4,
        "ven": 5, "vendredi": 5, "sam": 6, "samedi": 6, "dim": 7, "dimanche": 7,
        // OpenStreetMap's two-letter days.
        "mo": 1, "tu": 2, "we": 3, "th": 4, "fr": 5, "sa": 6, "su": 7,
    ]

    /// A rule that closes days (« Su off », « sam-dim fermé »): its days, or nil when it is not one.
    static func closedRule(_ text: String) -> [Int]? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard let last = words.last, ["off", "closed", "ferme"].contains(last), words.count >= 2 else { return nil }
        var days: [Int] = []
        for word in words.dropLast() {
            let ends = word.split(separator: "-").map(String.init)
            guard let first = ends.first.flatMap({ dayNames[$0] }) else { return nil }
            guard ends.count == 2, let lastDay = dayNames[ends[1]] else { days.append(first); continue }
            var day = first
            while true {
                days.append(day)
                if day == lastDay { break }
                day = day % 7 + 1
            }
        }
        return days
    }

    static func fold(_ text: String) -> String {
        var s = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        for dash in ["–", "—", "‑"] { s = s.replacingOccurrences(of: dash, with: "-") }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// One rule: days (none written means every day) and one or more time ranges.
    static func rule(_ text: String) -> ([Int], [(open: Int, close: Int)])? {
        let timePattern = #/(\d{1,2})(?:[h:](\d{2})?)?\s*-\s*(\d{1,2})(?:[h:](\d{2})?)?/#
        var times: [(open: Int, close: Int)] = []
        for match in text.matches(of: timePattern) {
            guard let open = minutes(match.output.1, match.output.2), let close = minutes(match.output.3, match.output.4) else { return nil }
            times.append((open, close))
        }
        guard !times.isEmpty else { return nil }
        // What is left must be days: « lun-ven », « du lundi au vendredi », « sam, dim », « de … à ».
        var rest = text.replacing(timePattern, with: " ")
        rest = rest.replacing(#/\bdu\s+(\w+)\s+au\s+(\w+)/#) { "\($0.output.1)-\($0.output.2)" }
        rest = rest.replacing(#/\s*-\s*/#, with: "-")
        var days: [Int] = []
        for token in rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }) {
            let word = String(token)
            if ["et", "de", "a", "h"].contains(word) { continue }
            let ends = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard let first = ends.first.flatMap({ dayNames[$0] }) else { return nil }
            if ends.count == 1 {
                days.append(first)
            } else if ends.count == 2, let last = dayNames[ends[1]] {
                var day = first
                while true {
                    days.append(day)
                    if day == last { break }
                    day = day % 7 + 1
                }
            } else {
                return nil
            }
        }
        return (days.isEmpty ? Array(1...7) : days, times)
    }

    static func minutes(_ hour: Substring, _ minute: Substring?) -> Int? {
        guard let h = Int(hour), h <= 24 else { return nil }
        let m = minute.flatMap { Int($0) } ?? 0
        guard m < 60, h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }
}
