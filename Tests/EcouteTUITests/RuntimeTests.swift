import EcouteCore
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The one runtime: batches, frames, quitting mid-batch, signals, and the change feed.
@Suite struct RuntimeTests {
    @Test func aPasteIsOneBatchAndOneFrameAndF9RightAfterItOpensTheProtocol() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("n"))
        let framesBefore = h.terminal.frames.count
        let paste = (0..<5000).map { _ in Key.character("x") }
        h.terminal.queue(keys: paste + [.function(9)])
        h.runtime.step(timeoutMs: 0)
        #expect(h.terminal.frames.count == framesBefore + 1)
        #expect(h.model.session.phase == .emergency)
        #expect(h.model.draft?.notes.count == NotesPolicy.maximumLength)
        #expect(h.frame.contains("15"))
    }

    @Test func aBracketedPasteIsOneInputThenF9() {
        let h = ConsoleHarness()
        h.press(.function(2), .character("n"))
        h.terminal.queue(.paste(String(repeating: "z", count: 5000)))
        h.terminal.queue(keys: [.function(9)])
        h.runtime.step(timeoutMs: 0)
        h.runtime.settle()
        #expect(h.model.session.phase == .emergency)
        #expect(h.calls.persisted.last?.notes.count == NotesPolicy.maximumLength)
    }

    @Test func theRuntimeWaitsNoLongerThanTheModelsDeadline() {
        let h = ConsoleHarness()
        #expect(h.runtime.timeout() == 250)
        h.press(.function(2), .character("n"), .character("a"))
        #expect(h.runtime.timeout() == 300 || h.runtime.timeout() == 250)
        #expect(h.runtime.timeout() <= 250)
        h.advance(0.1)
        #expect(h.runtime.timeout() == 200)
    }

    @Test func keysAfterQuittingAreNotHandled() {
        let h = ConsoleHarness()
        h.terminal.queue(keys: [.character("q"), .function(2)])
        h.runtime.step(timeoutMs: 0)
        #expect(h.model.shouldQuit)
        #expect(h.model.session == .idle)
    }

    @Test func aSignalEndsTheRunWithIt() {
        let terminal = ScriptedTerminal()
        terminal.pendingSignal = 1
        let runtime = ConsoleProgram.Runner(program: ConsoleProgram.program, model: TUIFixtures.model(.idle), terminal: terminal,
                                            handler: ConsoleEffects(calls: FakeCalls(), directory: FakeDirectory.sample,
                                                                                     leases: FakeLeases(), console: ConsoleHarness.console))
        #expect(runtime.run() == 1)
        #expect(terminal.frames.count == 1)   // the first frame, then the signal is seen
    }

    @Test func whatMustPrecedeTheFirstKeyRunsOnceTheFirstFrameIsShown() throws {
        let terminal = ScriptedTerminal()
        terminal.queue(keys: [.character("q")])
        let runtime = ConsoleProgram.Runner(program: ConsoleProgram.program, model: TUIFixtures.model(.idle), terminal: terminal,
                                            handler: ConsoleEffects(calls: FakeCalls(), directory: FakeDirectory.sample,
                                                                                     leases: FakeLeases(), console: ConsoleHarness.console))
        var seen: (frames: Int, quitting: Bool)?
        #expect(try runtime.run(onceShown: { seen = (terminal.frames.count, runtime.model.shouldQuit) }) == nil)
        #expect(seen?.frames == 1 && seen?.quitting == false)   // after the first frame, before the key
        #expect(runtime.model.shouldQuit)

        // What it throws ends the run before any key is read.
        struct Refused: Error {}
        let refused = ScriptedTerminal()
        refused.queue(keys: [.character("q")])
        let stopped = ConsoleProgram.Runner(program: ConsoleProgram.program, model: TUIFixtures.model(.idle), terminal: refused,
                                            handler: ConsoleEffects(calls: FakeCalls(), directory: FakeDirectory.sample,
                                                                                     leases: FakeLeases(), console: ConsoleHarness.console))
        #expect(throws: Refused.self) { try stopped.run(onceShown: { throw Refused() }) }
        #expect(!stopped.model.shouldQuit && refused.frames.count == 1)
    }

    @Test func theFirstFrameFollowsTheTerminalSize() {
        let terminal = ScriptedTerminal(width: 100, height: 30)
        let runtime = ConsoleProgram.Runner(program: ConsoleProgram.program, model: TUIFixtures.model(.idle), terminal: terminal,
                                            handler: ConsoleEffects(calls: FakeCalls(), directory: FakeDirectory.sample,
                                                                                     leases: FakeLeases(), console: ConsoleHarness.console))
        runtime.start()
        runtime.settle()
        #expect(terminal.lastFrame?.width == 100 && terminal.lastFrame?.height == 30)
        #expect(runtime.model.nextCallID != nil)
        terminal.queue(.resize(width: 90, height: 25))
        runtime.step(timeoutMs: 0)
        #expect(terminal.lastFrame?.width == 90)
    }
}

/// `ecoute review` on the runtime with the real effect handler over a temporary SQLite store:
/// another console's save appears without a key press.
@Suite struct ReviewRuntimeTests {
    @Test func anotherConsolesCallAppearsWithoutAKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-review-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
        let chef = Viewer(name: "chef", role: .supervisor)
        var now = TUIFixtures.t0
        let terminal = ScriptedTerminal()
        let runtime = ReviewProgram.Runner(
            program: ReviewProgram.program, model: ReviewModel(viewer: chef, strings: TestResources.french, timeZone: TUIFixtures.utc),
            terminal: terminal, handler: ReviewEffects(review: store.review, shifts: store.shifts, viewer: chef),
            clock: { now }, changes: try store.changeFeed())
        runtime.start()
        runtime.settle()
        #expect(runtime.model.shifts.isEmpty)

        // Another console starts a shift and saves a call.
        let shift = try store.shifts.startShift(operatorName: "alice", at: TUIFixtures.t0)
        var call = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: TUIFixtures.t0)
        call.endedAt = TUIFixtures.t0 + 600
        call.phase = .saved
        call.level = .anxiety
        try store.calls(shiftID: shift).persist(call)

        now += 0.3
        runtime.step(timeoutMs: 0)
        runtime.settle()
        #expect(runtime.model.shifts.map(\.id) == [shift])
        #expect(terminal.lastFrame?.text.contains("alice") == true)

        // Into the shift, then a correction through the same handler.
        // A key at a time, each one's loads answered before the next (keys typed ahead of a load
        // act on the screen as it then is).
        for key in [.enter, .character("l"), .enter, .character("c"), .enter, .backspace, .character("2"), .enter]
            + "relu".map(Key.character) + [.enter] {
            terminal.queue(.key(key))
            runtime.step(timeoutMs: 0)
            runtime.settle()
        }
        #expect(runtime.model.calls.first?.level == .depression)
        #expect(try store.review.auditLog(callID: "c1").map(\.newValue) == ["2"])

        // Back to the shifts, then the year's activity, read from the store.
        terminal.queue(keys: [.escape, .escape, .escape, .character("a")])
        runtime.step(timeoutMs: 0)
        runtime.settle()
        #expect(runtime.model.screen == .activity)
        #expect(runtime.model.activity?.total.callCount == 1)
        #expect(terminal.lastFrame?.text.contains(runtime.model.strings.plural("review.count.saved", 1)) == true)
    }
}

/// Text measured in display columns.
@Suite struct DisplayWidthTests {
    @Test func wideAndCombiningCharactersTakeTheirColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)          // e + combining acute: one cluster, one column
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        // Cut to fit with an ellipsis, then padded to exactly the width asked.
        #expect(DisplayWidth.padded("漢字x", 4) == "漢… ")
        #expect(DisplayWidth.of(DisplayWidth.padded("漢字x", 4)) == 4)
    }

    @Test func anEmojiInTheNotesDoesNotShiftWhatFollows() {
        var g = Grid(width: 10, height: 1)
        let end = g.put("a🙂b", row: 0, column: 0)
        g.put("|", row: 0, column: 9)
        #expect(end == 4)
        #expect(g.row(0) == "a🙂b     |")
        #expect(g.text.count == 10 - 1)               // 10 columns, the emoji one character for two of them
        // Overwriting half of a wide character blanks the other half.
        g.put("x", row: 0, column: 2)
        #expect(g.row(0) == "a xb     |")
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOutAndTheCutSaidSo() {
        var g = Grid(width: 3, height: 1)
        #expect(g.put("ab漢", row: 0, column: 0) == 2)
        #expect(g.row(0) == "ab…")
        #expect(wrap("漢字漢字", width: 4) == ["漢字", "漢字"])
    }
}

/// The drawing thread never waits on the store: with every write held at a gate (a store behind
/// a held lock or a slow network), keys are handled and drawn; the writes land once it opens.
@Suite struct SlowStoreTests {
    @Test func aWriteHeldByTheStoreDelaysNoKeyAndNoFrame() throws {
        let h = ConsoleHarness()
        let gate = Gate()
        h.calls.gate = gate
        let strings = h.model.strings
        // Pick up: the call's first write goes to the store and waits there.
        h.terminal.queue(keys: [.function(2)])
        h.runtime.step(timeoutMs: 0)
        #expect(h.model.session.phase == .inCall)
        // Notes typed while it waits: each batch is handled and drawn at once.
        let frames = h.terminal.frames.count
        h.terminal.queue(keys: [.character("n")] + "appel".map(Key.character))
        h.runtime.step(timeoutMs: 0)
        #expect(h.terminal.frames.count == frames + 1)
        #expect(h.frame.contains("appel"))
        // Ordering, not timing: all this happened while the write was still held (it reaches the
        // gate on the worker's thread, now or a moment later, and has not landed).
        #expect(gate.awaitAWrite())
        #expect(h.calls.persisted.isEmpty)
        #expect(h.runtime.effectsPending)
        #expect(!h.frame.contains(strings["message.saved"]))

        gate.open()
        h.runtime.settle()
        #expect(h.calls.persisted.first?.id == h.model.draft?.id)
        #expect(!h.runtime.effectsPending)
    }

    /// A kill -9 while the store holds a write loses nothing typed: the call's newest version is
    /// on the workstation before the store answers (the journal's lane waits behind nothing).
    @Test func theWorkstationKeepsEachVersionWhileTheStoreHoldsAnEarlierWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-keep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let me = ConsoleIdentity(id: "console-k", host: "poste-test", pid: 4444, operatorName: "psy-test")
        let h = ConsoleHarness(console: me, journal: try FileCallJournal(folder: folder, console: me, location: "/base/a.sqlite"))
        let gate = Gate()
        h.calls.gate = gate
        h.terminal.queue(keys: [.function(2), .character("n")] + "urgent".map(Key.character) + [.escape])
        h.runtime.step(timeoutMs: 0)
        #expect(gate.awaitAWrite())
        // As the next start would find it, had this console been killed now.
        let afterKill = try FileCallJournal(folder: folder, console: ConsoleIdentity(id: "console-next", host: "poste-test", pid: 5555,
                                                                                    operatorName: "psy-test"), location: "/base/a.sqlite")
        let deadline = Date() + 10
        while afterKill.leftovers(processExists: { _ in false }).first?.notes != "urgent", Date() < deadline { usleep(1000) }
        #expect(afterKill.leftovers(processExists: { _ in false }).first?.notes == "urgent")
        #expect(h.calls.persisted.isEmpty)   // the store has not answered the first write yet
        gate.open()
        h.runtime.settle()
        #expect(h.calls.persisted.last?.notes == "urgent")
        #expect(afterKill.leftovers(processExists: { _ in false }).isEmpty)   // the store has it: nothing left behind
    }

    /// The directory is read on a lane of its own: the referrals come while the call's write still
    /// waits (a colleague's import holding the file's write lock, a server out of reach).
    @Test func theReferralsComeWhileTheStoreHoldsAWrite() throws {
        let h = ConsoleHarness()
        let gate = Gate()
        h.calls.gate = gate
        h.terminal.queue(keys: [.function(2), .function(5), .character("1"), .escape])   // level 1, no département
        h.runtime.step(timeoutMs: 0)
        #expect(gate.awaitAWrite())
        let deadline = Date() + 10
        while h.model.proposalAwaited != nil || h.model.draft?.referrals.isEmpty != false, Date() < deadline {
            h.runtime.step(timeoutMs: 10)
        }
        #expect(h.model.proposalAwaited == nil && h.model.draft?.referrals.isEmpty == false)
        #expect(h.calls.persisted.isEmpty)   // the store has answered no write yet
        gate.open()
        h.runtime.settle()
        #expect(h.calls.persisted.last?.referrals == h.model.draft?.referrals)
    }

    @Test func answersComeBackInTheOrderTheirEffectsWereAskedFor() throws {
        let h = ConsoleHarness()
        let gate = Gate()
        h.calls.gate = gate
        h.terminal.queue(keys: [.function(2), .character("n")] + "un".map(Key.character) + [.escape])
        h.runtime.step(timeoutMs: 0)
        h.terminal.queue(keys: [.character("n")] + "deux".map(Key.character) + [.escape])
        h.runtime.step(timeoutMs: 0)
        gate.open()
        h.runtime.settle()
        // The store saw the call's versions oldest first: the last one written is the newest.
        #expect(h.calls.persisted.last?.notes == h.model.draft?.notes)
        #expect(h.calls.persisted.map(\.updatedAt) == h.calls.persisted.map(\.updatedAt).sorted())
    }
}

/// A save the store has not answered is shown as under way, never as done, and the call on
/// screen cannot change under it.
@Suite struct SavePendingTests {
    @Test func aSaveUnderWayFreezesTheCallUntilTheStoreAnswers() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("0"), .escape, .function(10))
        h.justifyEveryGap()
        let gate = Gate()
        h.calls.gate = gate
        h.terminal.queue(keys: [.function(10)])
        h.runtime.step(timeoutMs: 0)
        let s = h.model.strings
        #expect(h.model.savePending == h.model.draft?.id)
        #expect(h.frame.contains(s["message.saving"]) && !h.frame.contains(s["message.saved"]))
        // A level key and a second save while it waits: neither changes the call nor writes again.
        h.terminal.queue(keys: [.character("3"), .function(10)])
        h.runtime.step(timeoutMs: 0)
        #expect(h.model.draft?.level == .administrative)
        #expect(h.model.session.phase == .wrapUp)

        gate.open()
        h.runtime.settle()
        #expect(h.calls.finalized.count == 1)
        #expect(h.model.session.phase == .saved && h.model.savePending == nil)
        #expect(h.frame.contains(s["message.saved"]))
    }

    @Test func aRefusedSaveFreesTheCallAgain() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5), .character("0"), .escape, .function(10))
        h.justifyEveryGap()
        h.calls.failing = true
        h.press(.function(10))
        #expect(h.model.savePending == nil && h.model.writeFailure?.kind == .finalize)
        h.press(.character("3"))
        #expect(h.model.draft?.level == .burnout)
    }
}

/// Referrals about to be replaced by the directory's answer are neither shown nor acted on.
@Suite struct ProposalAwaitedTests {
    @Test func keysOnTheReferralsWaitForTheDirectorysAnswer() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .function(5))
        let gate = Gate()
        h.directory.gate = gate
        h.terminal.queue(keys: [.character("1"), .escape])   // level 1; the département kept to themselves
        h.runtime.step(timeoutMs: 0)
        let s = h.model.strings
        #expect(h.model.proposalAwaited != nil)
        #expect(h.frame.contains(s["wrapUp.searching"]))
        // Giving a referral or saving now is refused: the list is on its way.
        h.terminal.queue(keys: [.character(" "), .function(10)])
        h.runtime.step(timeoutMs: 0)
        #expect(h.model.draft?.referrals.allSatisfy { $0.status != .given } == true)
        #expect(h.calls.finalized.isEmpty && h.model.savePending == nil)
        #expect(h.model.message?.text == s["wrapUp.searching"])

        gate.open()
        h.runtime.settle()
        #expect(h.model.proposalAwaited == nil)
        #expect(h.model.draft?.referrals.isEmpty == false)
        h.press(.character(" "))
        #expect(h.model.draft?.referrals.first?.status == .given)
    }
}

/// A change another process notifies reaches the board at its next turn, not at its next
/// regular poll: the board turns every 50 ms when idle and polls at once when the feed has a notice.
@Suite struct NoticedChangeTests {
    /// A feed whose notifications the test sends.
    final class NoticedFeed: ChangeFeed, @unchecked Sendable {
        private let lock = NSLock()
        private var notified = false
        private var count = 0
        func notify() { lock.withLock { notified = true } }
        var polls: Int { lock.withLock { count } }
        var hasNotice: Bool { lock.withLock { notified } }
        func poll() throws -> Bool {
            lock.withLock {
                count += 1
                defer { notified = false }
                return notified
            }
        }
    }

    @Test func theBoardPollsAtOnceWhenTheFeedHasANotice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-notice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
        let chef = Viewer(name: "chef", role: .supervisor)
        var now = TUIFixtures.t0
        let feed = NoticedFeed()
        let runtime = BoardProgram.Runner(program: BoardProgram.program,
                                          model: BoardModel(viewer: chef, strings: TestResources.french, timeZone: TUIFixtures.utc, now: now),
                                          terminal: ScriptedTerminal(), handler: BoardEffects(desk: store.alerts, review: store.review,
                                                                                              leases: store.leases, viewer: chef, clock: { now }),
                                          clock: { now }, changes: feed)
        runtime.start()
        runtime.settle()
        #expect(runtime.timeout() == BoardProgram.idleInterval)
        runtime.step(timeoutMs: 0)
        runtime.settle()
        #expect(feed.polls == 1)

        // Nothing noticed: no poll before 200 ms.
        now += 0.05
        runtime.step(timeoutMs: 0)
        runtime.settle()
        #expect(feed.polls == 1)

        // Another console raises an alert; its notification arrives: the next turn polls and reads it.
        var call = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: now)
        call.updatedAt = now
        try store.calls(shiftID: nil).persist(call)
        _ = try store.alerts.raise(Alert(id: "a1", callID: "c1", operatorName: "alice", departement: "69", level: .imminentRisk,
                                         reason: .imminentRisk, callElapsed: 60, raisedAt: now))
        feed.notify()
        now += 0.05
        runtime.step(timeoutMs: 0)
        runtime.settle()
        #expect(feed.polls == 2)
        #expect(runtime.model.snapshot.alerts.map(\.id) == ["a1"])
    }
}
