import EcouteCore
import Foundation

/// The call on the console and what the console keeps about it: the session, the referral under
/// the cursor, what the last proposal said, and the bookkeeping of its writes. `CallFeature`'s
/// state: nothing else in the console writes it.
public struct CallDesk: Sendable {
    public internal(set) var session: SessionState
    /// The referral under the cursor at wrap-up.
    public internal(set) var selectedReferral = 0
    /// The call whose caller's location was confirmed in the emergency protocol (a département, or
    /// « inconnu »): until then the protocol asks where the caller is.
    public internal(set) var locationConfirmedFor: String?
    /// Where the last proposal had to widen its search, or found nothing.
    public internal(set) var proposalGaps: [ReferralKind] = []
    public internal(set) var proposalWidened: [ReferralKind: ReferralTier] = [:]
    /// Kinds proposed open-now or by teleconsultation first, nothing in person being open.
    public internal(set) var proposalRankedForHour: [ReferralKind] = []
    /// The directory request whose answer has not arrived: the list on screen is about to be
    /// replaced, so it is neither shown nor acted on meanwhile.
    public internal(set) var proposalAwaited: ReferralRequest?
    /// Directory entries offered by an open alternatives picker.
    public internal(set) var alternatives: [RankedEntry] = []
    /// The call for which the caller's département was asked before proposing referrals (once:
    /// « non renseigné » is an answer, and proposals then go by teleconsultation).
    public internal(set) var departementAskedFor: String?
    /// The call whose identifying-looking notes the psychologist chose to save anyway.
    public internal(set) var identifyingAcknowledged: String?
    /// The console that held the interrupted call on screen, if any: resuming takes it over.
    public internal(set) var resumeFrom: CallHolder?
    /// A write the database refused: the call as it stands is not on disk. Shown as a red banner
    /// until that data is written, retried by itself with a growing delay.
    public internal(set) var writeFailure: WriteFailure?
    /// The call whose save the store has not answered yet: no key changes it meanwhile.
    public internal(set) var savePending: String?
    /// Writes of the call (`persist`, `finalize`) asked for and not answered: a refused write is
    /// tried again only once none is, so retries never pile up behind a busy store.
    public internal(set) var writesInFlight = 0
    /// Notes typed and not written yet, since this (wall) time: written at most
    /// `CallFeature.notesWriteDelay` later, at every other change of the call, and when the notes close.
    public internal(set) var notesUnwrittenSince: Date?
    /// The version of the call last kept on this workstation (nil: none, or it could not be).
    public internal(set) var keptOnWorkstation: Date?

    public init(session: SessionState) {
        self.session = session
    }

    public var draft: CallDraft? { session.draft }

    /// Whether the call as on screen is kept on this workstation, whatever the store says.
    public var isKeptOnWorkstation: Bool {
        guard let kept = keptOnWorkstation, let draft else { return false }
        return kept >= draft.updatedAt
    }
}
