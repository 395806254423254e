import ArgumentParser
import EcouteCore
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute` / `ecoute console`: the live call console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the call console (default).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOptions
    @Option(help: "Pseudonymous operator name recorded with each call (default: the system user).") var `operator`: String?

    func run() throws {
        let strings = try language.strings()
        try TerminalSession.checkTerminal(strings)
        let (store, geography) = try self.store.open()
        let operatorName = self.operator ?? EcouteCLI.systemUser()
        let session: SessionState = try store.calls(shiftID: nil).unfinishedCalls(operatorName: operatorName).first
            .map(SessionState.interrupted) ?? .idle
        let model = AppModel(session: session, strings: strings, geography: geography, operatorName: operatorName,
                             now: Date(), timeZone: .current)
        // The call, if any, was written at its last change; it is offered for resumption at the next start.
        try ConsoleShift.run(model: model, store: store)
    }
}

/// A console run is the operator's shift: it starts now and ends when the console stops (a crash
/// leaves it open, which the review shows).
enum ConsoleShift {
    static func run(model: AppModel, store: any Store,
                    writeDebrief: ((Debrief, String) -> Result<String, DebriefWriteError>)? = nil) throws {
        let shift = try store.shifts.startShift(operatorName: model.operatorName, at: Date())
        let effects: ConsoleEffects
        if let writeDebrief {
            effects = ConsoleEffects(calls: store.calls(shiftID: shift), directory: store.directory, writeDebrief: writeDebrief)
        } else {
            effects = ConsoleEffects(calls: store.calls(shiftID: shift), directory: store.directory)
        }
        try TerminalSession.run(ConsoleProgram.program, model: model, handler: effects, strings: model.strings) {
            try? store.shifts.endShift(shift, at: Date())
        }
    }
}
