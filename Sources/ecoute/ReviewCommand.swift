import ArgumentParser
import EcouteCore
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute review`: shifts at a glance, level 4–5 calls, drill into a call; supervisors see every
/// operator's calls and may correct a saved call (every change goes to the audit log).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Review shifts: summary, level 4–5 calls, calls read-only (supervisors may correct).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        // Only a supervisor corrects a call: anyone else's review only reads, and opens the store
        // read-only (no writer to set up before the first frame); a supervisor's reopens it
        // read-write.
        var screen = try ScreenStart(store: store, language: language, access: .readOnlyCalls)
        if screen.viewer.canCorrect { try screen.reopenForWriting(store) }
        let (store, viewer) = (screen.store, screen.viewer)
        var model = ReviewModel(viewer: viewer, strings: screen.strings, timeZone: .current)
        model.lines = screen.lines
        try TerminalSession.run(ReviewProgram.program, model: model,
                                handler: ReviewEffects(review: store.review, shifts: store.shifts, leases: store.leases, viewer: viewer,
                                                       callerCodes: store.callerCodes, followUps: store.followUps),
                                strings: screen.strings, changesOf: store)
    }
}
