import EcouteCore
import EcouteStore
import EcouteTUI
import ArgumentParser
import Foundation
import GRDB

/// The imperative shell around the pure console: reads keys, runs effects against the store,
/// draws frames. Every change to a call is written before the next key is read.
final class ConsoleRunner {
    private var model: AppModel
    private let calls: any CallRepository
    private let directory: any ReferralDirectory & DirectorySearching
    private let terminal: Terminal
    /// Training mode: where debriefs are written.
    var debriefFolder: URL?

    init(model: AppModel, calls: any CallRepository, directory: any ReferralDirectory & DirectorySearching, terminal: Terminal) {
        self.model = model
        self.calls = calls
        self.directory = directory
        self.terminal = terminal
    }

    /// Opens the terminal, runs the console on the database, restores the terminal; a signal
    /// that ended the run becomes the exit status 128 + signal.
    /// The run is the operator's shift: it starts now and ends when the console stops (a crash
    /// leaves it open, which the review shows).
    static func runInTerminal(model: AppModel, pool: DatabasePool, geography: Geography, debriefFolder: URL? = nil) throws {
        let terminal: Terminal
        do { terminal = try Terminal() } catch { throw fail("ecoute: \(error)") }
        let review = SQLiteReview(pool: pool)
        let shift = try review.startShift(operatorName: model.operatorName, at: Date())
        let runner = ConsoleRunner(model: model, calls: SQLiteCallRepository(pool: pool, shiftID: shift),
                                   directory: SQLiteDirectory(pool: pool, geography: geography), terminal: terminal)
        runner.debriefFolder = debriefFolder
        let signal = runner.run()
        terminal.stop()
        try? review.endShift(shift, at: Date())
        if let signal { throw ExitCode(128 + signal) }
    }

    /// Runs until the psychologist quits or a signal (SIGTERM, SIGHUP…) asks to stop.
    /// Returns the signal, if one ended the run.
    func run() -> Int32? {
        let (width, height) = terminal.size
        dispatch(.resize(width: width, height: height))
        dispatch(.callID(Self.newCallID()))
        run(.refreshLineAverage)
        while !model.shouldQuit {
            if let signal = terminal.pendingSignal { return signal }
            terminal.draw(Screen.render(model))
            let input = terminal.read(timeoutMs: 250)
            dispatch(.tick(Date()))
            switch input {
            case .key(let key)?: dispatch(.key(key))
            case .resize(let w, let h)?: dispatch(.resize(width: w, height: h))
            case nil: break
            }
        }
        return nil
    }

    private func dispatch(_ event: AppEvent) {
        for effect in AppUpdate.update(&model, event) { run(effect) }
    }

    private func run(_ effect: AppEffect) {
        switch effect {
        case .session(.persist(let draft)):
            store { try self.calls.persist(draft) }
        case .session(.finalize(let draft)):
            store { try self.calls.finalize(draft) }
        case .session(.proposeReferrals(let request)):
            if let proposal = store({ try ReferralProposer.propose(request, from: self.directory) }) {
                dispatch(.proposal(request, proposal))
            }
        case .fetchAlternatives(let request):
            if let entries = store({
                try self.directory.candidates(kind: request.kind, near: request.departement, preferring: request.speciality,
                                              excluding: request.excluding, limit: 30)
            }) {
                dispatch(.alternatives(request, entries))
            }
        case .searchDirectory(let query, let limit):
            if let entries = store({ try self.directory.search(query, limit: limit) }) {
                dispatch(.directoryResults(query, entries))
            }
        case .writeDebrief(let scenario, let markdown):
            dispatch(.debriefWritten(Self.write(markdown, scenario: scenario, in: debriefFolder)))
        case .refreshLineAverage:
            if let average = store({ try self.calls.averageDuration() }) { dispatch(.lineAverage(average)) }
        case .needCallID:
            dispatch(.callID(Self.newCallID()))
        case .quit:
            break
        }
    }

    /// Runs a store operation; a failure is shown on screen (the model keeps the data, and the
    /// next write sends the whole call again).
    @discardableResult
    private func store<T>(_ work: () throws -> T) -> T? {
        do {
            let value = try work()
            if model.storeError != nil { dispatch(.storeSucceeded) }
            return value
        } catch {
            dispatch(.storeFailed(String(describing: error)))
            return nil
        }
    }

    static func write(_ markdown: String, scenario: String, in folder: URL?) -> Result<String, DebriefWriteError> {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let folder = folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let file = folder.appendingPathComponent("debrief-\(scenario)-\(formatter.string(from: Date())).md")
        do {
            try Data(markdown.utf8).write(to: file, options: .atomic)
            return .success(file.path)
        } catch {
            return .failure(DebriefWriteError(reason: "\(file.path): \(error.localizedDescription)"))
        }
    }

    static func newCallID() -> String { UUID().uuidString.lowercased() }
}
