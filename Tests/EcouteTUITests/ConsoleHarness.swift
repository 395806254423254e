import EcouteCore
import Foundation
@testable import EcouteTUI

/// In-memory stand-ins for the store, recording what the console writes.
final class FakeCalls: CallRepository, @unchecked Sendable {
    var persisted: [CallDraft] = []
    var finalized: [CallDraft] = []
    var failing = false

    struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }

    func persist(_ draft: CallDraft) throws {
        if failing { throw Failure() }
        persisted.append(draft)
    }
    func finalize(_ draft: CallDraft) throws {
        if failing { throw Failure() }
        finalized.append(draft)
    }
    func unfinishedCalls(operatorName: String) throws -> [CallDraft] { [] }
    func averageDuration() throws -> TimeInterval? {
        finalized.isEmpty ? nil : finalized.map { $0.elapsed(now: .distantFuture) }.reduce(0, +) / Double(finalized.count)
    }
}

struct FakeDirectory: ReferralDirectory, DirectorySearching {
    var entries: [DirectoryEntry]

    func search(_ query: DirectoryQuery, limit: Int) throws -> [DirectoryEntry] {
        let words = query.text.split(separator: " ").map { TextFolding.fold(String($0)) }
        return entries.filter { e in
            (query.kind == nil || e.kind == query.kind) && (query.departement == nil || e.departement == query.departement)
                && (!query.teleconsultationOnly || e.teleconsultation)
                && words.allSatisfy { w in TextFolding.fold(e.name + " " + e.city).split(separator: " ").contains { $0.hasPrefix(w) } }
        }.prefix(limit).map { $0 }
    }

    func candidates(kind: ReferralKind, near departement: String?, preferring speciality: String?,
                    excluding: Set<Int64>, limit: Int) throws -> [RankedEntry] {
        let matching = entries.filter { $0.kind == kind && !excluding.contains($0.id!) }
        return matching.prefix(limit).map {
            RankedEntry(entry: $0, tier: $0.departement == departement ? .sameDepartement : ($0.departement == nil ? .national : .region))
        }
    }

    static let sample: FakeDirectory = {
        var id: Int64 = 0
        func e(_ kind: ReferralKind, _ name: String, _ dep: String?) -> DirectoryEntry {
            id += 1
            return DirectoryEntry(id: id, source: "t", sourceID: "\(id)", kind: kind, name: name, city: "Ville",
                                  departement: dep, region: nil, phones: ["01 99 00 00 \(id < 10 ? "0" : "")\(id)"])
        }
        return FakeDirectory(entries: [
            e(.psychologist, "Psy A", "69"), e(.psychologist, "Psy B", "69"), e(.gp, "Dr GP A", "69"), e(.gp, "Dr GP B", "01"),
            e(.psychiatrist, "Dr Psychiatre", "69"), e(.unit, "Unité Lyon", "69"), e(.legal, "Point-justice", "69"),
            e(.administrative, "Service social", "69"), e(.emergency, "SAMU — 15", nil), e(.emergency, "112", nil),
            e(.emergency, "3114", nil),
        ])
    }()
}

/// Drives the console like the real shell does, without a terminal: keys in, effects run
/// against the fakes, the clock moved by hand.
final class ConsoleHarness {
    var model: AppModel
    let calls = FakeCalls()
    var directory = FakeDirectory.sample
    private var nextID = 0
    var keysPressed = 0
    /// Debriefs the console asked to write: (scenario, Markdown).
    var writtenDebriefs: [(String, String)] = []

    init(_ session: SessionState = .idle, language: Language = .fr) {
        model = TUIFixtures.model(session, language)
        model.nextCallID = nil
        dispatch(.callID(freshID()))
    }

    func freshID() -> String { nextID += 1; return "call-\(nextID)" }

    func advance(_ seconds: TimeInterval) { dispatch(.tick(model.now + seconds)) }

    func press(_ keys: Key...) {
        for key in keys {
            keysPressed += 1
            dispatch(.key(key))
        }
    }

    func type(_ text: String) {
        for c in text { press(.character(c)) }
    }

    func dispatch(_ event: AppEvent) {
        for effect in AppUpdate.update(&model, event) {
            switch effect {
            case .session(.persist(let d)):
                do { try calls.persist(d); if model.storeError != nil { dispatch(.storeSucceeded) } } catch { dispatch(.storeFailed("\(error)")) }
            case .session(.finalize(let d)):
                do { try calls.finalize(d) } catch { dispatch(.storeFailed("\(error)")) }
            case .session(.proposeReferrals(let request)):
                dispatch(.proposal(request, try! ReferralProposer.propose(request, from: directory)))
            case .fetchAlternatives(let r):
                dispatch(.alternatives(r, try! directory.candidates(kind: r.kind, near: r.departement, preferring: r.speciality,
                                                                    excluding: r.excluding, limit: 30)))
            case .searchDirectory(let query, let limit):
                dispatch(.directoryResults(query, try! directory.search(query, limit: limit)))
            case .writeDebrief(let scenario, let markdown):
                writtenDebriefs.append((scenario, markdown))
                dispatch(.debriefWritten(.success("/tmp/debrief-\(scenario).md")))
            case .refreshLineAverage:
                dispatch(.lineAverage(try! calls.averageDuration()))
            case .needCallID:
                dispatch(.callID(freshID()))
            case .quit:
                break
            }
        }
    }

    var screen: String { Screen.render(model).text }
}
