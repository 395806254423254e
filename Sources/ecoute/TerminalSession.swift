import ArgumentParser
import EcouteCore
import EcouteTUI
import Foundation

/// Runs a program on the real terminal: opens it (a clear message when it cannot), runs the
/// runtime, restores the terminal, and turns a signal that ended the run into exit status
/// 128 + signal.
enum TerminalSession {
    static func run<Model, Event, Effect, Handler>(
        _ program: Program<Model, Event, Effect>, model: Model, handler: Handler, changes: (any ChangeFeed)? = nil,
        afterwards: () -> Void = {}
    ) throws where Handler: EffectHandler, Handler.Effect == Effect, Handler.Event == Event {
        let terminal: Terminal
        do { terminal = try Terminal() } catch { throw fail("ecoute: \(error)") }
        let runtime = Runtime(program: program, model: model, terminal: terminal, handler: handler, changes: changes)
        let signal = runtime.run()
        terminal.stop()
        afterwards()
        if let signal { throw ExitCode(128 + signal) }
    }
}
