import EcouteTestSupport
import Foundation
import Testing

/// The built binary in platform mode: set up by the administrator, a psychologist's console on
/// PostgreSQL connected as their own role, a call saved that another psychologist cannot see.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PlatformEndToEndTests {
    @Test func aConsoleOnPostgresSavesACallOnlyItsOperatorAndSupervisorsSee() throws {
        let cluster = try ScratchPostgresCluster.get()
        let database = try cluster.newDatabase()
        defer { cluster.drop(database) }
        let admin = cluster.url(database: database)
        let again = try TmuxSession.run([ConsoleRun.binary, "admin", "init", "--database", admin])
        #expect(again.contains("already up to date"))
        let psy = "psy_\(database)", other = "other_\(database)", chef = "chef_\(database)"
        for (name, role) in [(psy, "psychologist"), (other, "psychologist"), (chef, "supervisor")] {
            try TmuxSession.run([ConsoleRun.binary, "operator", "add", name, "--role", role, "--database", admin])
        }

        let run = try ConsoleRun(database: cluster.url(database: database, role: psy))
        try run.start()
        try run.t.waitFor("Prêt à décrocher")
        _ = try ConsoleEndToEndTests.completeCall(run, level: 4)

        #expect(try cluster.psql(database, "SELECT operator || ' ' || phase || ' ' || level FROM ecoute.calls", as: psy)
                == "\(psy) saved 4\n")
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.call_referrals WHERE status = 'given'", as: psy) == "3\n")
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.calls", as: other) == "0\n")
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.calls", as: chef) == "1\n")
        // Rotation counts went to the platform database with the save.
        let rotation = try cluster.psql(database, "SELECT sum(times_given) FROM ecoute.directory_rotation", as: chef)
        #expect(rotation == "3\n", "\(rotation)")
        let check = try TmuxSession.run([ConsoleRun.binary, "check", "--database", admin])
        #expect(check.contains(": ok"))
    }
}
