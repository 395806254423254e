import EcouteCore
import Foundation
import GRDB

/// One row of `operators`.
struct OperatorRow: SnakeCaseRecord {
    static let databaseTableName = "operators"

    var name: String
    var role: OperatorRole
    var systemUser: String?
    var createdAt: Date
    var phone: String?

    var record: OperatorRecord { OperatorRecord(name: name, role: role, systemUser: systemUser, phone: phone) }
}

/// One row of `shifts`.
struct ShiftRow: SnakeCaseRecord {
    static let databaseTableName = "shifts"

    var id: String
    var `operator`: String
    var startedAt: Date
    var endedAt: Date?
    /// The line the shift was started on (v23-lines-presence-shifts-handoffs).
    var line: String
}

/// One row of `audit_log` (append-only: triggers refuse UPDATE and DELETE).
struct AuditRow: SnakeCaseRecord {
    static let databaseTableName = "audit_log"

    var id: Int64?
    var callId: String
    var at: Date
    var by: String
    var field: String
    var oldValue: String?
    var newValue: String?
    var reason: String
    /// The hash chain (`AuditChain`): the previous entry's hash, the call's digest after the
    /// change, and this entry's hash.
    var previousHash: String?
    var callDigest: String?
    var hash: String?

    init(_ e: AuditEntry) {
        callId = e.callID
        at = e.at
        by = e.by
        field = e.field
        oldValue = e.oldValue
        newValue = e.newValue
        reason = e.reason
    }

    var entry: AuditEntry {
        AuditEntry(callID: callId, at: at, by: by, field: field, oldValue: oldValue, newValue: newValue, reason: reason)
    }
}
