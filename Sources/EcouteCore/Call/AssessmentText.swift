import Foundation

/// A risk assessment as one line of text: what a supervisor reads and types to correct it
/// (`CorrectableField.assessment`) and what the audit log keeps as its old and new value.
///
///     factors=previousAttempt,isolation urgence=high dangerosite=high means=firearm at_hand=yes cssrs=q1:yes,q2:yes,q3:no not_assessable=<reason>
///
/// Each part is left out when it holds nothing (no factor, not answered, means not at hand, no
/// screener answer, no reason); the « non évaluable » reason, free text, is last and runs to the
/// end of the line. The recorded suggestion is not part of it: it is what the console suggested
/// during the call, which a later correction does not rewrite. The platform database writes the
/// same text from its rows (`ecoute.assessment_text`), so both engines audit the same words.
public enum AssessmentText {
    /// The assessment's text; "" for none.
    public static func format(_ assessment: RiskAssessment?) -> String {
        guard let assessment else { return "" }
        let row = RiskAssessmentRow(assessment)
        var parts: [String] = []
        if !row.riskFactors.isEmpty { parts.append("factors=" + row.riskFactors) }
        if let u = row.urgence { parts.append("urgence=" + u) }
        if let d = row.dangerosite { parts.append("dangerosite=" + d) }
        if let m = row.means { parts.append("means=" + m) }
        if row.meansAtHand { parts.append("at_hand=yes") }
        if !row.cssrs.isEmpty {
            parts.append("cssrs=" + row.cssrs.replacingOccurrences(of: "=", with: ":").replacingOccurrences(of: " ", with: ","))
        }
        if let reason = row.notAssessableReason { parts.append(reasonKey + reason) }
        return parts.joined(separator: " ")
    }

    static let reasonKey = "not_assessable="

    /// A text that is not an assessment, and why.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The assessment a text describes (nil for an empty text: no assessment). Values are the ids
    /// of `format`; the degrees may also be written in French (faible, moyenne, élevée) and yes or
    /// no as oui or non.
    public static func parse(_ text: String) throws -> RiskAssessment? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var head = Substring(trimmed)
        var reason: String?
        if let range = trimmed.range(of: reasonKey) {
            guard range.lowerBound == trimmed.startIndex || trimmed[trimmed.index(before: range.lowerBound)] == " " else {
                throw Problem("\(reasonKey) starts a part of its own")
            }
            head = trimmed[..<range.lowerBound]
            let words = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard words.count <= NotesPolicy.maximumLength else { throw Problem("the reason is longer than \(NotesPolicy.maximumLength) characters") }
            reason = words
        }
        var values: [String: String] = [:]
        for token in head.split(whereSeparator: \.isWhitespace) {
            let pair = token.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[1].isEmpty else { throw Problem("« \(token) » is not key=value") }
            let key = keyAliases[pair[0].lowercased()] ?? pair[0]
            guard keys.contains(key) else { throw Problem("unknown part « \(pair[0]) » (known: \(keys.joined(separator: ", ")), not_assessable)") }
            guard values[key] == nil else { throw Problem("« \(key) » is given twice") }
            values[key] = pair[1]
        }
        func degree(_ key: String) throws -> String? {
            guard let v = values[key] else { return nil }
            guard let d = degreeAliases[v.lowercased()] else { throw Problem("\(key): « \(v) » is not low, medium or high") }
            return d
        }
        var meansAtHand = false
        if let v = values["at_hand"] {
            guard let b = yesNo[v.lowercased()] else { throw Problem("at_hand: « \(v) » is not yes or no") }
            meansAtHand = b
        }
        var answers: [String] = []
        for item in (values["cssrs"] ?? "").split(separator: ",") {
            let qa = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard qa.count == 2, let b = yesNo[qa[1].lowercased()] else { throw Problem("cssrs: « \(item) » is not q1:yes … q6recent:no") }
            answers.append("\(qa[0])=\(b ? "yes" : "no")")
        }
        let row = RiskAssessmentRow(riskFactors: values["factors"] ?? "", urgence: try degree("urgence"), dangerosite: try degree("dangerosite"),
                                    means: values["means"], meansAtHand: meansAtHand, cssrs: answers.joined(separator: " "),
                                    notAssessableReason: reason, suggestedLevel: nil, suggestionReasons: nil, suggestedFollowUp: false)
        do {
            return try row.assessment()
        } catch let unknown as StoredAssessmentUnknown {
            throw Problem("\(unknown.column == "risk_factors" ? "factors" : unknown.column): « \(unknown.value) » is not known")
        }
    }

    /// The text with the « non évaluable » reason's words left out (reports without the notes).
    public static func withoutReason(_ text: String) -> String {
        guard let range = text.range(of: reasonKey) else { return text }
        return String(text[..<range.lowerBound]) + "not_assessable"
    }

    static let keys = ["factors", "urgence", "dangerosite", "means", "at_hand", "cssrs"]
    static let keyAliases = ["dangerosité": "dangerosite", "facteurs": "factors"]
    static let degreeAliases = ["low": "low", "medium": "medium", "high": "high", "faible": "low", "moyenne": "medium", "élevée": "high",
                                "elevee": "high"]
    static let yesNo = ["yes": true, "oui": true, "no": false, "non": false]
}
