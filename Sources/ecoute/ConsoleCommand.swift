import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute` / `ecoute console`: the live call console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the call console (default).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Interface language: fr (default) or en. Without it, an English locale gives English.") var lang: String?
    @Option(help: "Pseudonymous operator name recorded with each call (default: the system user).") var `operator`: String?

    func validate() throws {
        if let lang, Language(rawValue: lang.lowercased()) == nil {
            throw ValidationError("--lang takes fr or en, not \"\(lang)\"")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let strings = try Strings.load(Language.resolve(option: lang, environment: environment), from: ResourceLocator.url("strings"))
        let (pool, geography) = try database.open()
        let calls = SQLiteCallRepository(pool: pool)
        let operatorName = self.operator ?? environment["USER"] ?? environment["LOGNAME"] ?? "operateur"
        let session: SessionState = try calls.unfinishedCalls(operatorName: operatorName).first.map(SessionState.interrupted) ?? .idle
        let model = AppModel(session: session, strings: strings, geography: geography, operatorName: operatorName,
                             now: Date(), timeZone: .current)
        // The call, if any, was written at its last change; it is offered for resumption at the next start.
        try ConsoleRunner.runInTerminal(model: model, pool: pool, geography: geography)
    }
}
