import EcouteCore
import Foundation
import GRDB
import Testing
@testable import EcouteStore

/// Operators, shifts, who may see which calls, and the audit log of supervisors' corrections.
@Suite struct ReviewStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_795_500_000)
    let alice = Viewer(name: "alice", role: .psychologist)
    let bob = Viewer(name: "bob", role: .psychologist)
    let chef = Viewer(name: "chef", role: .supervisor)

    func savedCall(_ id: String, by name: String, at start: Date, level: ClassificationLevel = .anxiety) -> CallDraft {
        var c = CallDraft(id: id, operatorName: name, pickedUpAt: start)
        c.endedAt = start + 1200
        c.level = level
        c.phase = .saved
        c.savedAt = start + 1300
        c.updatedAt = start + 1300
        return c
    }

    /// Two shifts: alice (two calls) and bob (one call).
    func fixture() throws -> (TemporaryDatabase, SQLiteReview, aliceShift: String, bobShift: String) {
        let t = try TemporaryDatabase()
        let review = SQLiteReview(pool: t.pool)
        let a = try review.startShift(operatorName: "alice", at: t0)
        let b = try review.startShift(operatorName: "bob", at: t0 + 3600)
        try SQLiteCallRepository(pool: t.pool, shiftID: a).persist(savedCall("a1", by: "alice", at: t0 + 60))
        try SQLiteCallRepository(pool: t.pool, shiftID: a).persist(savedCall("a2", by: "alice", at: t0 + 2000, level: .suicidalIdeation))
        try SQLiteCallRepository(pool: t.pool, shiftID: b).persist(savedCall("b1", by: "bob", at: t0 + 4000))
        try review.endShift(a, at: t0 + 7200)
        return (t, review, a, b)
    }

    @Test func aPsychologistSeesOnlyTheirOwnShiftsAndCalls() throws {
        let (t, review, a, b) = try fixture()
        defer { withExtendedLifetime(t) {} }
        #expect(try review.shifts(visibleTo: alice).map(\.id) == [a])
        #expect(try review.calls(CallQuery(), visibleTo: alice).map(\.id) == ["a1", "a2"])
        #expect(try review.calls(CallQuery(shiftID: b), visibleTo: alice).isEmpty)
        #expect(throws: SQLiteReview.AccessDenied.self) { try review.calls(CallQuery(operatorName: "bob"), visibleTo: alice) }
        // A supervisor sees everything.
        #expect(Set(try review.shifts(visibleTo: chef).map(\.id)) == [a, b])
        #expect(try review.calls(CallQuery(), visibleTo: chef).map(\.id) == ["a1", "a2", "b1"])
        #expect(try review.calls(CallQuery(operatorName: "bob"), visibleTo: chef).map(\.id) == ["b1"])
        #expect(try review.calls(CallQuery(from: t0 + 1000, to: t0 + 4000), visibleTo: chef).map(\.id) == ["a2"])
    }

    @Test func shiftsCarryTheirCallsTotalTimeAndEnd() throws {
        let (t, review, a, b) = try fixture()
        defer { withExtendedLifetime(t) {} }
        let shifts = try review.shifts(visibleTo: chef)
        let alices = try #require(shifts.first { $0.id == a })
        #expect(alices.callCount == 2 && alices.totalDuration == 2400 && alices.endedAt == t0 + 7200)
        #expect(shifts.first { $0.id == b }?.endedAt == nil)   // still open
        #expect(shifts.map(\.id) == [b, a])                      // newest first
    }

    @Test func aResumedCallKeepsItsShift() throws {
        let (t, review, a, _) = try fixture()
        defer { withExtendedLifetime(t) {} }
        let later = try review.startShift(operatorName: "alice", at: t0 + 9000)
        var resumed = savedCall("a1", by: "alice", at: t0 + 60)
        resumed.notes = "reprise"
        try SQLiteCallRepository(pool: t.pool, shiftID: later).persist(resumed)
        #expect(try review.calls(CallQuery(shiftID: a), visibleTo: alice).map(\.id) == ["a1", "a2"])
    }

    @Test func everySupervisorCorrectionIsInTheAuditLog() throws {
        let (t, review, _, _) = try fixture()
        defer { withExtendedLifetime(t) {} }
        try review.correct(callID: "a2", field: .level, to: "5", reason: "idées avec projet, relu avec l'écoutante", by: chef, at: t0 + 8000)
        try review.correct(callID: "a2", field: .addiction, to: "oui", reason: "alcool mentionné", by: chef, at: t0 + 8100)
        let call = try #require(try review.calls(CallQuery(), visibleTo: chef).first { $0.id == "a2" })
        #expect(call.level == .imminentRisk && call.addiction)
        #expect(try review.auditLog(callID: "a2") == [
            AuditEntry(callID: "a2", at: t0 + 8000, by: "chef", field: "level", oldValue: "4", newValue: "5",
                       reason: "idées avec projet, relu avec l'écoutante"),
            AuditEntry(callID: "a2", at: t0 + 8100, by: "chef", field: "addiction", oldValue: "no", newValue: "yes", reason: "alcool mentionné"),
        ])
    }

    @Test func onlySupervisorsCorrectWithAReasonAndARealChange() throws {
        let (t, review, _, _) = try fixture()
        #expect(throws: SQLiteReview.AccessDenied.self) {
            try review.correct(callID: "a1", field: .level, to: "2", reason: "x", by: alice, at: t0)
        }
        #expect(throws: SQLiteReview.CorrectionError.self) { try review.correct(callID: "a1", field: .level, to: "2", reason: " ", by: chef, at: t0) }
        #expect(throws: SQLiteReview.CorrectionError.self) { try review.correct(callID: "a1", field: .level, to: "7", reason: "x", by: chef, at: t0) }
        #expect(throws: SQLiteReview.CorrectionError.self) { try review.correct(callID: "a1", field: .level, to: "1", reason: "x", by: chef, at: t0) }
        #expect(throws: SQLiteReview.CorrectionError.self) { try review.correct(callID: "zz", field: .level, to: "1", reason: "x", by: chef, at: t0) }
        #expect(try review.auditLog(callID: "a1").isEmpty)
        // The log cannot be rewritten, even with SQL.
        try review.correct(callID: "a1", field: .notes, to: "relu", reason: "précision", by: chef, at: t0)
        #expect(throws: DatabaseError.self) { try t.pool.write { db in try db.execute(sql: "UPDATE audit_log SET reason = 'x'") } }
        #expect(throws: DatabaseError.self) { try t.pool.write { db in try db.execute(sql: "DELETE FROM audit_log") } }
        #expect(try review.auditLog(callID: "a1").count == 1)
    }

    @Test func systemUsersMapToOperatorsAndRoles() throws {
        let (t, review, _, _) = try fixture()
        defer { withExtendedLifetime(t) {} }
        #expect(try review.viewer(systemUser: "dupont") == Viewer(name: "dupont", role: .psychologist))
        #expect(try !review.hasSupervisor())
        try review.saveOperator(name: "chef", role: .supervisor, systemUser: "mdupont", now: t0)
        try review.saveOperator(name: "alice", role: .trainer, systemUser: nil, now: t0)
        #expect(try review.viewer(systemUser: "mdupont") == chef)
        #expect(try review.viewer(systemUser: "alice") == Viewer(name: "alice", role: .trainer))
        #expect(try review.hasSupervisor())
        #expect(try review.operators().map(\.name) == ["alice", "chef"])
    }
}
