import EcouteCore
import Foundation

/// `ecoute board` as a program for the runtime: it reloads on every change another process
/// makes (an alert raised, a call picked up) and every 2 s, and rings for new alerts. It turns
/// every 50 ms when idle (consoles every 250 ms) so that a notified change is read at once.
public enum BoardProgram {
    public static var program: Program<BoardModel, BoardEvent, BoardEffect> {
        Program(update: BoardUpdate.update, view: BoardView.render, isFinished: { $0.shouldQuit },
                key: BoardEvent.key, resize: { BoardEvent.resize(width: $0, height: $1) }, paste: BoardEvent.paste, tick: BoardEvent.tick,
                bells: { $0.bells }, externalChange: .externalChange, startEffects: [.load], idleInterval: idleInterval)
    }

    /// The board's turns when nothing happens: an alert another console raises is on screen within
    /// about this long after its notification arrives (docs/benchmarks.md, « Alert → board »).
    public static let idleInterval: Int32 = 50

    public typealias Runner = Runtime<BoardModel, BoardEvent, BoardEffect, BoardEffects>
}

/// The board's effects, against the store seam.
public final class BoardEffects: EffectHandler {
    let desk: any AlertDesk
    let review: any CallReview
    let leases: any CallLeases
    let viewer: Viewer
    let localHost: String
    let clock: () -> Date
    let processExists: (Int32) -> Bool
    /// The callback queue (nil: the board shows none).
    let callbacks: (any CallbackQueue)?
    /// Calls' follow-ups (nil: the board shows none).
    let followUps: (any FollowUps)?
    /// Shift handoff notes (nil: the board shows none).
    let handoffs: (any ShiftHandoffs)?

    /// Taken alerts stay on the board this long, for context.
    public static let takenShownFor: TimeInterval = 3600

    public init(desk: any AlertDesk, review: any CallReview, leases: any CallLeases, viewer: Viewer,
                localHost: String = ProcessInfo.processInfo.hostName, clock: @escaping () -> Date = Date.init,
                processExists: @escaping (Int32) -> Bool = ConsoleEffects.processExists, callbacks: (any CallbackQueue)? = nil,
                followUps: (any FollowUps)? = nil, handoffs: (any ShiftHandoffs)? = nil) {
        self.handoffs = handoffs
        self.followUps = followUps
        self.callbacks = callbacks
        self.desk = desk
        self.review = review
        self.leases = leases
        self.viewer = viewer
        self.localHost = localHost
        self.clock = clock
        self.processExists = processExists
    }

    public func run(_ effect: BoardEffect, send: (BoardEvent) -> Void) {
        do {
            switch effect {
            case .load:
                send(.snapshot(try snapshot()))
            case .take(let id):
                do {
                    send(.took(alertID: id, .success(try desk.take(id, by: viewer.name, at: clock()))))
                } catch {
                    send(.took(alertID: id, .failure(BoardActionError(String(describing: error)))))
                }
            case .close(let callID, let reason):
                send(.changed(callID: callID, attempt { try review.closeUnfinished(callID: callID, reason: reason, by: viewer, at: clock()) }))
            case .reassign(let callID, let to, let reason):
                send(.changed(callID: callID, attempt {
                    try review.reassignUnfinished(callID: callID, to: to, reason: reason, by: viewer, at: clock())
                }))
            case .callback(let action, let id):
                send(callbackActed(action, id))
            case .readCallbackNumber(let id):
                send(readNumber(id))
            case .quit:
                break
            }
        } catch {
            send(.failed(String(describing: error)))
        }
    }

    private func attempt(_ work: () throws -> Void) -> BoardActionError? {
        do { try work(); return nil } catch { return BoardActionError(String(describing: error)) }
    }

    /// How long a stopped console stays on the board after its last sign of life.
    static let goneShownFor: TimeInterval = 300

    /// Consoles with their liveness, open and recent alerts, and unfinished calls nobody alive holds.
    func snapshot() throws -> BoardSnapshot {
        let now = clock()
        // A stopped console stays listed (« console arrêtée ») for `goneShownFor`, then leaves the
        // list; its unfinished call stays among the orphans until a supervisor acts on it.
        let consoles = try desk.presences().map { ($0, $0.isAlive(now: now, localHost: localHost, processExists: processExists)) }
            .filter { $0.1 || now.timeIntervalSince($0.0.heartbeatAt) < Self.goneShownFor }
            .sorted { BoardSnapshot.urgency($0) < BoardSnapshot.urgency($1) }
        let open = try desk.openAlerts()
        let recent = try desk.alerts(since: now - Self.takenShownFor).filter(\.isTaken)
        let unfinished = try review.unfinishedCalls(visibleTo: viewer)
        let holders = try leases.holders(of: unfinished.map(\.id))
        let orphans = unfinished.compactMap { call -> UnfinishedCall? in
            let holder = holders[call.id]
            if let holder, holder.isAlive(now: now, localHost: localHost, processExists: processExists) { return nil }
            return UnfinishedCall(call: call, holder: holder)
        }
        var skipped: [String: [BoardSnapshot.SkippedStep]] = [:]
        for call in unfinished {
            let steps = BoardSnapshot.skippedSteps(of: call)
            if !steps.isEmpty { skipped[call.id] = steps }
        }
        var snapshot = BoardSnapshot(consoles: consoles, alerts: open + recent, orphans: orphans, skippedSteps: skipped)
        for call in unfinished where call.level == .imminentRisk {
            if let a = call.assessment { snapshot.assessments[call.id] = a }
        }
        snapshot.callbacks = try callbacks?.open(visibleTo: viewer) ?? []
        snapshot.followUps = try followUps?.due(before: now + FollowUpLabels.boardHorizon, visibleTo: viewer, now: now) ?? []
        snapshot.handoffs = try handoffs?.recent(since: now - ShiftHandoff.shownFor) ?? []
        snapshot.onShift = try handoffs?.colleaguesOnShift(besides: viewer.name, now: now) ?? []
        snapshot.reassignable = try review.reassignableOperators()
        return snapshot
    }
}

extension BoardEffects {
    /// A supervisor's action on a request; a take reads its number at once (one audited read).
    func callbackActed(_ action: CallbackAction, _ id: String) -> BoardEvent {
        guard let callbacks else { return .callbackActed(requestID: id, .failure(BoardActionError("no callback queue")), number: nil) }
        do {
            let request = try callbacks.act(action, on: id, by: viewer, at: clock())
            let number = action == .take ? try callbacks.number(of: id, by: viewer, at: clock()) : nil
            return .callbackActed(requestID: id, .success(request), number: number)
        } catch {
            return .callbackActed(requestID: id, .failure(BoardActionError(String(describing: error))), number: nil)
        }
    }

    func readNumber(_ id: String) -> BoardEvent {
        guard let callbacks else { return .callbackActed(requestID: id, .failure(BoardActionError("no callback queue")), number: nil) }
        do {
            let number = try callbacks.number(of: id, by: viewer, at: clock())
            guard let request = try callbacks.open(visibleTo: viewer).first(where: { $0.id == id }) else {
                return .callbackActed(requestID: id, .failure(BoardActionError(String(describing: CallbackRefused(.closed, nil)))), number: nil)
            }
            return .callbackActed(requestID: id, .success(request), number: number)
        } catch {
            return .callbackActed(requestID: id, .failure(BoardActionError(String(describing: error))), number: nil)
        }
    }
}
