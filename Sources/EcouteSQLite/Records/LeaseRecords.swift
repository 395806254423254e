import EcouteCore
import Foundation
import GRDB

/// One row of `call_leases`: the console holding a call in progress.
struct CallLeaseRecord: SnakeCaseRecord {
    static let databaseTableName = "call_leases"

    var callId: String
    var console: String
    var host: String
    var pid: Int32
    var `operator`: String
    var heartbeatAt: Date

    init(callID: String, _ c: ConsoleIdentity, at: Date) {
        callId = callID
        console = c.id
        host = c.host
        pid = c.pid
        self.operator = c.operatorName
        heartbeatAt = at
    }

    var holder: CallHolder {
        CallHolder(console: ConsoleIdentity(id: console, host: host, pid: pid, operatorName: self.operator), heartbeatAt: heartbeatAt)
    }
}

/// One row of `call_takeovers`.
package struct CallTakeoverRecord: SnakeCaseRecord {
    package static let databaseTableName = "call_takeovers"

    var id: Int64?
    package var callId: String
    package var at: Date
    package var byConsole: String
    package var byHost: String
    package var byPid: Int32
    package var byOperator: String
    package var fromConsole: String?
    package var fromHost: String?
    package var fromPid: Int32?
    package var fromOperator: String?
    package var fromHeartbeatAt: Date?

    init(_ t: CallTakeover) {
        callId = t.callID
        at = t.at
        byConsole = t.by.id
        byHost = t.by.host
        byPid = t.by.pid
        byOperator = t.by.operatorName
        fromConsole = t.from?.console.id
        fromHost = t.from?.console.host
        fromPid = t.from?.console.pid
        fromOperator = t.from?.console.operatorName
        fromHeartbeatAt = t.from?.heartbeatAt
    }

    var takeover: CallTakeover {
        var from: CallHolder?
        if let fromConsole, let fromHost, let fromPid, let fromOperator, let fromHeartbeatAt {
            from = CallHolder(console: ConsoleIdentity(id: fromConsole, host: fromHost, pid: fromPid, operatorName: fromOperator),
                              heartbeatAt: fromHeartbeatAt)
        }
        return CallTakeover(callID: callId, at: at,
                            by: ConsoleIdentity(id: byConsole, host: byHost, pid: byPid, operatorName: byOperator), from: from)
    }
}
