import EcouteCore
import Foundation
import GRDB

/// Leases over SQLite: compare-and-swap in one IMMEDIATE transaction, so two consoles taking
/// over the same call cannot both succeed.
public struct SQLiteCallLeases: CallLeases {
    let database: DatabaseQueue

    public init(database: DatabaseQueue) { self.database = database }

    public func holders(of callIDs: [String]) throws -> [String: CallHolder] {
        guard !callIDs.isEmpty else { return [:] }
        return try database.read { db in
            let rows = try CallLeaseRecord.filter(callIDs.contains(Column("call_id"))).fetchAll(db)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0.callId, $0.holder) })
        }
    }

    public func heartbeat(_ console: ConsoleIdentity, at: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "UPDATE call_leases SET heartbeat_at = ? WHERE console = ?", arguments: [at, console.id])
            return db.changesCount
        }
    }

    public func takeOver(_ callID: String, from: CallHolder?, by console: ConsoleIdentity, at: Date) throws {
        try database.write { db in
            let current = try CallLeaseRecord.fetchOne(db, key: callID)?.holder
            if current?.console.id == console.id { return }   // already ours
            guard current == from else { throw CallHeldElsewhere(callID: callID, holder: current) }
            try CallLeaseRecord(callID: callID, console, at: at).upsert(db)
            try CallTakeoverRecord(CallTakeover(callID: callID, at: at, by: console, from: from)).insert(db)
        }
    }

    public func takeovers(of callID: String) throws -> [CallTakeover] {
        try database.read { db in
            try CallTakeoverRecord.filter(Column("call_id") == callID).order(Column("at"), Column("id")).fetchAll(db).map(\.takeover)
        }
    }
}
