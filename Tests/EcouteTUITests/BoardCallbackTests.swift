import EcouteCore
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The callback queue on `ecoute board`, over a real temporary store: a request shows with its
/// age and motif and no number; taking it shows the number to this supervisor (an audited read);
/// « injoignable » counts a try; « rappelé » closes it and the number leaves the screen and the store.
@Suite struct BoardCallbackTests {
    static let chef = Viewer(name: "chef", role: .supervisor)
    static let number = try! CallbackNumber.parse("06 12 34 56 78").get()

    @Test func aSupervisorTakesTriesAndClosesACallbackAndTheNumberGoesWithIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-boardcb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
        var now = TUIFixtures.t0
        try store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: now - 900))
        try store.callbacks.request(CallbackRequest(id: "r1", callID: "c1", requestedBy: "alice", motif: "souhaite un cadre",
                                                    urgency: .withinHour, requestedAt: now - 600), number: Self.number)
        let terminal = ScriptedTerminal()
        let effects = BoardEffects(desk: store.alerts, review: store.review, leases: store.leases, viewer: Self.chef, localHost: "h",
                                   clock: { now }, processExists: { _ in false }, callbacks: store.callbacks)
        let runtime = BoardProgram.Runner(program: BoardProgram.program,
                                          model: BoardModel(viewer: Self.chef, strings: TestResources.french, timeZone: TUIFixtures.utc, now: now),
                                          terminal: terminal, handler: effects, clock: { now }, changes: try store.changeFeed())
        runtime.start()
        runtime.settle()
        func press(_ action: BoardAction) {
            terminal.queue(keys: [BoardKeymap.keymap.key(for: action)!])
            while terminal.hasInput { runtime.step(timeoutMs: 0); runtime.settle() }
        }
        let s = TestResources.french
        var screen: String { terminal.lastFrame?.text ?? "" }
        #expect(screen.contains(s.format("board.callbacks", "1")))
        #expect(screen.contains("souhaite un cadre") && screen.contains(s["callback.status.waiting"]))
        #expect(!screen.contains(Self.number.spoken))

        press(.take)   // the only item: taken, its number shown
        #expect(screen.contains(Self.number.spoken))
        #expect(screen.contains(s.format("callback.status.taken", "chef")))
        #expect(try store.callbacks.audit(of: "r1", by: Self.chef).map(\.event) == [.requested, .taken, .numberRead])

        now += 60
        press(.unreachable)
        #expect(screen.contains(s.format("callback.status.unreachable", "chef", "1")))
        #expect(screen.contains(Self.number.spoken))   // still theirs, to try again

        press(.calledBack)
        #expect(!screen.contains(Self.number.spoken) && !screen.contains(s.format("board.callbacks", "1")))
        #expect(runtime.model.callbackNumbers.isEmpty)
        #expect(try store.callbacks.number(of: "r1", by: Self.chef, at: now) == nil)
        #expect(try store.callbacks.requests(ofCall: "c1", visibleTo: Self.chef).first?.status == .calledBack)
    }
}
