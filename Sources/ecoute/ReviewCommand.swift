import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute review`: shifts at a glance, level 4–5 calls, drill into a call; supervisors see every
/// operator's calls and may correct a saved call (every change goes to the audit log).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Review shifts: summary, level 4–5 calls, calls read-only (supervisors may correct).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Interface language: fr (default) or en.") var lang: String?

    func run() throws {
        let (pool, _) = try database.open()
        let review = SQLiteReview(pool: pool)
        let viewer = try review.viewer(systemUser: EcouteCLI.systemUser())
        let strings = try Strings.load(Language.resolve(option: lang, environment: ProcessInfo.processInfo.environment),
                                       from: ResourceLocator.url("strings"))
        let terminal: Terminal
        do { terminal = try Terminal() } catch { throw fail("ecoute: \(error)") }
        let signal = ReviewRunner(model: ReviewModel(viewer: viewer, strings: strings, timeZone: .current),
                                  review: review, terminal: terminal).run()
        terminal.stop()
        if let signal { throw ExitCode(128 + signal) }
    }
}

/// The imperative shell of `ecoute review`: keys in, store reads and corrections, frames out.
final class ReviewRunner {
    private var model: ReviewModel
    private let review: SQLiteReview
    private let terminal: Terminal

    init(model: ReviewModel, review: SQLiteReview, terminal: Terminal) {
        self.model = model
        self.review = review
        self.terminal = terminal
    }

    func run() -> Int32? {
        let (width, height) = terminal.size
        dispatch(.resize(width: width, height: height))
        run(.loadShifts)
        while !model.shouldQuit {
            if let signal = terminal.pendingSignal { return signal }
            terminal.draw(ReviewView.render(model))
            switch terminal.read(timeoutMs: 250) {
            case .key(let key)?: dispatch(.key(key))
            case .resize(let w, let h)?: dispatch(.resize(width: w, height: h))
            case nil: break
            }
        }
        return nil
    }

    private func dispatch(_ event: ReviewEvent) {
        for effect in ReviewUpdate.update(&model, event) { run(effect) }
    }

    private func run(_ effect: ReviewEffect) {
        do {
            switch effect {
            case .loadShifts:
                dispatch(.shifts(try review.shifts(visibleTo: model.viewer)))
            case .loadCalls(let shiftID):
                dispatch(.calls(shiftID: shiftID, try review.calls(CallQuery(shiftID: shiftID), visibleTo: model.viewer)))
            case .loadAudit(let callID):
                dispatch(.audit(callID: callID, try review.auditLog(callID: callID)))
            case .correct(let callID, let field, let value, let reason):
                do {
                    try review.correct(callID: callID, field: field, to: value, reason: reason, by: model.viewer, at: Date())
                    dispatch(.corrected(callID: callID, error: nil))
                } catch {
                    dispatch(.corrected(callID: callID, error: String(describing: error)))
                }
            case .quit:
                break
            }
        } catch {
            dispatch(.failed(String(describing: error)))
        }
    }
}
