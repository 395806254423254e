import EcouteCore
import Foundation
import GRDB
import GRDBSQLite

/// Calls read for reviews and reports, as fast as SQLite hands them over: one statement walks
/// the calls in time order, and one statement per kind of attached row (referrals, reasons for a
/// referral not given, alerts, risk assessments, motifs) walks those rows *in the same order*,
/// joined to the same calls with the same filter — so each call's rows are next in their stream,
/// and the streams are merged like sorted lists. Six statements for the whole report, whatever its size; nothing is
/// held but the current call.
///
/// Columns are read by position straight from the statement (`sqlite3_column_*`), stored enum
/// values through their raw value (an unknown one throws, naming its column), timestamps by a
/// fixed-format parser (`SQLiteTimestamp`) with GRDB's reading as the fallback for any other
/// shape.
struct SQLiteCallStream {
    /// `WHERE …` over the calls, aliased `c` (empty for every call).
    let filter: String
    let arguments: StatementArguments

    static let callColumns = """
        c.id, c.operator, c.phase, c.phase_before_emergency, c.picked_up_at, c.ended_at, c.end_reason, c.caller_category, \
        c.profession, c.status, c.sector, c.departement, c.repeat_caller, c.level, c.addiction, c.hospitalisation, c.notes, \
        c.follow_up, c.emergency_opened_at, c.emergency_services_called_at, c.supervisor_called_at, c.caller_kept_on_line_at, \
        c.emergency_services_skipped, c.supervisor_skipped, c.caller_kept_on_line_skipped, c.updated_at, c.saved_at, \
        c.line, c.line_category
        """

    /// The six statements: the calls, then their referrals, reasons, alerts, assessments and motifs in the same order.
    var statements: (calls: String, referrals: String, gaps: String, alerts: String, assessments: String, motifs: String) {
        let order = "ORDER BY c.picked_up_at, c.id"
        return (calls: "SELECT \(Self.callColumns) FROM calls c \(filter) \(order)",
                referrals: """
                    SELECT r.call_id, r.kind, r.entry_id, r.name, r.contact, r.tier, r.status, r.origin
                    FROM calls c JOIN call_referrals r ON r.call_id = c.id \(filter) \(order), r.position
                    """,
                gaps: """
                    SELECT g.call_id, g.kind, g.reason, g.note FROM calls c JOIN call_referral_gaps g ON g.call_id = c.id \(filter) \(order), g.kind
                    """,
                // From the alerts (a few a week): joined from the calls, every call was probed.
                alerts: """
                    SELECT \(Column.alertColumns)
                    FROM alerts a CROSS JOIN calls c ON c.id = a.call_id \(filter) \(order), a.raised_at
                    """,
                assessments: """
                    SELECT \(CallAssessmentRecord.streamColumns)
                    FROM calls c JOIN call_assessments a ON a.call_id = c.id \(filter) \(order)
                    """,
                motifs: """
                    SELECT m.call_id, m.motif FROM calls c JOIN call_motifs m ON m.call_id = c.id \(filter) \(order), m.position
                    """)
    }

    func forEach(_ db: Database, _ body: (CallDraft) throws -> Void) throws {
        let sql = statements
        let calls = try statement(db, sql.calls)
        var referrals = try SideStream(statement(db, sql.referrals))
        var gaps = try SideStream(statement(db, sql.gaps))
        var alerts = try SideStream(statement(db, sql.alerts))
        var assessments = try SideStream(statement(db, sql.assessments))
        var motifs = try SideStream(statement(db, sql.motifs))
        let cursor = try Row.fetchCursor(calls)
        let s = calls.sqliteStatement
        var phase = StoredValueColumn<CallPhase>(2, "phase"), phaseBefore = StoredValueColumn<CallPhase>(3, "phase_before_emergency")
        var endReason = StoredValueColumn<CallEndReason>(6, "end_reason"), category = StoredValueColumn<CallerCategory>(7, "caller_category")
        var profession = StoredValueColumn<Profession>(8, "profession"), status = StoredValueColumn<EmploymentStatus>(9, "status")
        var sector = StoredValueColumn<Sector>(10, "sector")
        var kind = StoredValueColumn<ReferralKind>(1, "kind"), referralStatus = StoredValueColumn<ReferralStatus>(6, "status")
        var origin = StoredValueColumn<ReferralOrigin>(7, "origin")
        while try cursor.next() != nil {
            let id = try Column.text(s, 0)
            var d = CallDraft(id: id, operatorName: try Column.text(s, 1), pickedUpAt: try Column.date(s, 4))
            d.phase = try phase.required(s)
            d.phaseBeforeEmergency = phaseBefore.known(s)
            d.endedAt = try Column.optionalDate(s, 5)
            d.endReason = endReason.known(s)
            d.profile = CallerProfile(category: category.known(s), profession: profession.known(s),
                                      status: status.known(s), sector: sector.known(s),
                                      departement: Column.optionalText(s, 11), isRepeatCaller: Column.optionalBool(s, 12))
            d.level = try Column.optionalLevel(s, 13, "level")
            d.addiction = Column.optionalBool(s, 14) ?? false
            d.hospitalisation = Column.optionalBool(s, 15) ?? false
            d.notes = Column.optionalText(s, 16) ?? ""
            d.followUp = Column.optionalText(s, 17)
            if let opened = try Column.optionalDate(s, 18) {
                var steps: [EmergencyStep: Date] = [:]
                steps[.emergencyServicesCalled] = try Column.optionalDate(s, 19)
                steps[.supervisorCalled] = try Column.optionalDate(s, 20)
                steps[.callerKeptOnLine] = try Column.optionalDate(s, 21)
                var skipped: [EmergencyStep: String] = [:]
                skipped[.emergencyServicesCalled] = Column.optionalText(s, 22)
                skipped[.supervisorCalled] = Column.optionalText(s, 23)
                skipped[.callerKeptOnLine] = Column.optionalText(s, 24)
                d.emergency = EmergencyProtocol(openedAt: opened, steps: steps, skipped: skipped)
            }
            d.updatedAt = try Column.date(s, 25)
            d.savedAt = try Column.optionalDate(s, 26)
            d.line = CallLine.stored(Column.optionalText(s, 27))
            d.profile.lineCategory = Column.optionalText(s, 28)
            // A referral or a reason of a kind this version does not know is left out (`check` counts it).
            try referrals.take(id) { r in
                guard let kind = kind.known(r), let tier = ReferralTier(rawValue: Int(sqlite3_column_int64(r, 5))),
                      let status = referralStatus.known(r), let origin = origin.known(r) else { return }
                d.referrals.append(Referral(kind: kind, entryID: Column.optionalInt(r, 2), name: try Column.text(r, 3),
                                            contact: try Column.text(r, 4), tier: tier, status: status, origin: origin))
            }
            try gaps.take(id) { g in
                guard let kind: ReferralKind = try? Column.value(g, 1, "kind") else { return }
                d.referralGaps[kind] = ReferralGap(reason: (try? Column.value(g, 2, "reason")) ?? .unknown, note: Column.optionalText(g, 3) ?? "")
            }
            try alerts.take(id) { a in d.alerts.append(try Column.alert(a)) }
            try assessments.take(id) { a in
                d.assessment = try RiskAssessmentRow(
                    riskFactors: Column.optionalText(a, 1) ?? "", urgence: Column.optionalText(a, 2), dangerosite: Column.optionalText(a, 3),
                    means: Column.optionalText(a, 4), meansAtHand: Column.optionalBool(a, 5) ?? false, cssrs: Column.optionalText(a, 6) ?? "",
                    notAssessableReason: Column.optionalText(a, 7), suggestedLevel: Column.optionalInt(a, 8).map(Int.init),
                    suggestionReasons: Column.optionalText(a, 9), suggestedFollowUp: Column.optionalBool(a, 10) ?? false).assessment()
            }
            try motifs.take(id) { m in
                let motif: CallMotif = try Column.value(m, 1, "motif")
                d.motifs = (d.motifs ?? []) + [motif]
            }
            try body(d)
        }
    }

    private func statement(_ db: Database, _ sql: String) throws -> Statement {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        return statement
    }

    /// The rows of one attached table, in the calls' order; `take` hands over those of a call.
    struct SideStream {
        let statement: Statement
        let cursor: RowCursor
        /// Whether the statement stands on a row not handed over yet.
        var pending = false
        var done = false

        init(_ statement: Statement) throws {
            self.statement = statement
            cursor = try Row.fetchCursor(statement)
        }

        mutating func take(_ callID: String, _ body: (SQLiteStatement) throws -> Void) throws {
            let s = statement.sqliteStatement
            while !done {
                if !pending {
                    guard try cursor.next() != nil else { done = true; return }
                    pending = true
                }
                guard Column.textEquals(s, 0, callID) else { return }   // a later call's row
                try body(s)
                pending = false
            }
        }
    }

    /// Reading one column of the current row.
    enum Column {
        static func optionalText(_ s: SQLiteStatement, _ i: Int32) -> String? {
            guard sqlite3_column_type(s, i) != SQLITE_NULL, let text = sqlite3_column_text(s, i) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
        }

        /// Whether the column holds `text`, compared as bytes (no String made for the row).
        static func textEquals(_ s: SQLiteStatement, _ i: Int32, _ text: String) -> Bool {
            guard sqlite3_column_type(s, i) != SQLITE_NULL, let column = sqlite3_column_text(s, i) else { return false }
            let count = Int(sqlite3_column_bytes(s, i))
            var text = text
            return text.withUTF8 { utf8 in utf8.count == count && (count == 0 || memcmp(utf8.baseAddress!, column, count) == 0) }
        }

        static func text(_ s: SQLiteStatement, _ i: Int32) throws -> String {
            guard let text = optionalText(s, i) else { throw StoredValueUnknown(column: columnName(s, i), value: "NULL") }
            return text
        }

        static func optionalInt(_ s: SQLiteStatement, _ i: Int32) -> Int64? {
            sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
        }

        static func optionalBool(_ s: SQLiteStatement, _ i: Int32) -> Bool? {
            sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i) != 0
        }

        static func optionalDate(_ s: SQLiteStatement, _ i: Int32) throws -> Date? {
            switch sqlite3_column_type(s, i) {
            case SQLITE_NULL: return nil
            case SQLITE_TEXT:
                if let text = sqlite3_column_text(s, i), let date = SQLiteTimestamp.parse(text, Int(sqlite3_column_bytes(s, i))) {
                    return date
                }
                fallthrough
            default:
                // Any other shape GRDB reads (julian days, seconds, shorter texts).
                guard let date = Date(sqliteStatement: s, index: i) else {
                    throw StoredValueUnknown(column: columnName(s, i), value: optionalText(s, i) ?? "?")
                }
                return date
            }
        }

        static func date(_ s: SQLiteStatement, _ i: Int32) throws -> Date {
            guard let date = try optionalDate(s, i) else { throw StoredValueUnknown(column: columnName(s, i), value: "NULL") }
            return date
        }

        static func optionalValue<E: RawRepresentable>(_ s: SQLiteStatement, _ i: Int32, _ column: String) throws -> E?
        where E.RawValue == String {
            guard let raw = optionalText(s, i) else { return nil }
            guard let value = E(rawValue: raw) else { throw StoredValueUnknown(column: column, value: raw) }
            return value
        }

        static func value<E: RawRepresentable>(_ s: SQLiteStatement, _ i: Int32, _ column: String) throws -> E where E.RawValue == String {
            guard let value: E = try optionalValue(s, i, column) else { throw StoredValueUnknown(column: column, value: "NULL") }
            return value
        }

        static func optionalLevel(_ s: SQLiteStatement, _ i: Int32, _ column: String) throws -> ClassificationLevel? {
            guard let raw = optionalInt(s, i) else { return nil }
            guard let level = ClassificationLevel(rawValue: Int(raw)) else { throw StoredValueUnknown(column: column, value: "\(raw)") }
            return level
        }

        static func level(_ s: SQLiteStatement, _ i: Int32, _ column: String) throws -> ClassificationLevel {
            guard let level = try optionalLevel(s, i, column) else { throw StoredValueUnknown(column: column, value: "NULL") }
            return level
        }

        /// An alert's columns (table aliased `a`), the call first as every side stream has it.
        static let alertColumns = """
            a.call_id, a.id, a.operator, a.departement, a.level, a.reason, a.call_elapsed, a.raised_at, a.taken_by, a.taken_at,
            a.mistake_reason, a.mistake_marked_at, a.late_seconds
            """

        /// The alert of the current row, selected as `alertColumns`.
        static func alert(_ s: SQLiteStatement) throws -> Alert {
            Alert(id: try text(s, 1), callID: try text(s, 0), operatorName: try text(s, 2), departement: optionalText(s, 3),
                  level: try level(s, 4, "level"), reason: try value(s, 5, "reason"), callElapsed: sqlite3_column_double(s, 6),
                  raisedAt: try date(s, 7), takenBy: optionalText(s, 8), takenAt: try optionalDate(s, 9),
                  raisedByMistake: try optionalDate(s, 11).map { RaisedByMistake(reason: optionalText(s, 10) ?? "", markedAt: $0) },
                  lateBy: sqlite3_column_type(s, 12) == SQLITE_NULL ? nil : sqlite3_column_double(s, 12))
        }

        static func columnName(_ s: SQLiteStatement, _ i: Int32) -> String {
            sqlite3_column_name(s, i).map { String(cString: $0) } ?? "column \(i)"
        }
    }
}

/// Timestamps as GRDB stores dates: "YYYY-MM-DD HH:MM:SS.SSS" in UTC (also without the
/// milliseconds, or with a T); nil for any other shape, which the caller reads the slow way.
enum SQLiteTimestamp {
    /// Seconds after the reference date from which the fast reading is used (2004-03-03).
    static let fastFrom = 100_000_000

    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Date? {
        guard count == 19 || count == 23 else { return nil }
        func digits(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for k in from..<(from + length) {
                let c = Int(p[k]) - 48
                guard c >= 0, c <= 9 else { return nil }
                value = value * 10 + c
            }
            return value
        }
        guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "T"),
              p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"),
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var milliseconds = 0
        if count == 23 {
            guard p[19] == UInt8(ascii: "."), let ms = digits(20, 3) else { return nil }
            milliseconds = ms
        }
        // Days from the civil date (H. Hinnant's algorithm), then seconds since the reference date.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - 978_307_200
        // Near the reference date (2001), where a Double has bits to spare below the millisecond,
        // Foundation's calendar arithmetic differs from this sum in the last bit: dates before
        // March 2004 are left to GRDB (checked equal on 400,000 random instants after it).
        guard seconds >= Self.fastFrom else { return nil }
        return Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(milliseconds) / 1_000)
    }
}
