import Foundation

/// One running console: which process on which host, for which operator. A call in progress is
/// held by exactly one console at a time (its lease), so two consoles can never both write it.
public struct ConsoleIdentity: Equatable, Sendable {
    /// Unique per console run.
    public var id: String
    public var host: String
    public var pid: Int32
    public var operatorName: String

    public init(id: String, host: String, pid: Int32, operatorName: String) {
        self.id = id
        self.host = host
        self.pid = pid
        self.operatorName = operatorName
    }
}

/// The console holding a call, and when it last showed it was alive.
public struct CallHolder: Equatable, Sendable {
    public var console: ConsoleIdentity
    public var heartbeatAt: Date

    public init(console: ConsoleIdentity, heartbeatAt: Date) {
        self.console = console
        self.heartbeatAt = heartbeatAt
    }

    /// A console beats every 5 s; one silent for longer than this is taken for dead.
    public static let silenceLimit: TimeInterval = 20

    /// Whether the holder is still running. On this host the process itself is asked (a killed
    /// console is known dead at once); elsewhere its heartbeat decides.
    public func isAlive(now: Date, localHost: String, processExists: (Int32) -> Bool) -> Bool {
        let fresh = now.timeIntervalSince(heartbeatAt) < Self.silenceLimit
        if console.host == localHost { return fresh && processExists(console.pid) }
        return fresh
    }
}

/// A call held by another console: its writes are refused here.
public struct CallHeldElsewhere: Error, Equatable, CustomStringConvertible {
    public var callID: String
    public var holder: CallHolder?
    /// The call was already saved (by this console or another): nothing more is written to it.
    public var alreadySaved: Bool
    /// When the holder took the call over from another console, if it did (`call_takeovers`).
    public var takenOverAt: Date?

    public init(callID: String, holder: CallHolder?, alreadySaved: Bool = false, takenOverAt: Date? = nil) {
        self.callID = callID
        self.holder = holder
        self.alreadySaved = alreadySaved
        self.takenOverAt = takenOverAt
    }

    public var description: String {
        if alreadySaved { return "call \(callID) is already saved" }
        guard let h = holder else { return "call \(callID) is held by another console" }
        return "call \(callID) is held by the console of \(h.console.operatorName) on \(h.console.host) (pid \(h.console.pid))"
    }
}

/// A takeover of a call whose console died, kept with the call.
public struct CallTakeover: Equatable, Sendable {
    public var callID: String
    public var at: Date
    public var by: ConsoleIdentity
    /// The console that held it (nil: nobody held it, as for a call from before leases existed).
    public var from: CallHolder?

    public init(callID: String, at: Date, by: ConsoleIdentity, from: CallHolder?) {
        self.callID = callID
        self.at = at
        self.by = by
        self.from = from
    }
}

/// Which console holds which call in progress.
public protocol CallLeases: Sendable {
    /// The holders of these calls (a call absent from the answer is held by nobody).
    func holders(of callIDs: [String]) throws -> [String: CallHolder]
    /// This console is alive: its leases' heartbeat is now. Returns how many calls it holds.
    @discardableResult
    func heartbeat(_ console: ConsoleIdentity, at: Date) throws -> Int
    /// Takes a call over from `from` (the holder seen dead, or nil when nobody held it) and
    /// records the takeover with the call; throws `CallHeldElsewhere` when the lease is no longer
    /// what was seen (another console took it first, or the holder came back).
    func takeOver(_ callID: String, from: CallHolder?, by console: ConsoleIdentity, at: Date) throws
    /// The takeovers of a call, oldest first.
    func takeovers(of callID: String) throws -> [CallTakeover]
}
