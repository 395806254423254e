import EcouteTUI
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
        try run.t.waitFor(TestResources.french["idle.title"])
        // The console shows itself to the supervisors' board, and to nobody else.
        #expect(try eventually { try cluster.psql(database, "SELECT operator FROM ecoute.console_presence", as: chef) == "\(psy)\n" })
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.console_presence", as: other) == "0\n")
        _ = try ConsoleEndToEndTests.completeCall(run, level: 5)

        #expect(try cluster.psql(database, "SELECT operator || ' ' || phase || ' ' || level FROM ecoute.calls", as: psy)
                == "\(psy) saved 5\n")
        #expect(try cluster.psql(database, "SELECT count(*) > 0 FROM ecoute.call_referrals WHERE status = 'given'", as: psy) == "t\n")
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.calls", as: other) == "0\n")
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.calls", as: chef) == "1\n")
        // Level 5 raised an alert the supervisors see (and another psychologist does not).
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.alerts WHERE level = 5", as: chef) == "1\n")
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.alerts", as: other) == "0\n")
        // Rotation counts went to the platform database with the save.
        #expect(try cluster.psql(database, "SELECT count(*) > 0 FROM ecoute.directory_rotation_given", as: chef) == "t\n")
        let check = try TmuxSession.run([ConsoleRun.binary, "check", "--database", admin])
        #expect(check.contains(": ok"))
    }

    @Test func anAlertReachesASupervisorsBoardOnAnotherConnectionAndIsTaken() throws {
        let cluster = try ScratchPostgresCluster.get()
        let database = try cluster.newDatabase()
        defer { cluster.drop(database) }
        let admin = cluster.url(database: database)
        let psy = "psy_\(database)", chef = "chef_\(database)"
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", psy, "--role", "psychologist", "--database", admin])
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", chef, "--role", "supervisor", "--phone", "06 99 00 00 01",
                             "--database", admin])
        let run = try ConsoleRun(database: cluster.url(database: database, role: psy))
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        let board = try TmuxSession("LANG=C.UTF-8 \(run.environment) '\(ConsoleRun.binary)' board --database '\(cluster.url(database: database, role: chef))'; echo EXIT=$?; sleep 600")
        try board.waitFor(TestResources.french["board.noAlert"])
        try board.waitFor(String(psy.prefix(12)))   // the consoles column cuts a long role name
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
        // The board woken by NOTIFY on its own connection: within 2 s.
        try raiseAndTakeAlert(console: run.t, board: board, psychologist: psy, supervisor: chef)
        #expect(try cluster.psql(database, "SELECT taken_by FROM ecoute.alerts", as: psy) == "\(chef)\n")
    }

    /// The server stops in the middle of a call: the console keeps answering keys and redrawing,
    /// says within 3 s that the call is kept on the workstation, and writes it once the server is
    /// back, without a key; SIGTERM during an outage ends it within 2 s with the call kept.
    @Test func aCallInProgressSurvivesTheServerStoppingAndIsWrittenOnceItIsBack() throws {
        let cluster = try ScratchPostgresCluster()   // its own: this test stops and starts it
        defer { cluster.stop() }
        let database = try cluster.newDatabase()
        let psy = "psy_\(database)"
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", psy, "--role", "psychologist", "--database", cluster.url(database: database)])
        let run = try ConsoleRun(database: cluster.url(database: database, role: psy))
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
        #expect(try eventually { try cluster.psql(database, "SELECT count(*) FROM ecoute.calls") == "1\n" })

        try cluster.pause()
        // Keys answer and the screen redraws during the outage.
        try run.t.press(.editNotes, in: .inCall)
        try run.t.type("pendant la panne")
        try run.t.waitFor("pendant la panne", limit: 2)
        try run.t.press(.confirm, in: OverlayKeymap.notes)
        let outage = Date()
        try run.t.waitFor(allOf: [TestResources.french.prefix("message.writeFailedKept"), TestResources.french["fault.unreachable"]], limit: 10)
        #expect(Date().timeIntervalSince(outage) <= 3)

        try cluster.resume()
        // Written once the server is back, by the console's own retry.
        #expect(try eventually { try cluster.psql(database, "SELECT notes FROM ecoute.calls") == "pendant la panne\n" })
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.calls") == "1\n")
        try run.t.waitFor(TestResources.french.prefix("call.title"))

        // Down again; SIGTERM ends the console within 2 s, the call kept on the workstation.
        try cluster.pause()
        try run.t.press(.editNotes, in: .inCall); try run.t.type(" encore"); try run.t.press(.confirm, in: OverlayKeymap.notes)
        try run.t.waitFor(TestResources.french.prefix("message.writeFailedKept"), limit: 10)
        let pid = try #require(try run.t.programPID())
        let asked = Date()
        kill(pid, SIGTERM)
        try run.t.waitFor("EXIT=143", limit: 5)
        #expect(Date().timeIntervalSince(asked) <= 2.5)
        let journal = run.folder.appendingPathComponent("state/ecoute/journal")
        let kept = try FileManager.default.contentsOfDirectory(atPath: journal.path).filter { $0.hasSuffix(".json") }
        #expect(kept.count == 1)
        let text = try String(contentsOf: journal.appendingPathComponent(kept[0]), encoding: .utf8)
        #expect(text.contains("pendant la panne encore"))
        try cluster.resume()
    }

    /// The server stops under a supervisor's board: the board keeps answering keys, says within
    /// 3 s since when the database is out of reach, and recovers alone once it is back — an alert
    /// raised after the restart reaches it within 2 s (its LISTEN made again).
    @Test func theBoardSaysTheDatabaseIsOutOfReachAndRecoversAlone() throws {
        let cluster = try ScratchPostgresCluster()   // its own: this test stops and starts it
        defer { cluster.stop() }
        let database = try cluster.newDatabase()
        let psy = "psy_\(database)", chef = "chef_\(database)"
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", psy, "--role", "psychologist", "--database", cluster.url(database: database)])
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", chef, "--role", "supervisor", "--database", cluster.url(database: database)])
        let run = try ConsoleRun(database: cluster.url(database: database, role: psy))
        let board = try TmuxSession("LANG=C.UTF-8 \(run.environment) '\(ConsoleRun.binary)' board --database '\(cluster.url(database: database, role: chef))'; echo EXIT=$?; sleep 600")
        let s = TestResources.french
        try board.waitFor(s["board.noAlert"])

        try cluster.pause()
        let outage = Date()
        try board.waitFor(s.prefix("board.unreachable"), limit: 10)
        #expect(Date().timeIntervalSince(outage) <= 3)
        // Keys answer during the outage: the help opens and closes.
        try board.press(.help, in: BoardKeymap.keymap)
        try board.waitFor(s["board.help.title"], limit: 2)
        try board.send("Escape")   // any key closes the help (« help.close »): no keymap binds one
        try board.waitFor(s.prefix("board.unreachable"), notWhile: s["board.help.title"], limit: 2)

        try cluster.resume()
        try board.waitFor(s["board.noAlert"], notWhile: s.prefix("board.unreachable"), limit: 15)
        try run.start()
        try run.t.waitFor(s["idle.title"])
        try board.waitFor(String(psy.prefix(12)))   // the consoles column cuts a long role name
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(s.prefix("call.title"))
        try raiseAndTakeAlert(console: run.t, board: board, psychologist: psy, supervisor: chef)
    }

    /// The end of a shift on the platform, each console as its operator's own role: alice's call
    /// left unfinished (her console stopped) is offered to her; `q` there hands it, by Tab, to bob,
    /// on shift at his console, which offers it at once, says who handed it over, and resumes it.
    /// The engine changed the call's operator and recorded the handover.
    @Test func anInterruptedCallIsHandedToAColleagueOnShiftWhoseConsoleResumesIt() throws {
        let fr = TestResources.french
        let cluster = try ScratchPostgresCluster.get()
        let database = try cluster.newDatabase()
        defer { cluster.drop(database) }
        let admin = cluster.url(database: database)
        let alice = "alice_\(database)", bob = "bob_\(database)"
        for name in [alice, bob] {
            try TmuxSession.run([ConsoleRun.binary, "operator", "add", name, "--role", "psychologist", "--database", admin])
        }
        let bobs = try ConsoleRun(database: cluster.url(database: database, role: bob))
        try bobs.start()
        try bobs.t.waitFor(fr["idle.title"])
        // A call of alice's whose console stopped, held by nobody: her console offers it at start.
        _ = try cluster.psql(database, """
            INSERT INTO ecoute.calls (id, operator, phase, picked_up_at, updated_at)
            VALUES ('remis-1', '\(alice)', 'inCall', now() - interval '10 minutes', now() - interval '1 minute')
            """)
        let alices = try ConsoleRun(database: cluster.url(database: database, role: alice))
        try alices.start()
        try alices.t.waitFor(fr["interrupted.title"])
        try alices.t.press(.quit, in: .interrupted)
        try alices.t.waitFor(fr["handoff.title"])
        try alices.t.waitFor(fr.format("handoff.call", "remis-1", fr["handoff.call.toSupervisors"]))
        try alices.t.press(.nextRecipient, in: HandoffKeymap.keymap)
        try alices.t.waitFor(fr.format("handoff.call", "remis-1", fr.format("handoff.call.toColleague", bob)))
        try alices.t.type("repris par un collegue")
        try alices.t.press(.write, in: HandoffKeymap.keymap)
        try alices.t.waitFor("EXIT=0")
        // bob's console, between calls, offers it within seconds and says alice handed it over.
        try bobs.t.waitFor(fr.prefix("interrupted.handedOver", alice))
        try bobs.t.press(.resume, in: .interrupted)
        try bobs.t.waitFor(fr.prefix("call.title"))
        #expect(try cluster.psql(database, "SELECT operator FROM ecoute.calls WHERE id = 'remis-1'") == "\(bob)\n")
        #expect(try cluster.psql(database, "SELECT by || ' ' || old_value || ' ' || new_value FROM ecoute.audit_log WHERE field = 'handover'")
                == "\(alice) \(alice) \(bob)\n")
        #expect(try cluster.psql(database, "SELECT handed_to FROM ecoute.shift_handoffs").contains(bob))
    }

    /// Whether `condition` holds within 10 s.
    func eventually(_ condition: () throws -> Bool) throws -> Bool {
        for _ in 0..<100 {
            if try condition() { return true }
            usleep(100_000)
        }
        return false
    }
    /// `operator add` by a supervisor's role, which may not create roles: the French message names
    /// the admin connection and the GRANTs, not "permission denied"; `--system-user` on PostgreSQL
    /// is refused with how the server ties a system user to a role. `check` exits non-zero naming
    /// a policy added by hand.
    @Test func operationsOnPostgresSayWhatIsNeededAndCheckFailsOnTampering() throws {
        let cluster = try ScratchPostgresCluster.get()
        let database = try cluster.newDatabase()
        defer { cluster.drop(database) }
        let admin = cluster.url(database: database)
        let chef = "chef_\(database)", newcomer = "new_\(database)"
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", chef, "--role", "supervisor", "--database", admin])
        func refusal(_ arguments: [String]) -> String {
            do {
                _ = try TmuxSession.run([ConsoleRun.binary] + arguments)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let bySupervisor = refusal(["operator", "add", newcomer, "--role", "psychologist", "--database", cluster.url(database: database, role: chef)])
        let grants = "ALTER ROLE \(chef) CREATEROLE; GRANT ecoute_admin TO \(chef);"
        #expect([TestResources.french, TestResources.english].contains {
            bySupervisor.contains($0.format("operator.platformAdministratorRequired", chef, newcomer, grants))
        }, "\(bySupervisor)")
        #expect(!bySupervisor.contains("permission denied"))
        let systemUser = refusal(["operator", "add", newcomer, "--role", "psychologist", "--system-user", "marie", "--database", admin])
        #expect([TestResources.french, TestResources.english].contains {
            systemUser.contains($0.format("operator.systemUserOnPostgres", "marie", newcomer))
        }, "\(systemUser)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM pg_roles WHERE rolname = '\(newcomer)'") == "0\n")

        #expect(try TmuxSession.run([ConsoleRun.binary, "check", "--database", admin]).contains(": ok"))
        try cluster.psql(database, "CREATE POLICY sneaky ON ecoute.calls FOR SELECT TO ecoute_psychologist USING (true)")
        let tampered = refusal(["check", "--database", admin])
        #expect(tampered.contains("policy calls.sneaky is not one of ecoute's") && tampered.contains("status 256"), "\(tampered)")
    }
}
