import EcouteCore
import Foundation

/// What the board shows, as read from the store in one go.
public struct BoardSnapshot: Equatable, Sendable {
    /// Consoles that reported, each with whether it is still alive.
    public var consoles: [(presence: ConsolePresence, alive: Bool)]
    /// Alerts not taken yet, and those taken recently (for context), oldest first.
    public var alerts: [Alert]
    /// Calls not saved whose console is gone or unknown: to close or reassign.
    public var orphans: [UnfinishedCall]
    /// Calls in progress with protocol steps not done, each with its reason, by call id.
    public var skippedSteps: [String: [SkippedStep]]
    /// The risk assessment of level-5 calls in progress, by call id (urgence and dangerosité on the card).
    public var assessments: [String: RiskAssessment] = [:]
    /// Callback requests not closed, oldest first (never with their numbers).
    public var callbacks: [CallbackRequest] = []
    /// Follow-ups due within a day or overdue, soonest first (`FollowUps.due`).
    public var followUps: [FollowUpStatus] = []
    /// Handoff notes of the last `ShiftHandoff.shownFor`, newest first.
    public var handoffs: [ShiftHandoff] = []
    /// The operators on shift now, by name (offered first, by Tab, for a reassignment).
    public var onShift: [String] = []
    /// Everyone a call left unfinished may be reassigned to (`CallReview.reassignableOperators`);
    /// nil when not read, and the store decides.
    public var reassignable: [String]?

    /// A protocol step not done, and the psychologist's reason.
    public struct SkippedStep: Equatable, Sendable {
        public var step: EmergencyStep
        public var reason: String
    }

    public init(consoles: [(presence: ConsolePresence, alive: Bool)], alerts: [Alert], orphans: [UnfinishedCall],
                skippedSteps: [String: [SkippedStep]] = [:]) {
        self.consoles = consoles
        self.alerts = alerts
        self.orphans = orphans
        self.skippedSteps = skippedSteps
    }

    /// The steps of a call's protocol not done, with their reasons, in the protocol's order.
    public static func skippedSteps(of call: CallDraft) -> [SkippedStep] {
        guard let emergency = call.emergency else { return [] }
        return EmergencyStep.allCases.compactMap { step in
            guard emergency.steps[step] == nil, let reason = emergency.skipped[step] else { return nil }
            return SkippedStep(step: step, reason: reason)
        }
    }

    public static func == (a: BoardSnapshot, b: BoardSnapshot) -> Bool {
        a.alerts == b.alerts && a.orphans == b.orphans && a.consoles.map(\.presence) == b.consoles.map(\.presence)
            && a.consoles.map(\.alive) == b.consoles.map(\.alive) && a.skippedSteps == b.skippedSteps && a.assessments == b.assessments && a.callbacks == b.callbacks
            && a.followUps == b.followUps && a.handoffs == b.handoffs && a.onShift == b.onShift && a.reassignable == b.reassignable
    }

    public static let empty = BoardSnapshot(consoles: [], alerts: [], orphans: [])

    /// The board's order of consoles: a live one in the emergency protocol or at level 5 first,
    /// then live ones in a call, then free ones, then stopped ones — so the cut never hides a call
    /// at risk.
    static func urgency(_ console: (presence: ConsolePresence, alive: Bool)) -> Int {
        guard console.alive else { return 3 }
        if console.presence.activity == .emergency || console.presence.level == .imminentRisk { return 0 }
        return console.presence.activity == .free ? 2 : 1
    }
}

/// A line of the board a supervisor can act on.
public enum BoardItem: Equatable, Sendable {
    case alert(Alert)
    case orphan(UnfinishedCall)
    case callback(CallbackRequest)
}

/// A supervisor's action on an orphaned call, being typed.
public struct BoardForm: Equatable, Sendable {
    public enum Action: Equatable, Sendable { case close, reassign }
    public enum Step: Equatable, Sendable { case operatorName, reason }
    public var action: Action
    public var callID: String
    public var step: Step
    public var operatorField = TextField()
    public var reasonField = TextField()
    public var operatorName: String { operatorField.text }
    public var reason: String { reasonField.text }

    public init(action: Action, callID: String) {
        self.action = action
        self.callID = callID
        step = action == .reassign ? .operatorName : .reason
    }

    /// The field being typed.
    public var field: TextField {
        get { step == .operatorName ? operatorField : reasonField }
        set { if step == .operatorName { operatorField = newValue } else { reasonField = newValue } }
    }
}

/// Everything `ecoute board` shows, in one value.
public struct BoardModel: Sendable {
    public let viewer: Viewer
    public let strings: Strings
    public var timeZone: TimeZone
    public var width: Int
    public var height: Int
    /// Wall time, from ticks.
    public var now: Date
    public var escalationDelay: TimeInterval
    /// The lines the platform answers (their short names on the cards).
    public var lines: [CallLine] = [CallLine.health]
    public var snapshot = BoardSnapshot.empty
    public var selected = 0
    public var form: BoardForm?
    public var showHelp = false
    public var message: StatusMessage?
    public var shouldQuit = false
    /// Rings wanted so far (the runtime rings each increase): a new alert, an escalation.
    public var bells = 0
    public var rungFor: Set<String> = []
    /// When the board last asked the store (it also reloads on every change another process makes).
    public var lastLoad: Date?
    /// Since when the database has not answered the board's reads (nil: it answers).
    public var unreachableSince: Date?
    /// Callback numbers this supervisor took or asked to see (each read audited), by request.
    public var callbackNumbers: [String: CallbackNumber] = [:]

    public init(viewer: Viewer, strings: Strings, timeZone: TimeZone, now: Date,
                escalationDelay: TimeInterval = Alert.defaultEscalationDelay, width: Int = 80, height: Int = 24) {
        self.viewer = viewer
        self.strings = strings
        self.timeZone = timeZone
        self.now = now
        self.escalationDelay = escalationDelay
        self.width = width
        self.height = height
    }

    public var openAlerts: [Alert] { snapshot.alerts.filter { !$0.isTaken } }

    /// What the arrows move over: open alerts first, then orphaned calls.
    public var items: [BoardItem] {
        openAlerts.map(BoardItem.alert) + snapshot.callbacks.map(BoardItem.callback) + snapshot.orphans.map(BoardItem.orphan)
    }

    public var selectedItem: BoardItem? { items.indices.contains(selected) ? items[selected] : nil }
}

public enum BoardEvent: Equatable, Sendable {
    case key(Key)
    /// Text pasted in one piece (bracketed paste): it goes into the form's field.
    case paste(String)
    case tick(Date)
    case resize(width: Int, height: Int)
    case externalChange
    case snapshot(BoardSnapshot)
    /// « Je prends » answered: the alert as taken, or why not.
    case took(alertID: String, Result<Alert, BoardActionError>)
    /// A close or a reassignment answered (nil: done).
    case changed(callID: String, BoardActionError?)
    /// An action on a callback request answered: the request as it now stands and, after a take
    /// or a « numéro », its number (nil once erased) — or why not.
    case callbackActed(requestID: String, Result<CallbackRequest, BoardActionError>, number: CallbackNumber?)
    case failed(String)
}

/// Why an action of the board did not happen.
public struct BoardActionError: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

public enum BoardEffect: Equatable, Sendable {
    case load
    case take(alertID: String)
    case close(callID: String, reason: String)
    case reassign(callID: String, to: String, reason: String)
    /// An action on a callback request (a take reads the number too, audited).
    case callback(CallbackAction, requestID: String)
    /// Shows a taken request's number again (an audited read).
    case readCallbackNumber(requestID: String)
    case quit
}
