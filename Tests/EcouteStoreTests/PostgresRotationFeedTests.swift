import EcouteCore
@testable import EcoutePostgres
import EcouteSQLite
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing

/// The directory's rotation on the platform database: a save appends the entries it gave (no row
/// that every save giving the same entry must lock), and the feed gives each entry given since a
/// mark its whole count — what older versions counted in place plus the rows appended — so a
/// copy is idempotent.
@Suite final class PostgresRotationFeedTests {
    let cluster: ScratchPostgresCluster
    let database: String

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        _ = try StoreFactory.open(.server(url: cluster.url(database: database)),
                                  seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                                  directoryPath: FileManager.default.temporaryDirectory
                                      .appendingPathComponent("ecoute-rot-\(UUID().uuidString)/d.sqlite").path)
    }

    deinit { cluster.drop(database) }

    func feed() throws -> PostgresRotationFeed {
        PostgresRotationFeed(session: try PostgresSession(PostgresURL.parse(cluster.url(database: database), systemUser: "postgres")))
    }

    func counts(_ rows: [DirectoryRotationRow]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: rows.map { ($0.sourceID, $0.timesGiven) })
    }

    @Test func entriesGivenAreAppendedAndReadWithTheirWholeCount() throws {
        // x counted 3 times in place by an older version a day ago, z two days ago and never since.
        _ = try cluster.psql(database, """
            INSERT INTO ecoute.directory_rotation (source, source_id, last_given_at, times_given, changed_at)
            VALUES ('rpps', 'x', now() - interval '1 day', 3, now() - interval '1 day'),
                   ('rpps', 'z', now() - interval '2 days', 7, now() - interval '2 days')
            """)
        let feed = try feed()
        let first = try feed.rotation(changedSince: nil)
        #expect(counts(first.rows) == ["x": 3, "z": 7])
        _ = try cluster.psql(database, """
            INSERT INTO ecoute.directory_rotation_given (source, source_id, given_at)
            VALUES ('rpps', 'x', now()), ('rpps', 'x', now()), ('rpps', 'y', now())
            """)
        // Since the first read's mark (less a minute, for late commits): what was given since, each
        // with its whole count; not z.
        let second = try feed.rotation(changedSince: first.mark)
        #expect(counts(second.rows) == ["x": 5, "y": 1])
        #expect(try #require(second.mark) > first.mark!)
        let x = try #require(second.rows.first { $0.sourceID == "x" })
        #expect(Date().timeIntervalSince(x.lastGivenAt) < 60)
        // Read again from the start: the same whole counts (a copy is idempotent).
        #expect(counts(try feed.rotation(changedSince: nil).rows) == ["x": 5, "y": 1, "z": 7])
    }
}
