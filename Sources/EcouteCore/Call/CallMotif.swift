import Foundation

/// Why someone calls the line, in the words of its yearly report. A call records up to three,
/// the main one first. Which motifs the console offers, and in what order, is the line's
/// configuration (`Resources/motifs/motifs.csv`, read by `MotifList`).
public enum CallMotif: String, Codable, Sendable, CaseIterable {
    case burnout
    case workload
    case harassment
    case trauma
    case patientEvent
    case errorOrComplaint
    case addiction
    case bereavement
    case legalOrAdministrative
    case studies
    case isolation
    case other

    /// Most motifs a call records.
    public static let maximumPerCall = 3

    public var stringKey: String { "motif.\(rawValue)" }

    /// What the motif adds to the referrals proposed, where the directory has such entries:
    /// harassment and legal trouble, the line's legal services; a traumatic shock or a patient's
    /// death, psychologists who take trauma first (immediate psychological care).
    public var refinement: (need: ReferralNeed?, speciality: String?) {
        switch self {
        case .harassment, .errorOrComplaint, .legalOrAdministrative: return (ReferralNeed(.legal), nil)
        case .trauma, .patientEvent: return (ReferralNeed(.psychologist), "trauma")
        case .burnout: return (nil, "burnout")
        default: return (nil, nil)
        }
    }

    /// The motifs as one line of text, main first (`burnout,harassment`): what a supervisor reads
    /// and types to correct them (`CorrectableField.motifs`) and what the audit log keeps; "" for
    /// none. The platform database writes the same text from its rows (`ecoute.motifs_text`).
    public static func text(_ motifs: [CallMotif]?) -> String {
        (motifs ?? []).map(\.rawValue).joined(separator: ",")
    }

    /// The motifs a text lists (ids separated by commas or spaces, main first); nil for none.
    public static func parseList(_ text: String) throws -> [CallMotif]? {
        var motifs: [CallMotif] = []
        for item in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            guard let motif = CallMotif(rawValue: String(item)) else {
                throw MotifList.Problem(file: "", line: 0, reason: "unknown motif « \(item) » (known: \(allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !motifs.contains(motif) else { throw MotifList.Problem(file: "", line: 0, reason: "« \(item) » is listed twice") }
            motifs.append(motif)
        }
        guard motifs.count <= maximumPerCall else {
            throw MotifList.Problem(file: "", line: 0, reason: "at most \(maximumPerCall) motifs, not \(motifs.count)")
        }
        return motifs.isEmpty ? nil : motifs
    }

    /// The motifs with `motif` added at the end, or taken out when it is there already; nil when
    /// three are there already.
    public static func toggled(_ motif: CallMotif, in motifs: [CallMotif]) -> [CallMotif]? {
        if motifs.contains(motif) { return motifs.filter { $0 != motif } }
        guard motifs.count < maximumPerCall else { return nil }
        return motifs + [motif]
    }
}

/// The motifs the console offers, in order: one id a line (`#` starts a comment).
public enum MotifList {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    public static func parse(_ text: String, file: String) throws -> [CallMotif] {
        var motifs: [CallMotif] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let motif = CallMotif(rawValue: line) else {
                throw Problem(file: file, line: i + 1, reason: "unknown motif « \(line) » (known: \(CallMotif.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !motifs.contains(motif) else { throw Problem(file: file, line: i + 1, reason: "« \(line) » is listed twice") }
            motifs.append(motif)
        }
        guard !motifs.isEmpty else { throw Problem(file: file, line: 1, reason: "no motif listed") }
        return motifs
    }

    public static func load(from url: URL) throws -> [CallMotif] {
        try parse(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }
}
