import EcouteCore
import EcouteResources
import EcouteStore
@testable import EcoutePostgres
import EcouteTestSupport
import Foundation
import Testing

/// A connection the server ended (a restart, `pg_terminate_backend`) is made again by the next
/// statement, with the session's settings; the change feed listens again and says « changed »,
/// since what was notified meanwhile is lost.
@Suite final class PostgresReconnectTests {
    let cluster: ScratchPostgresCluster
    let database: String
    let folder: URL
    let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pg-\(UUID().uuidString)")
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    func open() throws -> any Store {
        try StoreFactory.open(.server(url: cluster.url(database: database)),
                              seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                              directoryPath: folder.appendingPathComponent("ecoute.directory.sqlite").path, interactive: true)
    }

    /// Ends every other connection to the test database, as a server restart does.
    func terminateConnections() throws {
        _ = try cluster.psql(database, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    }

    @Test func aStatementAfterTheConnectionWasEndedConnectsAgainWithTheConsoleLimits() throws {
        let store = try open()
        let calls = store.calls(shiftID: nil, console: ConsoleIdentity(id: "c", host: "h", pid: 1, operatorName: ScratchPostgresCluster.superuser))
        try calls.persist(CallDraft(id: "before", operatorName: ScratchPostgresCluster.superuser, pickedUpAt: t0))
        try terminateConnections()
        // The first statement on the dead connection fails (its answer is lost); the next connects again.
        let draft = CallDraft(id: "after", operatorName: ScratchPostgresCluster.superuser, pickedUpAt: t0 + 60)
        do { try calls.persist(draft) } catch { try calls.persist(draft) }
        #expect(try calls.call(id: "after") != nil)
        // The new connection carries the console's limits.
        let session = try #require((store as? PostgresStore)?.session)
        #expect(try session.rows("SHOW statement_timeout").first?.text("statement_timeout") == "5s")
        #expect(try session.rows("SHOW lock_timeout").first?.text("lock_timeout") == "2s")
    }

    @Test func theChangeFeedListensAgainAndSaysChangedAfterAReconnection() throws {
        let store = try open()
        let feed = try store.changeFeed()
        #expect(try feed.poll() == false)
        try terminateConnections()
        // The poll that finds the connection gone fails; the next one reconnects and says « changed ».
        var changed: Bool?
        for _ in 0..<3 {
            if let answer = try? feed.poll() { changed = answer; break }
        }
        #expect(changed == true)
        #expect(try feed.poll() == false)
        // Listening again for real: another connection's save is noticed.
        let other = try open()
        var saved = CallDraft(id: "elsewhere", operatorName: ScratchPostgresCluster.superuser, pickedUpAt: t0)
        saved.endedAt = t0 + 600
        saved.level = .anxiety
        saved.phase = .saved
        saved.savedAt = t0 + 700
        saved.updatedAt = t0 + 700
        try other.calls(shiftID: nil, console: ConsoleIdentity(id: "o", host: "h", pid: 2, operatorName: ScratchPostgresCluster.superuser))
            .finalize(saved)
        var noticed = false
        for _ in 0..<20 where !noticed {
            noticed = try feed.poll()
            if !noticed { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(noticed)
    }
}
