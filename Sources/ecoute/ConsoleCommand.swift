import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute` / `ecoute console`: the live call console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the call console (default).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOptions
    @OptionGroup var alerts: AlertOptions
    @Flag(name: .customLong("no-bell"), help: "No terminal bell when a call reaches 25 minutes (the cue stays on screen).")
    var noBell = false
    @Option(name: .customLong("line"), help: "The line this console answers (an id of Resources/lines/lines.txt; default: its first). l on the idle screen changes it.")
    var line: String?

    func run() throws {
        let screen = try ScreenStart(store: store, language: language, line: line)
        // Who answers is the viewer (training mode alone names its trainee).
        // An unfinished call of this operator whose console is gone is offered for resumption at
        // start (the runtime's first effects); one another console still holds is only shown.
        var model = AppModel(session: .idle, strings: screen.strings, geography: screen.geography, operatorName: screen.viewer.name,
                             now: Date(), timeZone: .current)
        model.motifList = try MotifList.load(from: ResourceLocator.url("motifs/motifs.txt"))
        model.lines = screen.lines
        model.line = screen.line.id
        model.alerts.escalationDelay = alerts.escalationDelay
        model.bellAtReferenceDuration = !noBell
        // Quitting (q) ends the shift with a handoff note for the next one.
        model.asksHandoff = true
        try ConsoleShift.run(model: model, store: screen.store)
    }
}

/// A console run is the operator's shift: it starts now and ends when the console stops (a crash
/// leaves it open, which the review shows).
enum ConsoleShift {
    static func run(model: AppModel, store: any Store,
                    writeDebrief: ((Debrief, String) -> Result<String, DebriefWriteError>)? = nil) throws {
        // The shift starts now; its row is written once the first frame is up, before any key
        // is read (a failure to write it ends the console as it would have before the frame).
        let shift = Shift.newID(), startedAt = Date()
        let console = ConsoleIdentity.ofThisProcess(operatorName: model.operatorName)
        let calls = store.calls(shiftID: shift, console: console)
        let effects: ConsoleEffects
        if let writeDebrief {
            effects = ConsoleEffects(calls: calls, directory: store.directory, leases: store.leases, console: console,
                                     alertDesk: store.alerts, operators: store.operators, shiftID: shift, writeDebrief: writeDebrief,
                                     callbacks: store.callbacks, callerCodes: store.callerCodes, followUps: store.followUps, handoffs: store.handoffs)
        } else {
            // The call is also kept on this workstation (0600 files of the operator's own), so a
            // database out of reach then a kill loses nothing: offered again at the next start.
            let journal = try FileCallJournal(folder: FileCallJournal.defaultFolder(), console: console, location: store.location)
            effects = ConsoleEffects(calls: calls, directory: store.directory, leases: store.leases, console: console,
                                     alertDesk: store.alerts, operators: store.operators, shiftID: shift, journal: journal,
                                     maintenance: store.maintenance, callbacks: store.callbacks, callerCodes: store.callerCodes, followUps: store.followUps, handoffs: store.handoffs)
        }
        var started = false
        try TerminalSession.run(ConsoleProgram.program, model: model, handler: effects, strings: model.strings,
                                changesOf: store, onceShown: {
            try store.shifts.startShift(shift, operatorName: model.operatorName, line: model.line, at: startedAt)
            started = true
            // Callback numbers past the line's limit are erased at every console start (after the
            // first frame: not on its way).
            _ = try? store.callbacks.eraseExpiredNumbers(now: Date())
        }) {
            // The end of the shift is written if the store answers within half a second: a stopped
            // or unreachable database never delays the exit (the call is already kept).
            if started { Bounded.run(within: 0.5) { try? store.shifts.endShift(shift, at: Date()) } }
            store.close()
        }
    }
}

/// Work that may not hold up the program's end: run on a thread of its own and waited for at most
/// `seconds`; past that the program goes on (and the work ends with the process).
enum Bounded {
    static func run(within seconds: TimeInterval, _ work: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            work()
            done.signal()
        }
        _ = done.wait(timeout: .now() + seconds)
    }
}
