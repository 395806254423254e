import EcouteCore
import Foundation
import PostgresNIO

/// Caller codes on the platform database, through the engine's functions
/// (`PostgresCallerCodeSchema`): the operator is the connection's role, a caller's history is
/// read only by `read_caller_history` (audited in the same transaction), and row-level security
/// shows a psychologist only the codes of their own calls.
struct PostgresCallerCodes: CallerCodes {
    let session: PostgresSession

    /// The engine's refusals as the seam's errors.
    private func engine<T>(_ body: () throws -> T) throws -> T {
        try EngineRefusal.mapped(CallerCodeRefused.init, inputStates: ["22023", "23503", "23514"], body)
    }

    func attach(_ code: CallerCode, toCall callID: String, issued: Bool, by viewer: Viewer, at: Date) throws {
        try engine {
            _ = try session.execute("SELECT ecoute.attach_caller_code($1, $2, $3, $4, $5)",
                                    [.of(callID), .of(code.characters), .of(issued), .of(at), .of(viewer.name)])
        }
    }

    func code(ofCall callID: String, visibleTo viewer: Viewer) throws -> CallerCode? {
        guard let row = try session.rows("SELECT k.code, c.operator FROM caller_codes k JOIN calls c ON c.id = k.call_id WHERE k.call_id = $1",
                                         [.of(callID)]).first,
              viewer.canSee(callsOf: try row.text("operator")) else { return nil }
        return try CallerCode.parse(row.text("code")).get()
    }

    func history(of code: CallerCode, forCall callID: String, by viewer: Viewer, at: Date) throws -> [CallerHistoryCall] {
        try engine {
            try session.rows("SELECT * FROM ecoute.read_caller_history($1, $2, $3, $4, $5)",
                             [.of(code.characters), .of(callID), .of(at), .of(viewer.name), .of(viewer.role == .supervisor)]).map { row in
                try CallerHistoryCall(callID: row.text("h_id"), pickedUpAt: row.date("h_picked_up_at"), endedAt: row.optionalDate("h_ended_at"),
                                      level: row.optionalInt("h_level").flatMap(ClassificationLevel.init(rawValue:)),
                                      motifs: CallerHistoryCall.motifs(fromStored: row.optionalText("h_motifs")),
                                      referrals: CallerHistoryCall.referrals(fromStored: row.optionalText("h_referrals")),
                                      operatorName: row.text("h_operator"), operatorOnShift: row.bool("h_on_shift"),
                                      followUp: row.optionalText("h_follow_up"), notes: row.optionalText("h_notes"))
            }
        }
    }

    func linkedCalls(ofCall callID: String, visibleTo viewer: Viewer) throws -> [LinkedCall] {
        var sql = """
            SELECT c.id, c.picked_up_at, c.operator FROM caller_codes mine JOIN caller_codes other ON other.code = mine.code AND other.call_id <> mine.call_id
            JOIN calls c ON c.id = other.call_id WHERE mine.call_id = $1
            """
        var values: [SQLValue] = [.of(callID)]
        if viewer.role != .supervisor {
            values.append(.of(viewer.name))
            sql += " AND c.operator = $2 AND EXISTS (SELECT 1 FROM calls m WHERE m.id = mine.call_id AND m.operator = $2)"
        }
        return try session.rows(sql + " ORDER BY c.picked_up_at, c.id", values).map {
            try LinkedCall(callID: $0.text("id"), pickedUpAt: $0.date("picked_up_at"), operatorName: $0.text("operator"))
        }
    }

    func figures(from: Date, to: Date, visibleTo viewer: Viewer) throws -> CallerCodeFigures {
        try engine {
            guard let row = try session.rows("SELECT * FROM ecoute.caller_code_figures($1, $2, $3, $4)",
                                             [.of(from), .of(to), .of(viewer.name), .of(viewer.role == .supervisor)]).first
            else { return CallerCodeFigures() }
            return try CallerCodeFigures(codesIssued: row.int("f_issued"), callsWithCode: row.int("f_with_code"), repeatCalls: row.int("f_repeat"))
        }
    }

    func historyReads(since: Date, by viewer: Viewer) throws -> [CallerHistoryRead] {
        guard viewer.role == .supervisor else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot read the caller history audit: supervisors only")
        }
        return try engine {
            try session.rows("SELECT code, for_call, at, by, calls_shown FROM caller_history_reads WHERE at >= $1 ORDER BY id", [.of(since)]).map {
                try CallerHistoryRead(code: $0.text("code"), forCall: $0.text("for_call"), at: $0.date("at"), by: $0.text("by"),
                                      callsShown: $0.int("calls_shown"))
            }
        }
    }
}
