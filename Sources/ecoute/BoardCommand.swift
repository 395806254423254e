import ArgumentParser
import EcouteCore
import EcouteTUI
import Foundation

/// `ecoute board`: the supervisors on duty, live — who is on a call and for how long, level-5
/// alerts that ring and are taken with one key, unfinished calls to close or reassign.
struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board", abstract: "Supervisors' live board: alerts (taken with one key), consoles on shift, orphaned calls.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOptions
    @OptionGroup var alerts: AlertOptions

    func run() throws {
        let screen = try ScreenStart(store: store, language: language)
        let (strings, store, viewer) = (screen.strings, screen.store, screen.viewer)
        guard viewer.role == .supervisor else {
            throw fail("ecoute: " + strings.format("board.supervisorsOnly", viewer.name, strings["role.\(viewer.role.rawValue)"]))
        }
        // Callback numbers past the line's limit go before anyone sees the queue.
        _ = try? store.callbacks.eraseExpiredNumbers(now: Date())
        var model = BoardModel(viewer: viewer, strings: strings, timeZone: .current, now: Date(), escalationDelay: alerts.escalationDelay)
        model.lines = screen.lines
        try TerminalSession.run(BoardProgram.program, model: model,
                                handler: BoardEffects(desk: store.alerts, review: store.review, leases: store.leases, viewer: viewer,
                                                      callbacks: store.callbacks, followUps: store.followUps, handoffs: store.handoffs),
                                strings: strings, changesOf: store)
    }
}

/// How long an alert may wait untaken before every console raises it again.
struct AlertOptions: ParsableArguments {
    @Option(name: .customLong("alert-escalation"), help: ArgumentHelp(
        "Seconds an alert may wait untaken before it is raised again on every console.", valueName: "seconds"))
    var escalationSeconds: Int = Int(Alert.defaultEscalationDelay)

    var escalationDelay: TimeInterval { TimeInterval(escalationSeconds) }

    func validate() throws {
        guard escalationSeconds >= 1 else { throw ValidationError("--alert-escalation takes a number of seconds, at least 1") }
    }
}
