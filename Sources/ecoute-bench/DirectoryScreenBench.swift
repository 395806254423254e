import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// A key typed in the console's directory screen, as the psychologist feels it: the console's
/// own runtime (the one every screen runs on) on a scripted terminal, over the bench's
/// directory. Each key is one runtime step and the wait for its search's answer — the update,
/// the search it asks for (on the effect worker's thread, as on the real terminal), and the frame
/// drawn with the results; only ncurses' copy of the grid to the terminal is left out. Phrases are typed letter by letter, then cleared (^U).
struct DirectoryScreenBench {
    let store: any Store
    let geography: Geography

    func run(phrases: [String], warmUpKeys: Int = 200) throws -> Latencies {
        let console = try BenchConsole(store: store, geography: geography, name: "bench-console")
        let runtime = console.runtime
        func press(_ key: Key) {
            console.press(key)
            runtime.settle()
        }
        press(.character("/"))
        guard runtime.model.directory != nil else { throw BenchError("the directory screen did not open") }
        let clock = ContinuousClock()
        var latencies = Latencies()
        var typed = 0
        for phrase in phrases {
            for c in phrase {
                let elapsed = try clock.measure { press(.character(c)) }
                typed += 1
                if typed > warmUpKeys { latencies.record(elapsed) }
            }
            press(.control("u"))
        }
        return latencies
    }
}

/// The terminal of the bench: one key at a time, and only the last frame kept, as on the real
/// terminal (`ScriptedTerminal` keeps every frame for the tests, which the bench would then pay
/// for in fresh memory at every key).
final class BenchTerminal: TerminalDevice {
    let size = (width: 100, height: 30)
    var pending: TerminalInput?
    private(set) var lastFrame: Grid?
    var pendingSignal: Int32? { nil }

    func draw(_ grid: Grid) { lastFrame = grid }
    func read(timeoutMs: Int32) -> TerminalInput? {
        defer { pending = nil }
        return pending
    }
    func bell() {}
}
