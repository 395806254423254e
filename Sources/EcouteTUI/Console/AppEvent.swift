import EcouteCore
import Foundation

/// A request for directory entries to offer in a picker (swap or add a referral).
public struct AlternativesRequest: Equatable, Sendable {
    public var kind: ReferralKind
    public var departement: String?
    public var speciality: String?
    public var excluding: Set<Int64>
    public var replacing: Int?
}

/// Why a debrief could not be written.
public struct DebriefWriteError: Error, Equatable, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// Everything that can happen to the console.
public enum AppEvent: Equatable, Sendable {
    case key(Key)
    /// Text pasted in one piece (bracketed paste).
    case paste(String)
    case tick(Date)
    case resize(width: Int, height: Int)
    case callID(String)
    case proposal(ReferralRequest, ReferralProposer.Proposal)
    /// The supervisors to call, as kept on this workstation (the database out of reach).
    case supervisorsKnown([OperatorRecord])
    /// The call's version was kept on this workstation (nil: the local copy could not be written).
    case keptOnWorkstation(callID: String, updatedAt: Date?)
    /// The directory could not answer the request (the reason was said by `readFailed`).
    case proposalFailed(ReferralRequest)
    case alternatives(AlternativesRequest, [RankedEntry])
    case directoryResults(DirectoryQuery, [DirectoryEntry])
    case lineAverage(TimeInterval?)
    /// The store committed this write.
    case written(CallWrite)
    /// The store refused this write (the reason, as it said it).
    case writeFailed(CallWrite, String)
    /// The store refused a read.
    case readFailed(String)
    /// The debrief file was written (its path), or could not be (the reason).
    case debriefWritten(Result<String, DebriefWriteError>)
    /// This operator's unfinished calls: those whose console is gone (offered for resumption,
    /// with the holder they would be taken from) and those another console still holds.
    case unfinished(resumable: [UnfinishedCall], heldElsewhere: [UnfinishedCall])
    /// The store's migrations this version does not know (empty: none).
    case schemaChecked(unknown: [String])
    /// Taking the call over failed: another console took it first, or its holder came back.
    case takeoverRefused(callID: String, String)
    /// This console's write was refused because another console holds the call (it took it
    /// over) or it was saved elsewhere; the version this console could not write was kept or not.
    case callTakenOver(CallTakenOver)
    /// Another process changed the shared data (an alert raised or taken, a call saved).
    case externalChange
    /// The first frame is up: the console now tells the board what it does.
    case shown
    /// The alerts open on the line and those of this console's call, and the supervisors.
    case alerts([Alert], supervisors: [OperatorRecord])
    /// The store committed the marking of the call's alerts as raised by mistake (nil), or refused it (why).
    case raisedByMistakeMarked(failure: String?)
    /// An alert did not reach the store (why): it is raised again until it does.
    case alertNotRaised(Alert, String)
    /// The alert reached the store.
    case alertRaised(Alert)
    /// The store's answer to a callback request (nil: written).
    case callbackRequested(CallbackRequest, failure: String?)
    /// The store's answer to a caller code (`k`): attached (a new one, or the caller's with its
    /// earlier calls), or why not.
    case callerCodeAttached(callID: String, AttachedCallerCode?, history: [CallerHistoryCall], failure: String?)
    /// The store's answer to a follow-up (nil: written).
    case followUpSet(FollowUp, failure: String?)
    /// What this operator leaves in progress, counted for the handoff note, who is on shift to be
    /// handed a call, and the holders of the operator's calls another of their consoles is
    /// answering (those stay there: neither counted nor handed over).
    case handoffFacts(ShiftHandoff?, colleagues: [String], answeredElsewhere: [CallHolder], failure: String?)
    /// The handoff note written (nil) or why not, and the calls handed over before it.
    case handoffWritten(handedOver: [String], failure: String?)
    /// The last shifts' handoff notes.
    case handoffs([ShiftHandoff])
    /// The follow-ups due during this shift.
    case followUpsDue([FollowUpStatus])
}

/// Another console has the call this one was writing: who, since when, and whether this console's
/// unsaved version was kept with the call for supervisors.
public struct CallTakenOver: Equatable, Sendable {
    public var callID: String
    public var holder: CallHolder?
    public var alreadySaved: Bool
    /// When the holder took it over, if the store knows; else when this console found out.
    public var at: Date
    public var version: Version

    /// What became of this console's version of the call.
    public enum Version: Equatable, Sendable {
        /// It had nothing unwritten (it lost a race to take the call over).
        case nothingUnsaved
        /// Kept with the call for supervisors.
        case kept
        /// Could not be kept (why).
        case notKept(String)
    }

    public init(callID: String, holder: CallHolder?, alreadySaved: Bool, at: Date, version: Version) {
        self.callID = callID
        self.holder = holder
        self.alreadySaved = alreadySaved
        self.at = at
        self.version = version
    }
}

/// What this console is doing, for the supervisors' board.
public struct ActivityReport: Equatable, Sendable {
    public var activity: ConsoleActivity
    public var callID: String?
    public var callStartedAt: Date?
    public var level: ClassificationLevel?
    /// The line the console answers: its call's during a call, else the one it picks up on.
    public var line: String

    public init(activity: ConsoleActivity, callID: String?, callStartedAt: Date?, level: ClassificationLevel?,
                line: String = CallLine.healthID) {
        self.line = line
        self.activity = activity
        self.callID = callID
        self.callStartedAt = callStartedAt
        self.level = level
    }
}

/// An unfinished call and the console that held it, if any.
public struct UnfinishedCall: Equatable, Sendable {
    public var call: CallDraft
    public var holder: CallHolder?

    public init(call: CallDraft, holder: CallHolder?) {
        self.call = call
        self.holder = holder
    }
}

/// A write of a call to the store, as the console asked for it.
public enum CallWrite: Equatable, Sendable {
    case persisted(CallDraft)
    case finalized(CallDraft)

    public var draft: CallDraft {
        switch self {
        case .persisted(let d), .finalized(let d): return d
        }
    }
}

/// Work for the shell.
public enum AppEffect: Equatable, Sendable {
    case session(SessionEffect)
    case fetchAlternatives(AlternativesRequest)
    case searchDirectory(DirectoryQuery, limit: Int)
    case refreshLineAverage
    /// Training mode: write the debrief of the call just saved.
    case writeDebrief(Debrief, operatorName: String)
    case needCallID
    /// Look for this operator's unfinished calls and who holds them.
    case loadUnfinished
    /// Take the call over from the holder seen dead (nil: nobody held it); recorded with the call.
    case takeOver(callID: String, from: CallHolder?)
    /// This console is alive: renew its leases and say what it is doing.
    case heartbeat(ActivityReport)
    /// Between calls: has a newer ecoute upgraded the store?
    case checkSchema
    /// Say at once what this console is now doing (a call picked up, the protocol opened…).
    case reportActivity(ActivityReport)
    /// A call in danger: raise it to the supervisors on duty.
    case raiseAlert(Alert)
    /// The psychologist says the call's alerts were raised by mistake, and why.
    case markRaisedByMistake(callID: String, reason: String)
    /// Read the alerts again (those open, and those of this call).
    case loadAlerts(callID: String?)
    /// The console stops: it leaves the board.
    case leaveBoard
    /// A supervisor callback asked for: the request and its number, written together.
    case requestCallback(CallbackRequest, CallbackNumber)
    /// A new caller code for this call, drawn by the shell's randomness and attached.
    case issueCallerCode(callID: String)
    /// The code the caller said: attached to this call, and their earlier calls read (audited).
    case readCallerHistory(CallerCode, callID: String)
    /// The call's follow-up, written.
    case setFollowUp(FollowUp)
    /// Count what this operator leaves in progress (the handoff).
    case loadHandoffFacts
    /// Hand the unfinished calls over (each to a colleague or to the supervisors), then write the
    /// handoff note.
    case writeHandoff(ShiftHandoff, handovers: [CallHandover])
    /// Read the last shifts' handoff notes.
    case loadHandoffs
    /// Read the follow-ups due during this shift (`FollowUp.shiftHorizon`).
    case loadFollowUpsDue
    case quit
}

extension AppEvent {
    /// An answer the store gave to a read.
    var isReadAnswer: Bool {
        switch self {
        case .proposal, .alternatives, .directoryResults, .lineAverage, .unfinished, .alerts, .schemaChecked: return true
        default: return false
        }
    }
}

extension AppEffect {
    /// A write of the call, answered by `written`, `writeFailed` or `callTakenOver`.
    var isCallWrite: Bool {
        switch self {
        case .session(.persist), .session(.finalize): return true
        default: return false
        }
    }
}
