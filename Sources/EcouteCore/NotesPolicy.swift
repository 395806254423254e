/// Free-text notes are optional and short, and must not identify the caller. This spots the
/// most common slips (a phone number, an e-mail address, a date of birth) to warn about them.
public enum NotesPolicy {
    public static let maximumLength = 500

    public enum Concern: String, CaseIterable, Sendable {
        case phoneNumber, emailAddress, date
    }

    public static func concerns(in notes: String) -> [Concern] {
        var found: [Concern] = []
        // Eight or more digits in a run, allowing the usual separators: looks like a phone number.
        var digits = 0, best = 0
        for ch in notes {
            if ch.isNumber { digits += 1; best = max(best, digits) } else if !" .-+".contains(ch) { digits = 0 }
        }
        if best >= 8 { found.append(.phoneNumber) }
        if notes.contains("@") { found.append(.emailAddress) }
        if containsDate(notes) { found.append(.date) }
        return found
    }

    /// dd/mm/yyyy or dd/mm/yy (also with - or .).
    static func containsDate(_ text: String) -> Bool {
        let pattern = #/(^|[^0-9])([0-3]?[0-9])[/.-]([01]?[0-9])[/.-]([0-9]{4}|[0-9]{2})([^0-9]|$)/#
        return text.contains(pattern)
    }
}
