import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// The console as the bench drives it: its own runtime and effect handler over a real store, on
/// the bench's terminal (100×30, French), started and settled.
struct BenchConsole {
    let runtime: ConsoleProgram.Runner
    let terminal = BenchTerminal()

    init(store: any Store, geography: Geography, name: String) throws {
        let strings = try Strings.load(.fr, from: ResourceLocator.url("strings"))
        let console = ConsoleIdentity(id: name, host: "bench", pid: getpid(), operatorName: "bench")
        let effects = ConsoleEffects(calls: store.calls(shiftID: nil, console: console), directory: store.directory,
                                     leases: store.leases, console: console, alertDesk: store.alerts, operators: store.operators)
        let model = AppModel(session: .idle, strings: strings, geography: geography, operatorName: "bench",
                             now: Date(), timeZone: TimeZone(identifier: "Europe/Paris")!, width: 100, height: 30)
        runtime = ConsoleProgram.Runner(program: ConsoleProgram.program, model: model, terminal: terminal, handler: effects)
        runtime.start()
        runtime.settle()
    }

    /// One key, one turn of the runtime: its update and its frame (its effects are not waited for).
    func press(_ key: Key) {
        terminal.pending = .key(key)
        runtime.step(timeoutMs: 0)
    }
}
