import EcouteCore
import Foundation

/// Everything the console shows, in one value: the session and the state of the screens.
public struct AppModel: Sendable {
    /// The call and what the console keeps about it (`CallFeature`'s state).
    public internal(set) var desk: CallDesk
    public let strings: Strings
    public let geography: Geography
    public var operatorName: String
    public var now: Date
    public var timeZone: TimeZone
    /// Wall-clock time of the last tick (the demo clock may run faster or stand still): retries
    /// of refused writes are scheduled on it.
    public var wallNow: Date
    public var width: Int
    public var height: Int
    /// The line's average call duration, shown beside the timer.
    public var lineAverage: TimeInterval?
    /// The line's average covers the calls of this many days (said on the idle screen).
    public static let lineAverageDays = 30
    /// Identifier for the next call picked up; the shell supplies a fresh one after each use.
    public var nextCallID: String?
    public var overlay: Overlay?
    /// The motifs offered (`m`), in the line's order (`Resources/motifs`).
    public var motifList: [CallMotif] = CallMotif.allCases
    /// The lines the platform answers (`Resources/lines`), the default first.
    public var lines: [CallLine] = [CallLine.health]
    /// The line the console answers next (`ecoute console --line`, `l` on the idle screen).
    public var line: String = CallLine.healthID
    public var message: StatusMessage?
    /// Directory entries met this session (proposals, alternatives, searches), by id: what the
    /// screens know beyond a referral's snapshot, such as opening hours. Not part of the record.
    public var knownEntries: [Int64: DirectoryEntry] = [:]
    /// This operator's unfinished calls that another live console holds: shown, never resumed.
    public var heldElsewhere: [UnfinishedCall] = []
    /// When held calls are next looked at again.
    public var nextUnfinishedCheck: Date?
    /// Alerts open and those of this console's call, the supervisors to call, escalations and
    /// alerts not raised yet (`AlertsFeature`).
    public var alerts = AlertWatch()
    /// How many times the terminal bell should have rung so far (the runtime rings the difference).
    public var bells = 0
    /// Whether the bell rings when a call reaches the reference duration (`--no-bell` turns it off).
    public var bellAtReferenceDuration = true
    /// The call whose 25-minute bell has rung.
    public var referenceBellRungFor: String?
    /// What the board was told of this console, and when (`PresenceFeature`).
    public var presence = Presence()
    /// Callback requests and caller codes of this console (`ContinuityState`).
    public var continuity = ContinuityState()
    /// Whether quitting asks for a handoff note (the shipped console; not training mode nor tests).
    public var asksHandoff = false
    /// The last shifts' handoff notes, read at start (newest first).
    public var handoffs: [ShiftHandoff] = []
    /// The follow-ups due during this shift (or overdue), read at start and after one is set:
    /// the operator's own on a psychologist's console (`FollowUps.due`), soonest first.
    public var followUpsDue: [FollowUpStatus] = []
    /// When the idle console reads the follow-ups due again (their outcomes change as callers call
    /// back and supervisors act): `followUpsCheckInterval` after the last answer, nil before any.
    public var nextFollowUpsCheck: Date?
    public static let followUpsCheckInterval: TimeInterval = 60
    /// When another process's change next makes the idle console look for a call handed to its
    /// operator and for new handoff notes (nil: at the next change).
    public var nextHandoverLook: Date?
    /// Another process committed while `nextHandoverLook` was ahead: look once it is reached.
    public var handoverLookPending = false
    public static let handoverLookInterval: TimeInterval = 5
    /// Whether the store has said which of this operator's calls were left unfinished.
    public var unfinishedChecked = false
    /// Migrations a newer ecoute applied to the store while this console runs: a restart is
    /// advised, on the idle screen only (never mid-call).
    public var newerSchema: [String] = []
    /// When the store is next asked about its schema (between calls).
    public var nextSchemaCheck: Date?
    /// How often, between calls.
    public static let schemaCheckInterval: TimeInterval = 60
    /// The last read the database refused (directory, line average): shown, never blocking.
    public var readError: String?
    public var shouldQuit = false
    /// The directory screen, when open (over any session state): `DirectoryFeature`'s state.
    public var directory: DirectoryBrowser?
    /// Training mode, with its scripted caller and clock: `TrainingFeature`'s state.
    public var demo: DemoSession?
    /// A banner shown on every screen (training mode).
    public var banner: String?

    /// How often a console renews its leases, and looks again at calls held elsewhere.
    public static let heartbeatInterval: TimeInterval = 5

    /// When the console next needs a tick: notes due, or a refused write to try again.
    public var deadline: Date? {
        [desk.notesUnwrittenSince.map { $0 + CallFeature.notesWriteDelay }, desk.writeFailure?.retryAt].compactMap { $0 }.min()
    }

    /// The reference call length of the line, and the gentle cue before it.
    public static let referenceDuration: TimeInterval = 25 * 60
    public static let gentleCue: TimeInterval = 20 * 60
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public init(
        session: SessionState, strings: Strings, geography: Geography, operatorName: String,
        now: Date, timeZone: TimeZone, width: Int = 80, height: Int = 24
    ) {
        self.desk = CallDesk(session: session)
        self.strings = strings
        self.geography = geography
        self.operatorName = operatorName
        self.now = now
        self.wallNow = now
        self.timeZone = timeZone
        self.width = width
        self.height = height
    }

    public var draft: CallDraft? { desk.draft }

    /// What the screens read of the call (`CallDesk`).
    public var session: SessionState { desk.session }
    public var selectedReferral: Int { desk.selectedReferral }
    public var writeFailure: WriteFailure? { desk.writeFailure }
    public var isKeptOnWorkstation: Bool { desk.isKeptOnWorkstation }
    public var savePending: String? { desk.savePending }
    public var writesInFlight: Int { desk.writesInFlight }
    public var proposalAwaited: ReferralRequest? { desk.proposalAwaited }

    /// What the banner says went wrong, if anything did.
    public var storeError: String? { writeFailure?.reason ?? readError }

    /// Whether quitting now would leave a call to resume later.
    public var hasCallInProgress: Bool {
        switch session {
        case .call, .interrupted: return true
        case .idle, .saved: return false
        }
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// What this console is doing, as the board shows it.
    public var activity: ActivityReport {
        guard case .call(let d) = session else {
            return ActivityReport(activity: .free, callID: nil, callStartedAt: nil, level: nil, line: line)
        }
        let activity: ConsoleActivity
        switch d.phase {
        case .inCall: activity = .inCall
        case .dropped: activity = .dropped
        case .emergency: activity = .emergency
        case .wrapUp, .saved, .closed: activity = d.level == .imminentRisk ? .emergency : .wrapUp
        }
        return ActivityReport(activity: activity, callID: d.id, callStartedAt: d.pickedUpAt, level: d.level, line: d.lineID)
    }

    /// The alerts of the call on screen, oldest first.
    public var callAlerts: [Alert] { alerts.of(call: draft?.id) }

    /// Alerts of other calls nobody took in time: shown on every console.
    public var escalatedAlerts: [Alert] { alerts.escalated(now: wallNow, except: draft?.id) }
}

extension AppModel {
    /// Keeps entries seen for the screens (bounded: a long session's searches do not pile up).
    mutating func remember(_ entries: [DirectoryEntry]) {
        if knownEntries.count > 5_000 { knownEntries.removeAll(keepingCapacity: true) }
        for entry in entries { if let id = entry.id { knownEntries[id] = entry } }
    }

    /// Whether the referral's entry is fictitious sample data (shown « fictif »).
    func isSample(_ referral: Referral) -> Bool {
        referral.entryID.flatMap { knownEntries[$0] }?.isSample ?? false
    }

    /// Whether every in-person referral proposed whose hours can be read is closed now (at night,
    /// a weekend): the wrap-up then says what answers at this hour. False when none can be read.
    func proposalsAllClosedNow(_ draft: CallDraft) -> Bool {
        var readable = 0
        for ref in draft.referrals where ref.origin == .proposed && ref.tier != .national && ref.tier != .teleconsultation {
            guard let id = ref.entryID, let entry = knownEntries[id], let hours = OpeningHours.read(entry.openingHours),
                  let status = hours.status(at: now, in: OpeningHours.timeZone(departement: entry.departement)) else { continue }
            if status == .open || status == .alwaysOpen { return false }
            readable += 1
        }
        return readable > 0
    }

    /// When the referral's entry opens, in words (« ouvert », « ouvre lun. 9h »); nil when unknown.
    func opening(of referral: Referral) -> String? {
        guard let id = referral.entryID, let entry = knownEntries[id] else { return nil }
        return Labels.opening(entry.openingHours, departement: entry.departement, at: now, strings)
    }
}
