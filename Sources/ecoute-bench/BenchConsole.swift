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

    /// `operatorName`: who the console says is answering (on PostgreSQL, the role the store is
    /// connected as); `journal`: where the call is also kept, as a console on a workstation keeps it.
    init(store: any Store, geography: Geography, name: String, operatorName: String = "bench", journal: (any CallJournal)? = nil) throws {
        let strings = try Strings.load(.fr, from: ResourceLocator.url("strings"))
        let console = ConsoleIdentity(id: name, host: "bench", pid: getpid(), operatorName: operatorName)
        let effects = ConsoleEffects(calls: store.calls(shiftID: nil, console: console), directory: store.directory,
                                     leases: store.leases, console: console, alertDesk: store.alerts, operators: store.operators,
                                     journal: journal)
        let model = AppModel(session: .idle, strings: strings, geography: geography, operatorName: operatorName,
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
