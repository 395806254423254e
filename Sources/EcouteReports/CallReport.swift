import EcouteCore
import Foundation

/// `ecoute report`: calls and their summary as CSV (one row per call, for a spreadsheet), JSON
/// (for other tools) or Markdown (to print). Free-text notes only when asked for.
///
/// Reports stream: calls come from a `CallSource` one at a time and rows are written as they
/// come, so a report over a million calls holds one call and the summary's running figures,
/// never the whole period. Markdown puts the summary before the list of calls: it reads the source
/// once, writing the list aside (`ReportSpool`) until the summary is known.
public enum CallReport {
    public enum Format: String, CaseIterable, Sendable { case csv, json, md }

    /// Hands every call of the report to the closure, oldest first (typically `CallReview.forEachCall`).
    public typealias CallSource = ((CallDraft) throws -> Void) throws -> Void

    /// What a report covers, as it was asked for.
    public struct Scope: Sendable {
        public var query: CallQuery
        public var withNotes: Bool
        public var generatedAt: Date
        public var timeZone: TimeZone
        public var strings: Strings
        /// The shift asked for, when it is one: its operator and times go in the header.
        public var shift: Shift?
        /// Supervisors' corrections of the report's calls, oldest first.
        public var corrections: [AuditEntry]
        /// The report's calls handed over at the end of a shift, oldest first.
        public var handovers: [RecordedHandover]
        /// Takeovers of the report's calls, oldest first (`CallReview.takeovers`).
        public var takeovers: [CallTakeover]

        public init(query: CallQuery, withNotes: Bool, generatedAt: Date, timeZone: TimeZone, strings: Strings, shift: Shift? = nil,
                    corrections: [AuditEntry] = [], takeovers: [CallTakeover] = []) {
            self.takeovers = takeovers
            self.shift = shift
            // `CallReview.corrections` gives the audit log's entries: handovers are told apart.
            self.corrections = corrections.filter { RecordedHandover($0) == nil }
            self.handovers = corrections.compactMap(RecordedHandover.init)
            self.query = query
            self.withNotes = withNotes
            self.generatedAt = generatedAt
            self.timeZone = timeZone
            self.strings = strings
        }
    }

    public static func write(_ format: Format, from source: CallSource, scope: Scope, to output: any ReportOutput) throws {
        switch format {
        case .csv: try CSVCallReport.write(from: source, scope: scope, to: output)
        case .json: try JSONCallReport.write(from: source, scope: scope, to: output)
        case .md: try MarkdownCallReport.write(from: source, scope: scope, to: output)
        }
    }

    /// The report of calls already in memory, as text (tests, small reports).
    public static func render(_ format: Format, calls: [CallDraft], scope: Scope) -> String {
        let output = StringOutput()
        try! write(format, from: { body in for c in calls { try body(c) } }, scope: scope, to: output)
        return output.text
    }

    // MARK: - Shared

    /// Every time in every report, with its UTC offset: "2026-11-24T22:10:00+01:00".
    static func timestamp(_ date: Date?, _ timeZone: TimeZone) -> String {
        date.map { Formatting.isoTimestamp($0, timeZone: timeZone) } ?? ""
    }

    /// The same, the zone's offset taken from a cache (dates read in order).
    static func timestamp(_ date: Date, _ offsets: inout UTCOffsets) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        Formatting.appendISOTimestamp(date, offset: offsets.offset(for: date), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Who called, for machines: the profession, "professional" when it was not asked, or the category.
    static func caller(_ p: CallerProfile) -> String {
        p.category == .professional ? (p.profession?.rawValue ?? "professional") : (p.category?.rawValue ?? "")
    }

    static func given(_ c: CallDraft) -> [ReferralKind] { c.referrals.filter { $0.status == .given }.map(\.kind) }

    static func duration(_ c: CallDraft) -> Int? { c.durationSeconds }

    /// A figure in seconds as reports write it (`WholeSeconds`).
    static func seconds(_ t: TimeInterval?) -> Int? { t.map(WholeSeconds.of) }

    static func state(_ c: CallDraft) -> String { c.phase == .saved ? "saved" : "open" }

    /// A correction's value as a report may show it: a corrected note's words, and the words of
    /// an assessment's « non évaluable » reason, only with the notes.
    static func correctionValue(_ entry: AuditEntry, _ value: String?, _ scope: Scope) -> String? {
        guard !scope.withNotes else { return value }
        switch entry.field {
        case CorrectableField.notes.rawValue: return nil
        case CorrectableField.assessment.rawValue: return value.map(AssessmentText.withoutReason)
        default: return value
        }
    }
}
