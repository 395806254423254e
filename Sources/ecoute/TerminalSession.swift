import ArgumentParser
import EcouteCore
import EcouteTUI
import Foundation

/// Runs a program on the real terminal: opens it (a clear message when it cannot), runs the
/// runtime, restores the terminal, and turns a signal that ended the run into exit status
/// 128 + signal. Other processes' changes come from `store`'s feed, opened at its first poll.
enum TerminalSession {
    static func run<Model, Event, Effect, Handler>(
        _ program: Program<Model, Event, Effect>, model: Model, handler: Handler, strings: Strings,
        changesOf store: any Store, onceShown: () throws -> Void = {}, afterwards: () -> Void = {}
    ) throws where Handler: EffectHandler, Handler.Effect == Effect, Handler.Event == Event {
        let changes = FeedOpenedAtFirstPoll { try store.changeFeed() }
        let terminal: Terminal
        do { terminal = try Terminal() } catch let unusable as Terminal.Unusable {
            afterwards()
            throw refuse(unusable, strings)
        }
        let runtime = Runtime(program: program, model: model, terminal: terminal, handler: handler, changes: changes)
        let signal: Int32?
        do { signal = try runtime.run(onceShown: onceShown) } catch {
            terminal.stop()
            afterwards()
            throw error
        }
        terminal.stop()
        afterwards()
        if let signal { throw ExitCode(128 + signal) }
    }
}

extension TerminalSession {
    /// Refuses, with advice, a terminal the console cannot run on: before anything is opened.
    static func checkTerminal(_ strings: Strings) throws {
        do { try Terminal.checkUsable() } catch let unusable as Terminal.Unusable {
            throw refuse(unusable, strings)
        }
    }

    /// Says why on standard error; exit status 2, as for a command line that cannot be run.
    static func refuse(_ unusable: Terminal.Unusable, _ strings: Strings) -> ExitCode {
        _ = fail("ecoute: " + message(unusable, strings))
        return ExitCode(2)
    }

    /// Why the console cannot start on this terminal, and what to do, in the user's language.
    static func message(_ unusable: Terminal.Unusable, _ s: Strings) -> String {
        switch unusable {
        case .noTerm: return s["terminal.noTerm"]
        case .unknownTerm(let term): return s.format("terminal.unknown", term)
        case .cannotMoveCursor(let term): return s.format("terminal.dumb", term)
        case .startFailed(let term): return s.format("terminal.startFailed", term)
        case .notATerminal: return s["terminal.notATerminal"]
        }
    }
}
