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
        #expect(runtime.model.shifts.map(\.id) == [shift])
        #expect(terminal.lastFrame?.text.contains("alice") == true)

        // Into the shift, then a correction through the same handler.
        terminal.queue(keys: [.enter, .character("l"), .enter, .character("c"), .enter, .backspace, .character("2"), .enter])
        terminal.queue(keys: "relu".map(Key.character) + [.enter])
        runtime.step(timeoutMs: 0)
        #expect(runtime.model.calls.first?.level == .depression)
        #expect(try store.review.auditLog(callID: "c1").map(\.newValue) == ["2"])

        // Back to the shifts, then the year's activity, read from the store.
        terminal.queue(keys: [.escape, .escape, .escape, .character("a")])
        runtime.step(timeoutMs: 0)
        #expect(runtime.model.screen == .activity)
        #expect(runtime.model.activity?.total.callCount == 1)
        #expect(terminal.lastFrame?.text.contains("1 appel enregistré") == true)
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
