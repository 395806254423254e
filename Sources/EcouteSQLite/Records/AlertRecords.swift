import EcouteCore
import Foundation
import GRDB

/// One row of `alerts`.
package struct AlertRecord: SnakeCaseRecord {
    package static let databaseTableName = "alerts"

    var id: String
    var callId: String
    var `operator`: String
    var departement: String?
    var level: ClassificationLevel
    var reason: AlertReason
    var callElapsed: Double
    var raisedAt: Date
    var takenBy: String?
    var takenAt: Date?
    var mistakeReason: String?
    var mistakeMarkedAt: Date?
    var lateSeconds: Double?

    package init(_ a: Alert) {
        id = a.id
        callId = a.callID
        self.operator = a.operatorName
        departement = a.departement
        level = a.level
        reason = a.reason
        callElapsed = a.callElapsed
        raisedAt = a.raisedAt
        takenBy = a.takenBy
        takenAt = a.takenAt
        mistakeReason = a.raisedByMistake?.reason
        mistakeMarkedAt = a.raisedByMistake?.markedAt
        lateSeconds = a.lateBy
    }

    package var alert: Alert {
        Alert(id: id, callID: callId, operatorName: self.operator, departement: departement, level: level, reason: reason,
              callElapsed: callElapsed, raisedAt: raisedAt, takenBy: takenBy, takenAt: takenAt,
              raisedByMistake: mistakeMarkedAt.map { RaisedByMistake(reason: mistakeReason ?? "", markedAt: $0) }, lateBy: lateSeconds)
    }
}

/// One row of `console_presence`.
struct PresenceRecord: SnakeCaseRecord {
    static let databaseTableName = "console_presence"

    var console: String
    var host: String
    var pid: Int32
    var `operator`: String
    var shiftId: String?
    var activity: ConsoleActivity
    var callId: String?
    var callStartedAt: Date?
    var level: ClassificationLevel?
    var heartbeatAt: Date
    var line: String

    var presence: ConsolePresence {
        ConsolePresence(console: ConsoleIdentity(id: console, host: host, pid: pid, operatorName: self.operator), shiftID: shiftId,
                        activity: activity, callID: callId, callStartedAt: callStartedAt, level: level, heartbeatAt: heartbeatAt, line: line)
    }
}
