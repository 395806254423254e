import EcouteCore
import Foundation

/// The console's effects, run against the store seam: the same handler in the shipped console
/// and in the tests (over in-memory fakes or a temporary SQLite store).
public final class ConsoleEffects: EffectHandler {
    let calls: any CallRepository
    let directory: any ReferralDirectory & DirectorySearching
    let newCallID: () -> String
    /// Training mode: writes a debrief and says where (given by the command, which knows the
    /// report format and the folder).
    let writeDebrief: (Debrief, _ operatorName: String) -> Result<String, DebriefWriteError>

    public init(calls: any CallRepository, directory: any ReferralDirectory & DirectorySearching,
                newCallID: @escaping () -> String = { UUID().uuidString.lowercased() },
                writeDebrief: @escaping (Debrief, String) -> Result<String, DebriefWriteError> = { _, _ in
                    .failure(DebriefWriteError(reason: "no debrief outside training mode"))
                }) {
        self.calls = calls
        self.directory = directory
        self.newCallID = newCallID
        self.writeDebrief = writeDebrief
    }

    public func run(_ effect: AppEffect, send: (AppEvent) -> Void) {
        switch effect {
        case .session(.persist(let draft)):
            write(.persisted(draft), send) { try self.calls.persist(draft) }
        case .session(.finalize(let draft)):
            write(.finalized(draft), send) { try self.calls.finalize(draft) }
        case .session(.proposeReferrals(let request)):
            if let proposal = read(send, { try ReferralProposer.propose(request, from: self.directory) }) {
                send(.proposal(request, proposal))
            }
        case .fetchAlternatives(let request):
            if let entries = read(send, {
                try self.directory.candidates(kind: request.kind, near: request.departement, preferring: request.speciality,
                                              excluding: request.excluding, limit: 30)
            }) {
                send(.alternatives(request, entries))
            }
        case .searchDirectory(let query, let limit):
            if let entries = read(send, { try self.directory.search(query, limit: limit) }) {
                send(.directoryResults(query, entries))
            }
        case .writeDebrief(let debrief, let operatorName):
            send(.debriefWritten(writeDebrief(debrief, operatorName)))
        case .refreshLineAverage:
            if let average = read(send, { try self.calls.averageDuration() }) { send(.lineAverage(average)) }
        case .needCallID:
            send(.callID(newCallID()))
        case .quit:
            break
        }
    }

    /// A write, answered with its receipt only once the store has committed it.
    private func write(_ write: CallWrite, _ send: (AppEvent) -> Void, _ work: () throws -> Void) {
        do {
            try work()
            send(.written(write))
        } catch {
            send(.writeFailed(write, String(describing: error)))
        }
    }

    private func read<T>(_ send: (AppEvent) -> Void, _ work: () throws -> T) -> T? {
        do { return try work() } catch {
            send(.readFailed(String(describing: error)))
            return nil
        }
    }
}
