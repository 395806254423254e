import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing

/// A backend the contract suite runs on. Each test opens a fresh, empty store through the same
/// factory the program uses.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    /// A fresh database of the test process's own PostgreSQL cluster, connected as its superuser
    /// (the role-based tests connect as operators' roles: PostgresAccessTests).
    case postgres

    var testDescription: String { rawValue }

    func open() throws -> OpenedStore {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-contract-\(UUID().uuidString)")
            let path = folder.appendingPathComponent("ecoute.sqlite").path
            let store = try StoreFactory.open(.sqlite(path: path), seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
            return OpenedStore(store: store, upgrade: { name in
                let script = "import sqlite3\nc = sqlite3.connect('\(path)')\nc.execute(\"INSERT INTO grdb_migrations (identifier) VALUES ('\(name)')\")\nc.commit()"
                _ = try TestProcess.run(["/usr/bin/python3", "-c", script])
            }, backdateHandoffs: { days in
                let script = "import sqlite3\nc = sqlite3.connect('\(path)')\n"
                    + "c.execute(\"UPDATE shift_handoffs SET written_at = strftime('%Y-%m-%d %H:%M:%f', written_at, '-\(days) days')\")\nc.commit()"
                _ = try TestProcess.run(["/usr/bin/python3", "-c", script])
            }, backdateLeases: { seconds in
                let script = "import sqlite3\nc = sqlite3.connect('\(path)')\n"
                    + "c.execute(\"UPDATE call_leases SET heartbeat_at = strftime('%Y-%m-%d %H:%M:%f', heartbeat_at, '-\(seconds) seconds')\")\nc.commit()"
                _ = try TestProcess.run(["/usr/bin/python3", "-c", script])
            }) { try? FileManager.default.removeItem(at: folder) }
        case .postgres:
            let cluster = try ScratchPostgresCluster.get()
            let database = try cluster.newDatabase()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-contract-\(UUID().uuidString)")
            let store = try StoreFactory.open(.server(url: cluster.url(database: database)),
                                              seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                                              directoryPath: folder.appendingPathComponent("ecoute.directory.sqlite").path)
            return OpenedStore(store: store, upgrade: { name in
                _ = try cluster.psql(database, "INSERT INTO ecoute.schema_migrations (name) VALUES ('\(name)')")
            }, backdateHandoffs: { days in
                _ = try cluster.psql(database, "UPDATE ecoute.shift_handoffs SET written_at = written_at - interval '\(days) days'")
            }, backdateLeases: { seconds in
                _ = try cluster.psql(database, "UPDATE ecoute.call_leases SET heartbeat_at = heartbeat_at - interval '\(seconds) seconds'")
            }) {
                cluster.drop(database)
                try? FileManager.default.removeItem(at: folder)
            }
        }
    }
}

/// A store for one test, removed when the test lets go of it.
final class OpenedStore {
    let store: any Store
    /// Records a migration as a newer ecoute would have applied it, by the engine's own client.
    let upgrade: (String) throws -> Void
    /// Moves every handoff note this many days into the past, by the engine's own client (the
    /// platform database writes a note at the server's time, whatever the program says).
    let backdateHandoffs: (Int) throws -> Void
    /// Moves every lease's last heartbeat this many seconds into the past (its console fell silent).
    let backdateLeases: (Int) throws -> Void
    private let cleanUp: () -> Void

    init(store: any Store, upgrade: @escaping (String) throws -> Void, backdateHandoffs: @escaping (Int) throws -> Void,
         backdateLeases: @escaping (Int) throws -> Void, cleanUp: @escaping () -> Void) {
        self.store = store
        self.upgrade = upgrade
        self.backdateHandoffs = backdateHandoffs
        self.backdateLeases = backdateLeases
        self.cleanUp = cleanUp
    }

    deinit { cleanUp() }

    /// Adds directory entries the way an administrator does: an import of a JSON file.
    func add(_ entries: [DirectoryEntry]) throws {
        _ = try store.directoryMaintenance.importFile(ExchangeFormat.json.encode(entries), format: .json, fileName: "t.json",
                                                      defaultSource: "t", skipInvalid: false)
    }
}
