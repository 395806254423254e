import EcouteCore
import Foundation

/// A short line shown above the key bar until the next key.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var style: TextStyle
}

/// Something drawn over the current screen that takes the keys first.
public enum Overlay: Equatable, Sendable {
    case help
    case confirmQuit
    case notes
    case picker(Picker)
}

/// Everything the console shows, in one value: the session and the state of the screens.
public struct AppModel: Sendable {
    public var session: SessionState
    public let strings: Strings
    public let geography: Geography
    public var operatorName: String
    public var now: Date
    public var timeZone: TimeZone
    public var width: Int
    public var height: Int
    /// The line's average call duration, shown beside the timer.
    public var lineAverage: TimeInterval?
    /// Identifier for the next call picked up; the shell supplies a fresh one after each use.
    public var nextCallID: String?
    public var overlay: Overlay?
    public var selectedReferral = 0
    public var message: StatusMessage?
    /// Where the last proposal had to widen its search, or found nothing.
    public var proposalGaps: [ReferralKind] = []
    public var proposalWidened: [ReferralKind: ReferralTier] = [:]
    /// Directory entries offered by an open alternatives picker.
    public var alternatives: [RankedEntry] = []
    /// Set when the database refused a write: shown in red until a write succeeds.
    public var storeError: String?
    public var shouldQuit = false
    /// The directory screen, when open (over any session state).
    public var directory: DirectoryBrowser?
    /// Training mode, with its scripted caller and clock.
    public var demo: DemoSession?
    /// A banner shown on every screen (training mode).
    public var banner: String?

    /// The reference call length of the line.
    public static let referenceDuration: TimeInterval = 25 * 60
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public init(
        session: SessionState, strings: Strings, geography: Geography, operatorName: String,
        now: Date, timeZone: TimeZone, width: Int = 80, height: Int = 24
    ) {
        self.session = session
        self.strings = strings
        self.geography = geography
        self.operatorName = operatorName
        self.now = now
        self.timeZone = timeZone
        self.width = width
        self.height = height
    }

    public var draft: CallDraft? { session.draft }

    /// Whether quitting now would leave a call to resume later.
    public var hasCallInProgress: Bool {
        switch session {
        case .call, .interrupted: return true
        case .idle, .saved: return false
        }
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}
