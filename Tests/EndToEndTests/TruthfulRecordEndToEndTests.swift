import EcouteTUI
import EcouteTestSupport
import Foundation
import GRDB
import Testing

/// The record never says what did not happen: a save refused by a held lock is not shown as
/// saved and is written once the lock goes; one console per call; kill -9 at random moments
/// loses and duplicates nothing; a paste never freezes the console.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct TruthfulRecordEndToEndTests {
    /// A call in wrap-up at level 1, both referrals given, ready for F10.
    static func readyToSave(_ run: ConsoleRun) throws {
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
        try run.t.press(.hangUp, in: .inCall); try run.t.press(.classify(.anxiety), in: .wrapUp)
        try run.t.waitFor(TestResources.french["picker.departementForReferrals"].components(separatedBy: " (")[0])
        // The caller keeps the département to themselves.
        try run.t.press(.cancel, in: OverlayKeymap.picker); try run.t.waitFor("(x) 1")
        try run.t.waitFor("[ ] ", notWhile: TestResources.french["wrapUp.searching"])
        try run.t.press(.toggleReferral, in: .wrapUp); try run.t.press(.toggleReferral, in: .wrapUp)
    }

    /// F10, answering every « why not given? » with its first reason, until the call is saved.
    static func saveGivingReasons(_ run: ConsoleRun) throws {
        try run.t.press(.save, in: .wrapUp)
        let deadline = Date().addingTimeInterval(20)
        var lastF10 = Date()
        while Date() < deadline {
            let screen = try run.t.screen()
            if screen.contains(TestResources.french["message.saved"]) { return }
            if screen.contains(TestResources.french.fragments("picker.referralGap").last!) {
                try run.t.press(.confirm, in: OverlayKeymap.picker)
            } else if screen.contains(TestResources.french["wrapUp.gapsDone"]) || Date().timeIntervalSince(lastF10) > 1 {
                // Every reason given (its message may already have given way to another): save again.
                try run.t.press(.save, in: .wrapUp)
                lastF10 = Date()
            }
            Thread.sleep(forTimeInterval: 0.15)
        }
        throw TmuxSession.Timeout(description: "never saved; last screen:\n\(try run.t.screen())")
    }

    /// Holds an exclusive lock on the database from another process for `seconds`.
    /// Another process holding the database's write lock for `seconds`; returns once it says it
    /// holds it (its « locked » line), so that what the test does next meets the lock.
    static func holdLock(_ database: String, seconds: Int) throws -> Int32 {
        var pid: pid_t = 0
        let script = "import sqlite3,time\nc=sqlite3.connect('\(database)',isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked',flush=True)\ntime.sleep(\(seconds))"
        let words: [String] = ["python3", "-c", script]
        var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TmuxSession.Timeout(description: "no pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        let spawned = posix_spawnp(&pid, "python3", &actions, nil, &argv, environ)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { throw TmuxSession.Timeout(description: "no python3") }
        var said = [UInt8](), byte: UInt8 = 0
        while read(ends[0], &byte, 1) == 1, byte != 10 { said.append(byte) }
        guard String(decoding: said, as: UTF8.self) == "locked" else {
            throw TmuxSession.Timeout(description: "the lock holder did not take the lock")
        }
        return pid
    }

    @Test func aSaveRefusedByAHeldLockIsNeverShownAsSavedAndIsSavedOnceAfter() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        try Self.readyToSave(run)
        // Long enough for the store's lock wait (5 s) and the quiet retries of a busy database
        // (WriteFailure.quietWhileBusy) to give way to the banner, and for the banner to stay.
        let locker = try Self.holdLock(run.database, seconds: 22)
        try run.t.press(.save, in: .wrapUp)
        try run.t.waitFor(TestResources.french["message.writePending"])
        let refused = try run.t.waitFor(TestResources.french["header.storeError"], limit: 20)
        #expect(!refused.contains(TestResources.french["message.saved"]))
        #expect(refused.contains(TestResources.french["phase.wrapUp"]))
        // While the lock is held the screen keeps saying so.
        Thread.sleep(forTimeInterval: 2)
        let still = try run.t.screen()
        #expect(still.contains(TestResources.french["header.storeError"]) && !still.contains(TestResources.french["message.saved"]), "\(still)")
        var status: Int32 = 0
        waitpid(locker, &status, 0)
        // The lock gone, the retry writes it: shown saved only now, and saved once.
        try run.t.waitFor(TestResources.french["message.saved"], limit: 15)
        let calls = try run.calls()
        #expect(calls.count == 1 && calls.first?["phase"] == "saved")
    }

    /// Another process holds SQLite's write lock: the console still answers every key at once.
    /// An ordering, not a timing: the typed notes are on screen while the lock holder still runs,
    /// and they reach the file once it has gone.
    @Test func keysAreAnsweredWhileAnotherProcessHoldsTheWriteLock() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        let locker = try Self.holdLock(run.database, seconds: 8)
        try run.t.press(.pickUp, in: .idle)
        try run.t.waitFor(TestResources.french.prefix("call.title"))
        try run.t.press(.editNotes, in: .inCall)
        try run.t.type("sous-verrou")
        try run.t.waitFor("sous-verrou")
        var status: Int32 = 0
        #expect(waitpid(locker, &status, WNOHANG) == 0)   // the lock is still held
        try run.t.press(.confirm, in: OverlayKeymap.notes)
        waitpid(locker, &status, 0)
        // The lock gone, the call and its notes are written without another key.
        let deadline = Date().addingTimeInterval(15)
        var notes: String?
        while Date() < deadline {
            notes = try run.calls().first?["notes"]
            if notes == "sous-verrou" { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(notes == "sous-verrou")
    }

    @Test func aLiveConsolesCallIsNeverResumedElsewhereAndIsTakenOverAfterKill9() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
        let a = try #require(try run.t.programPID())
        // Console B on the same database: A's call is shown as held, not offered.
        let b = try run.another()
        let screen = try b.waitFor(TestResources.french.prefix("idle.heldElsewhere"))
        #expect(!screen.contains(TestResources.french["interrupted.title"]))
        // A dies without a word: B offers the call within its next look (5 s), and takes it over.
        kill(a, SIGKILL)
        try run.t.waitFor("EXIT=137")
        try b.waitFor(TestResources.french["interrupted.title"], limit: 15)
        try b.waitFor(TestResources.french.prefix("interrupted.takeover"))
        try b.press(.resume, in: .interrupted)
        try b.waitFor(TestResources.french.prefix("call.title"))
        // The takeover is written by B's effect worker, off its drawing thread: read once it landed.
        let queue = try DatabaseQueue(path: run.database)
        func record() throws -> ([Row], Int32?) {
            try queue.read { db in
                (try Row.fetchAll(db, sql: "SELECT * FROM call_takeovers"), try Int32.fetchOne(db, sql: "SELECT pid FROM call_leases"))
            }
        }
        var (takeovers, holderPID) = try record()
        let deadline = Date() + 10
        while takeovers.isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            (takeovers, holderPID) = try record()
        }
        #expect(takeovers.count == 1)
        #expect(takeovers.first?["from_pid"] == a)
        #expect(holderPID == (try b.programPID()))
        #expect(try run.calls().count == 1)
    }

    @Test func aPasteOf5000CharactersThenF9OpensTheProtocolAtOnce() throws {
        let run = try ConsoleRun.inCall()
        try run.t.press(.editNotes, in: .inCall); try run.t.waitFor(TestResources.french["notes.title"])
        try run.t.paste(String(repeating: "Nuit difficile. ", count: 313))   // 5,008 characters
        try run.t.press(.openEmergency, in: .inCall)
        // A frozen console took 20 s and more; within 1 s means it handled the paste as one batch.
        try run.t.waitFor(TestResources.french["emergency.title"], limit: 1)
        // The notes got what fits, and were written with the protocol's opening.
        try run.t.press(.closeEmergency, in: .emergency); try run.t.press(.hangUp, in: .inCall)
        try run.t.waitFor(TestResources.french["wrapUp.classification"])
        let notes: String? = try run.calls().first?["notes"]
        #expect(notes?.count == 500)
    }

    /// 50 kills at random moments, right after F10 included: every call that was on screen is in
    /// the database exactly once, every call shown as saved is saved, and the file is sound.
    @Test func kill9At50RandomMomentsLosesAndDuplicatesNothing() throws {
        let run = try ConsoleRun()
        var generator = SplitMix(seed: 2026)
        var pickedUp = 0
        var shownSaved = 0
        for _ in 0..<50 {
            try run.start()
            let first = try run.t.waitFor("the idle screen or an interrupted call", orAnyOf: [TestResources.french["idle.title"], TestResources.french["interrupted.title"]])
            if first.contains(TestResources.french["interrupted.title"]) {
                try run.t.press(.wrapUpInterrupted, in: .interrupted)   // into wrap-up: the conversation is over
                try run.t.waitFor(TestResources.french["wrapUp.classification"])
                // No département given.
                try run.t.press(.classify(.administrative), in: .wrapUp); try run.t.press(.cancel, in: OverlayKeymap.picker)
                try Self.saveGivingReasons(run)
                shownSaved += 1
            }
            try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
            pickedUp += 1
            // The caller picker opened and closed, the call hung up, classified at 2 (the département
            // not given), two referrals given, saved.
            let steps: [() throws -> Void] = [
                { try run.t.press(.editCaller, in: .inCall) }, { try run.t.press(.cancel, in: OverlayKeymap.picker) },
                { try run.t.press(.hangUp, in: .inCall) },
                { try run.t.press(.classify(.depression), in: .wrapUp); try run.t.press(.cancel, in: OverlayKeymap.picker) },
                { try run.t.press(.toggleReferral, in: .wrapUp) }, { try run.t.press(.toggleReferral, in: .wrapUp) },
                { try run.t.press(.save, in: .wrapUp) },
            ]
            let stopAfter = Int(generator.next() % UInt64(steps.count + 1))
            var saved = false
            for (i, step) in steps.prefix(stopAfter).enumerated() {
                try step()
                if i == 3 { try run.t.waitFor("[ ] ", notWhile: TestResources.french["wrapUp.searching"]) }
                if i == steps.count - 1 {
                    // Half the time killed at once after F10, half once the save was shown.
                    if generator.next() % 2 == 0 { try run.t.waitFor(TestResources.french["message.saved"]); saved = true }
                }
            }
            if saved { shownSaved += 1 }
            try run.kill(SIGKILL)
            try run.t.waitFor("EXIT=137")
        }
        let queue = try DatabaseQueue(path: run.database)
        let (count, savedCount, distinct, integrity) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calls")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calls WHERE phase = 'saved'")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT id) FROM calls")!,
             try String.fetchOne(db, sql: "PRAGMA integrity_check")!)
        }
        #expect(count == pickedUp)           // no call lost, none made up
        #expect(distinct == count)           // none twice
        #expect(savedCount >= shownSaved)    // nothing shown saved that is not
        #expect(integrity == "ok")
    }
}

/// A small deterministic generator, so a failing run can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
