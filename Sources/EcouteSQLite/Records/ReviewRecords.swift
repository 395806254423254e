import EcouteCore
import Foundation
import GRDB

/// One row of `operators`.
package struct OperatorRow: SnakeCaseRecord {
    package static let databaseTableName = "operators"

    var name: String
    var role: OperatorRole
    var systemUser: String?
    package var createdAt: Date
    var phone: String?

    package var record: OperatorRecord { OperatorRecord(name: name, role: role, systemUser: systemUser, phone: phone) }
}

/// One row of `shifts`.
package struct ShiftRow: SnakeCaseRecord {
    package static let databaseTableName = "shifts"

    package var id: String
    package var `operator`: String
    package var startedAt: Date
    package var endedAt: Date?
    /// The line the shift was started on (v23-lines-presence-shifts-handoffs).
    package var line: String
}

/// One row of `audit_log` (append-only: triggers refuse UPDATE and DELETE).
package struct AuditRow: SnakeCaseRecord {
    package static let databaseTableName = "audit_log"

    var id: Int64?
    package var callId: String
    package var at: Date
    package var by: String
    package var field: String
    package var oldValue: String?
    package var newValue: String?
    package var reason: String
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
