import EcouteCore
import Foundation

/// The console's effects, run against the store seam: the same handler in the shipped console
/// and in the tests (over in-memory fakes or a temporary SQLite store).
public final class ConsoleEffects: EffectHandler {
    let calls: any CallRepository
    let directory: any ReferralDirectory & DirectorySearching
    let leases: any CallLeases
    /// Alerts and the board; nil where the console runs alone (no one to alert).
    let alertDesk: (any AlertDesk)?
    let operators: (any OperatorRegistry)?
    let shiftID: String?
    /// This console: it holds the calls it writes.
    let console: ConsoleIdentity
    let clock: () -> Date
    /// Whether a process of this host is running (a killed console is dead at once).
    let processExists: (Int32) -> Bool
    let newCallID: () -> String
    /// Training mode: writes a debrief and says where (given by the command, which knows the
    /// report format and the folder).
    let writeDebrief: (Debrief, _ operatorName: String) -> Result<String, DebriefWriteError>
    /// This console's copy of its call on the workstation (none in training mode and in tests
    /// that do not ask for one).
    let journal: (any CallJournal)?
    /// Asked, between calls, whether a newer ecoute upgraded the store (nil: never asked).
    let maintenance: (any StoreMaintenance)?
    /// The supervisors' callback queue (nil: requests are refused with a message).
    let callbacks: (any CallbackQueue)?
    /// Caller codes (nil: `k` is refused with a message).
    let callerCodes: (any CallerCodes)?
    /// Calls' follow-ups (nil: `g` is refused with a message).
    let followUps: (any FollowUps)?
    /// Shift handoff notes (nil: none asked, none shown).
    let handoffs: (any ShiftHandoffs)?

    public init(calls: any CallRepository, directory: any ReferralDirectory & DirectorySearching,
                leases: any CallLeases, console: ConsoleIdentity, alertDesk: (any AlertDesk)? = nil,
                operators: (any OperatorRegistry)? = nil, shiftID: String? = nil, clock: @escaping () -> Date = Date.init,
                processExists: @escaping (Int32) -> Bool = ConsoleEffects.processExists,
                newCallID: @escaping () -> String = { UUID().uuidString.lowercased() },
                writeDebrief: @escaping (Debrief, String) -> Result<String, DebriefWriteError> = { _, _ in
                    .failure(DebriefWriteError(reason: "no debrief outside training mode"))
                }, journal: (any CallJournal)? = nil, maintenance: (any StoreMaintenance)? = nil,
                callbacks: (any CallbackQueue)? = nil, callerCodes: (any CallerCodes)? = nil,
                followUps: (any FollowUps)? = nil, handoffs: (any ShiftHandoffs)? = nil) {
        self.handoffs = handoffs
        self.followUps = followUps
        self.callerCodes = callerCodes
        self.journal = journal
        self.maintenance = maintenance
        self.callbacks = callbacks
        self.calls = calls
        self.directory = directory
        self.leases = leases
        self.alertDesk = alertDesk
        self.operators = operators
        self.shiftID = shiftID
        self.console = console
        self.clock = clock
        self.processExists = processExists
        self.newCallID = newCallID
        self.writeDebrief = writeDebrief
    }

    /// The directory's reads share nothing with the call's writes (the directory is a file of its
    /// own): proposals, alternatives and searches answer while a write waits for a lock.
    public func runsApart(_ effect: AppEffect) -> Bool {
        switch effect {
        case .session(.proposeReferrals), .fetchAlternatives, .searchDirectory: return true
        default: return false
        }
    }

    public func run(_ effect: AppEffect, send: (AppEvent) -> Void) {
        switch effect {
        case .session(.persist(let draft)):
            write(.persisted(draft), send) { try self.calls.persist(draft) }
        case .session(.finalize(let draft)):
            write(.finalized(draft), send) { try self.calls.finalize(draft) }
        case .session(.raiseAlert):
            break   // made an alert (`raiseAlert`) by AppUpdate, which knows the time and the call
        case .session(.proposeReferrals(let request)):
            if let proposal = read(send, { try ReferralProposer.propose(request, from: self.directory, at: self.clock()) }) {
                send(.proposal(request, proposal))
            } else {
                send(.proposalFailed(request))
            }
        case .fetchAlternatives(let request):
            if let entries = read(send, {
                try self.directory.candidates(kind: request.kind, near: request.departement, preferring: request.speciality,
                                              excluding: request.excluding, limit: 30)
            }) {
                send(.alternatives(request, entries))
            }
        case .searchDirectory(let query, let limit):
            if let entries = read(send, { try DirectoryLookup.entries(for: query, limit: limit, in: self.directory) }) {
                send(.directoryResults(query, entries))
            }
        case .writeDebrief(let debrief, let operatorName):
            send(.debriefWritten(writeDebrief(debrief, operatorName)))
        case .refreshLineAverage:
            if let average = read(send, { try self.calls.averageDuration(overLastDays: AppModel.lineAverageDays) }) {
                send(.lineAverage(average))
            }
        case .needCallID:
            send(.callID(newCallID()))
        case .loadUnfinished:
            guard var unfinished = read(send, { try self.calls.unfinishedCalls(operatorName: self.console.operatorName) }),
                  let holders = read(send, { try self.leases.holders(of: unfinished.map(\.id)) }) else { return }
            unfinished = withLeftovers(unfinished, send)
            let now = clock()
            var resumable: [UnfinishedCall] = [], held: [UnfinishedCall] = []
            for call in unfinished {
                let holder = holders[call.id]
                if let holder, holder.console.id != console.id,
                   holder.isAlive(now: now, localHost: console.host, processExists: processExists) {
                    held.append(UnfinishedCall(call: call, holder: holder))
                } else {
                    resumable.append(UnfinishedCall(call: call, holder: holder?.console.id == console.id ? nil : holder))
                }
            }
            send(.unfinished(resumable: resumable, heldElsewhere: held))
        case .takeOver(let callID, let from):
            do {
                try leases.takeOver(callID, from: from, by: console, at: clock())
                journal?.forget(callID: callID)
            } catch let held as CallHeldElsewhere {
                // Lost the race: nothing of this console's was written, so nothing to keep.
                send(.callTakenOver(CallTakenOver(callID: callID, holder: held.holder, alreadySaved: held.alreadySaved,
                                                  at: held.takenOverAt ?? clock(), version: .nothingUnsaved)))
            } catch {
                send(.takeoverRefused(callID: callID, String(describing: error)))
            }
        case .checkSchema:
            guard let maintenance else { return }
            if let unknown = read(send, { try maintenance.migrationsUnknownToThisVersion() }) { send(.schemaChecked(unknown: unknown)) }
        case .heartbeat(let activity):
            presence(send) { _ = try self.leases.heartbeat(self.console, at: self.clock()) }
            report(activity, send)
        case .reportActivity(let activity):
            report(activity, send)
        case .raiseAlert(let alert):
            guard let alertDesk else {
                send(.alertNotRaised(alert, "no alert desk"))   // nothing was sent: never said as sent
                return
            }
            do {
                // Recorded at its arrival when it is late (the store's lock waited for included);
                // the console says the lateness the store recorded, when it recorded one.
                var said = alert
                let landed = try alertDesk.raise(alert, arrival: clock)
                if landed.id == alert.id, let late = landed.lateBy { said.lateBy = late }
                send(.alertRaised(said))
                loadAlerts(callID: alert.callID, send)
            } catch {
                send(.alertNotRaised(alert, String(describing: error)))
            }
        case .markRaisedByMistake(let callID, let reason):
            guard let alertDesk else { return }
            do {
                try alertDesk.markRaisedByMistake(callID: callID, reason: reason, at: clock())
                send(.raisedByMistakeMarked(failure: nil))
                loadAlerts(callID: callID, send)
            } catch {
                send(.raisedByMistakeMarked(failure: String(describing: error)))
            }
        case .loadAlerts(let callID):
            loadAlerts(callID: callID, send)
        case .leaveBoard:
            _ = read(send, { try self.alertDesk?.leave(self.console.id) })
        case .requestCallback, .issueCallerCode, .readCallerHistory, .setFollowUp, .loadHandoffFacts, .writeHandoff, .loadFollowUpsDue,
             .loadHandoffs:
            runContinuity(effect, send: send)
        case .quit:
            break
        }
    }

    /// Every version of the call is kept on this workstation as soon as it is asked for (the
    /// journal's lane): whatever the store does next, and however long it takes, it is kept.
    public func keep(_ effect: AppEffect, send: (AppEvent) -> Void) {
        switch effect {
        case .session(.persist(let draft)), .session(.finalize(let draft)): keepOnWorkstation(draft, send)
        default: break
        }
    }

    private func keepOnWorkstation(_ draft: CallDraft, _ send: (AppEvent) -> Void) {
        guard let journal else { return }
        do {
            try journal.keep(draft)
            send(.keptOnWorkstation(callID: draft.id, updatedAt: draft.updatedAt))
        } catch {
            send(.keptOnWorkstation(callID: draft.id, updatedAt: nil))
        }
    }

    /// The operator's unfinished calls as the store has them, each replaced by a newer version
    /// a stopped console of this workstation kept, and with the calls the store never got.
    private func withLeftovers(_ unfinished: [CallDraft], _ send: (AppEvent) -> Void) -> [CallDraft] {
        guard let journal else { return unfinished }
        var calls = unfinished
        for kept in journal.leftovers(processExists: processExists) where kept.operatorName == console.operatorName {
            if let i = calls.firstIndex(where: { $0.id == kept.id }) {
                if kept.updatedAt > calls[i].updatedAt { calls[i] = kept }
            } else if let stored = read(send, { try self.calls.call(id: kept.id) }) {
                if stored == nil { calls.append(kept) } else { journal.forget(callID: kept.id) }   // saved or closed meanwhile
            }
        }
        return calls
    }

    /// A write, answered with its receipt only once the store has committed it. Refused because
    /// another console has the call: this console's version is kept with the call for supervisors.
    private func write(_ write: CallWrite, _ send: (AppEvent) -> Void, _ work: () throws -> Void) {
        do {
            try work()
            journal?.written(write.draft)
            send(.written(write))
        } catch let held as CallHeldElsewhere {
            let now = clock()
            var version = CallTakenOver.Version.kept
            do { try calls.keepUnsavedVersion(write.draft, heldBy: held.holder, at: now) } catch { version = .notKept(String(describing: error)) }
            send(.callTakenOver(CallTakenOver(callID: held.callID, holder: held.holder, alreadySaved: held.alreadySaved,
                                              at: held.takenOverAt ?? now, version: version)))
        } catch {
            send(.writeFailed(write, String(describing: error)))
        }
    }

    /// What the board shows of this console.
    private func report(_ activity: ActivityReport, _ send: (AppEvent) -> Void) {
        guard let alertDesk else { return }
        let current = ConsolePresence(console: console, shiftID: shiftID, activity: activity.activity, callID: activity.callID,
                                      callStartedAt: activity.callStartedAt, level: activity.level, heartbeatAt: clock(), line: activity.line)
        presence(send) { try alertDesk.report(current) }
    }

    /// A heartbeat or a presence report: written again every 5 s, so one that waits behind a busy
    /// writer is simply the next one's to do — not a failure to show. Other faults are said.
    private func presence(_ send: (AppEvent) -> Void, _ work: () throws -> Void) {
        do { try work() } catch {
            let reason = String(describing: error)
            if StoreFault.of(reason) != .busy { send(.readFailed(reason)) }
        }
    }

    /// The open alerts and those of this console's call, and the supervisors to call.
    private func loadAlerts(callID: String?, _ send: (AppEvent) -> Void) {
        guard let alertDesk else { return }
        guard var alerts = read(send, { try alertDesk.openAlerts() }) else {
            // Out of reach: the supervisors to call by hand are the ones kept on this workstation.
            if let known = journal?.knownSupervisors(), !known.isEmpty { send(.supervisorsKnown(known)) }
            return
        }
        if let callID, let mine = read(send, { try alertDesk.alerts(ofCall: callID) }) {
            alerts += mine.filter { a in !alerts.contains { $0.id == a.id } }
        }
        let registered = read(send, { try self.operators?.operators() }) ?? nil
        let supervisors = registered?.filter { $0.role == .supervisor } ?? journal?.knownSupervisors() ?? []
        if registered != nil { journal?.keepSupervisors(supervisors) }
        send(.alerts(alerts, supervisors: supervisors))
    }

    /// Whether a process of this host is running: `kill(pid, 0)` succeeds, or is refused for a
    /// process of another user (which exists all the same).
    public static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// A read, tried again while colleagues' writes keep the file busy (this is the effect
    /// worker's thread: nobody waits on it); said on screen only when it still fails.
    private func read<T>(_ send: (AppEvent) -> Void, _ work: () throws -> T) -> T? {
        var attempt = 1
        while true {
            do { return try work() } catch {
                let reason = String(describing: error)
                if StoreFault.of(reason) == .busy, attempt < Self.busyReadAttempts {
                    attempt += 1
                    continue
                }
                send(.readFailed(reason))
                return nil
            }
        }
    }

    /// A busy read is tried this many times (each waits the store's lock wait) before it is said.
    static let busyReadAttempts = 3

    /// This console's operator with their registered role (a psychologist when unknown).
    func viewer() -> Viewer {
        let name = console.operatorName
        let role = (try? operators?.operators().first { $0.name == name }?.role) ?? .psychologist
        return Viewer(name: name, role: role)
    }
}
