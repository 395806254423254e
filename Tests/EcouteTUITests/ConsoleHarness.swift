import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
import EcouteReports
@testable import EcouteTUI

/// In-memory stand-ins for the store, recording what the console writes.
final class FakeCalls: CallRepository, @unchecked Sendable {
    var persisted: [CallDraft] = []
    var finalized: [CallDraft] = []
    var failing = false
    /// Another console holds the call: every write is refused as the store refuses it.
    var heldElsewhere: CallHeldElsewhere?
    /// Versions kept for supervisors after a takeover.
    var kept: [CallDraft] = []
    /// Writes asked for, refused ones included.
    var attempts = 0
    /// When set, every write waits for it to open first: a store slowed by a lock or a network.
    var gate: Gate?

    /// What a refused write says (as the engine would).
    var failureText = "disk full"
    struct Failure: Error, CustomStringConvertible { var description: String }

    func persist(_ draft: CallDraft) throws {
        gate?.pass()
        attempts += 1
        if let heldElsewhere { throw heldElsewhere }
        if failing { throw Failure(description: failureText) }
        persisted.append(draft)
    }
    func finalize(_ draft: CallDraft) throws {
        gate?.pass()
        attempts += 1
        if let heldElsewhere { throw heldElsewhere }
        if failing { throw Failure(description: failureText) }
        finalized.append(draft)
    }
    /// Calls left unfinished by earlier runs, as the store would list them.
    var unfinished: [CallDraft] = []
    func unfinishedCalls(operatorName: String) throws -> [CallDraft] { unfinished }
    func keepUnsavedVersion(_ draft: CallDraft, heldBy holder: CallHolder?, at: Date) throws {
        if failing { throw Failure(description: failureText) }
        kept.append(draft)
    }
    func call(id: String) throws -> CallDraft? { (finalized + persisted).last { $0.id == id } }
    func averageDuration(overLastDays days: Int) throws -> TimeInterval? {
        guard let latest = finalized.map(\.pickedUpAt).max() else { return nil }
        let recent = finalized.filter { $0.pickedUpAt >= latest.addingTimeInterval(-Double(days) * 86_400) }
        return recent.isEmpty ? nil : recent.map { $0.elapsed(now: .distantFuture) }.reduce(0, +) / Double(recent.count)
    }
}

/// A door the store's thread waits at until the test opens it.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false
    private(set) var waiting = 0

    func pass() {
        condition.lock()
        waiting += 1
        while !isOpen { condition.wait() }
        waiting -= 1
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits (at most `seconds`) until a write reaches the door: the effect worker runs on its
    /// own thread, so a write asked for may not have got there yet.
    func awaitAWrite(seconds: TimeInterval = 10) -> Bool {
        let deadline = Date() + seconds
        condition.lock()
        defer { condition.unlock() }
        while waiting == 0 {
            condition.unlock()
            usleep(1000)
            condition.lock()
            if Date() >= deadline { return waiting > 0 }
        }
        return true
    }

    /// Whether a write is waiting at the door now.
    var holdsAWrite: Bool {
        condition.lock()
        defer { condition.unlock() }
        return waiting > 0
    }
}

/// The directory behind a gate the test may close: a slow directory read.
final class GatedDirectory: ReferralDirectory, DirectorySearching, @unchecked Sendable {
    let inner: FakeDirectory
    var gate: Gate?
    init(_ inner: FakeDirectory) { self.inner = inner }

    func search(_ query: DirectoryQuery, limit: Int) throws -> [DirectoryEntry] {
        gate?.pass()
        return try inner.search(query, limit: limit)
    }
    func candidates(kind: ReferralKind, near departement: String?, preferring speciality: String?,
                    excluding: Set<Int64>, limit: Int) throws -> [RankedEntry] {
        gate?.pass()
        return try inner.candidates(kind: kind, near: departement, preferring: speciality, excluding: excluding, limit: limit)
    }
    func associations(serving profession: Profession, student: Bool, near departement: String?, limit: Int) throws -> [RankedEntry] {
        gate?.pass()
        return try inner.associations(serving: profession, student: student, near: departement, limit: limit)
    }
}

/// Leases in memory: who holds which call, and the takeovers asked for.
final class FakeLeases: CallLeases, @unchecked Sendable {
    var held: [String: CallHolder] = [:]
    var takeoversDone: [CallTakeover] = []
    var heartbeats = 0

    func holders(of callIDs: [String]) throws -> [String: CallHolder] { held.filter { callIDs.contains($0.key) } }
    func heartbeat(_ console: ConsoleIdentity, at: Date) throws -> Int {
        heartbeats += 1
        return held.values.filter { $0.console.id == console.id }.count
    }
    func takeOver(_ callID: String, from: CallHolder?, by console: ConsoleIdentity, at: Date) throws {
        guard held[callID] == from else { throw CallHeldElsewhere(callID: callID, holder: held[callID]) }
        held[callID] = CallHolder(console: console, heartbeatAt: at)
        takeoversDone.append(CallTakeover(callID: callID, at: at, by: console, from: from))
    }
    func takeovers(of callID: String) throws -> [CallTakeover] { takeoversDone.filter { $0.callID == callID } }
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

    func associations(serving profession: Profession, student: Bool, near departement: String?, limit: Int) throws -> [RankedEntry] {
        entries.filter { $0.kind == .association && ($0.specialities.contains(profession.rawValue) || $0.specialities.contains(ReferralKind.everyProfessionTag))
            && (!student || $0.specialities.contains(ReferralKind.studentsTag)) }
            .prefix(limit).map { RankedEntry(entry: $0, tier: .national) }
    }

    static let sample: FakeDirectory = {
        var id: Int64 = 0
        func e(_ kind: ReferralKind, _ name: String, _ dep: String?, phone: String? = nil) -> DirectoryEntry {
            id += 1
            return DirectoryEntry(id: id, source: "t", sourceID: "\(id)", kind: kind, name: name, city: "Ville",
                                  departement: dep, region: nil, phones: [phone ?? "01 99 00 00 \(id < 10 ? "0" : "")\(id)"])
        }
        return FakeDirectory(entries: [
            e(.psychologist, "Psy A", "69"), e(.psychologist, "Psy B", "69"), e(.gp, "Dr GP A", "69"), e(.gp, "Dr GP B", "01"),
            e(.psychiatrist, "Dr Psychiatre", "69"), e(.unit, "Unité Lyon", "69"), e(.legal, "Point-justice", "69"),
            e(.administrative, "Service social", "69"), e(.emergency, "SAMU — 15", nil, phone: "15"),
            e(.emergency, "112", nil, phone: "112"), e(.emergency, "3114", nil, phone: "3114"), e(.addiction, "CSAPA de Lyon", "69"),
        ])
    }()
}

/// Drives the console through the shipped runtime and effect handler, with a scripted terminal,
/// in-memory stores and a clock the test moves: each `press` is one batch of keys, as a burst of
/// typing reaches the real console.
final class ConsoleHarness {
    let calls: FakeCalls
    let leases = FakeLeases()
    static let console = ConsoleIdentity(id: "this-console", host: "poste-test", pid: 4242, operatorName: "psy-test")
    let terminal = ScriptedTerminal()
    /// The directory the console reads, whose reads a test may hold at a gate.
    let directory: GatedDirectory
    private(set) var runtime: ConsoleProgram.Runner!
    private var clock: Date
    private var nextID = 0
    var keysPressed = 0
    /// Debriefs the console asked to write: (scenario, Markdown).
    var writtenDebriefs: [(String, String)] = []

    /// `journal`: this console's copy of its call on the workstation, when the test wants one.
    init(_ session: SessionState = .idle, language: Language = .fr, directory: FakeDirectory = .sample,
         console: ConsoleIdentity = ConsoleHarness.console, calls: FakeCalls = FakeCalls(), journal: (any CallJournal)? = nil,
         maintenance: (any StoreMaintenance)? = nil, before: (ConsoleHarness) -> Void = { _ in }) {
        self.calls = calls
        var model = TUIFixtures.model(session, language)
        model.nextCallID = nil
        clock = model.now
        self.directory = GatedDirectory(directory)
        // Weak: an effect still queued on the worker may run after the test let the harness go.
        let effects = ConsoleEffects(
            calls: calls, directory: self.directory, leases: leases, console: console, clock: { [weak self] in self?.clock ?? Date() },
            processExists: { _ in false }, newCallID: { [weak self] in self?.freshID() ?? UUID().uuidString },
            writeDebrief: { [weak self] debrief, trainee in
                let markdown = DebriefReport.markdown(debrief, operatorName: trainee, timeZone: model.timeZone, strings: model.strings)
                self?.writtenDebriefs.append((debrief.scenario.name, markdown))
                return .success("/tmp/debrief-\(debrief.scenario.name).md")
            }, journal: journal, maintenance: maintenance)
        runtime = ConsoleProgram.Runner(program: ConsoleProgram.program, model: model, terminal: terminal, handler: effects,
                                        clock: { [weak self] in self?.clock ?? Date() })
        before(self)
        runtime.start()
        runtime.firstFrameShown()
        runtime.settle()
    }

    /// The model, as the runtime holds it (tests may set up training mode through it).
    var model: AppModel {
        get { runtime.model }
        set { runtime.model = newValue }
    }

    func freshID() -> String { nextID += 1; return "call-\(nextID)" }

    /// Moves the clock; the runtime's next turn ticks.
    func advance(_ seconds: TimeInterval) {
        clock += seconds
        step()
    }

    /// One turn of the runtime, then every effect it asked for answered and handled.
    func step() {
        runtime.step(timeoutMs: 0)
        runtime.settle()
    }

    /// The keys, one at a time as a person types them: each one's effects answered before the
    /// next (`burst` sends them as one batch).
    func press(_ keys: Key...) {
        for key in keys {
            keysPressed += 1
            terminal.queue(keys: [key])
            step()
        }
    }

    /// The keys as one batch, as a burst of typing reaches the console: all handled before any
    /// effect's answer.
    func burst(_ keys: [Key]) {
        keysPressed += keys.count
        terminal.queue(keys: keys)
        while terminal.hasInput { step() }
    }

    /// Presses the key the current screen's keymap binds to each action (a test fails if none is).
    func press(actions: Action...) {
        for action in actions {
            guard let key = ConsoleKeymap.current(model).key(for: action) else {
                Issue.record("no key for \(action) on \(model.session.phase)"); return
            }
            press(key)
        }
    }

    func type(_ text: String) {
        for c in text { press(.character(c)) }
    }

    /// Answers every « why not given? » picker with its first reason.
    func justifyEveryGap() {
        while case .picker(let picker)? = model.overlay, case .referralGap = picker.purpose { press(.enter) }
    }

    /// An event from outside the keyboard (a resize, the clock).
    func dispatch(_ event: AppEvent) {
        if case .tick(let now) = event { clock = now }
        runtime.send(event)
        runtime.settle()
    }

    var screen: String { Screen.render(model).text }
    /// What the terminal shows: the last frame the runtime drew.
    var frame: String { terminal.lastFrame?.text ?? "" }
}

/// A store's schema as a test sets it: the migrations a newer version applied.
final class FakeMaintenance: StoreMaintenance, @unchecked Sendable {
    var unknown: [String] = []
    func backup(to path: String) throws {}
    func check() throws -> [StoreProblem] { [] }
    func migrationsUnknownToThisVersion() throws -> [String] { unknown }
}
