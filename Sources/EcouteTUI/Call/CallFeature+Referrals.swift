import EcouteCore
import Foundation

/// The referrals at wrap-up: the proposal's answer, the cursor, the alternatives and the reasons
/// for a required kind not given.
extension CallFeature {
    static func proposed(_ desk: inout CallDesk, _ request: ReferralRequest, _ proposal: ReferralProposer.Proposal, _ c: Context) -> [Outcome] {
        if desk.proposalAwaited == request { desk.proposalAwaited = nil }
        guard case .success(let (next, _)) = CallSession.reduce(desk.session, .referralsProposed(request, proposal.referrals), now: c.now) else {
            return []   // an answer to an outdated request: a newer one is on its way
        }
        desk.session = next
        desk.proposalGaps = proposal.gaps
        desk.proposalWidened = proposal.widened
        desk.proposalRankedForHour = proposal.rankedForHour
        desk.selectedReferral = 0
        return [.remember(Array(proposal.entries.values))] + (next.draft.map { [.effect(.session(.persist($0)))] } ?? [])
    }

    /// Given ↔ proposed; given, the cursor goes on to the next one, so giving the proposals is one key each.
    static func toggleReferral(_ desk: inout CallDesk, _ c: Context) -> [Outcome] {
        guard let referrals = desk.draft?.referrals, referrals.indices.contains(desk.selectedReferral) else {
            return apply(&desk, .setReferralStatus(index: desk.selectedReferral, .given), c)
        }
        let next: ReferralStatus = referrals[desk.selectedReferral].status == .given ? .proposed : .given
        let outcomes = apply(&desk, .setReferralStatus(index: desk.selectedReferral, next), c)
        if next == .given { desk.selectedReferral = ListCursor.move(desk.selectedReferral, by: 1, count: referrals.count) }
        return outcomes
    }

    /// The reason picker for the next required kind neither given nor justified.
    static func askNextGapReason(_ desk: CallDesk, _ c: Context) -> [Outcome] {
        guard let kind = desk.draft?.unjustifiedReferralKinds.first else { return [] }
        return [.overlay(.picker(Pickers.referralGap(kind, c.strings)))]
    }

    /// A reason was given for a kind: the next one, or back to wrap-up to save.
    static func gapJustified(_ desk: CallDesk, _ c: Context) -> [Outcome] {
        if desk.draft?.unjustifiedReferralKinds.isEmpty == false { return askNextGapReason(desk, c) }
        return [.message(StatusMessage(text: c.strings["wrapUp.gapsDone"], style: .ok))]
    }

    /// Proposals near the caller need the caller's département: at the first classification of a
    /// call without one, the département list opens (once per call; « non renseigné » is an
    /// answer). Only at wrap-up, and not when the emergency protocol or another screen is open.
    static func askDepartementBeforeProposing(_ desk: inout CallDesk, _ c: Context) -> [Outcome] {
        guard !c.overlayOpen, let draft = desk.draft, draft.phase == .wrapUp, draft.profile.departement == nil,
              desk.departementAskedFor != draft.id,
              let request = draft.referralRequest, request.needs.contains(where: { !$0.kind.isNational }) else { return [] }
        desk.departementAskedFor = draft.id
        var picker = Pickers.departement(c.strings, c.geography)
        picker.title = c.strings["picker.departementForReferrals"]
        return [.overlay(.picker(picker))]
    }

    static func alternativesRequest(_ draft: CallDraft, kind: ReferralKind, replacing: Int?) -> AlternativesRequest {
        AlternativesRequest(
            kind: kind, departement: draft.profile.departement,
            speciality: draft.level.map { ReferralRules.preferredSpeciality(level: $0, addiction: draft.addiction) } ?? nil,
            excluding: Set(draft.referrals.compactMap(\.entryID)), replacing: replacing)
    }

    static func showAlternatives(_ desk: inout CallDesk, _ request: AlternativesRequest, _ entries: [RankedEntry], _ c: Context) -> [Outcome] {
        let s = c.strings
        guard !entries.isEmpty else {
            return [.message(StatusMessage(text: s.format("message.noAlternative", s["kind.\(request.kind.rawValue)"]), style: .warn))]
        }
        desk.alternatives = entries
        let items = entries.enumerated().map { i, ranked in
            PickerItem(id: "\(i)", label: "\(ranked.entry.name) — \(ranked.entry.contactLine) · \(s["tier.\(ranked.tier.rawValue)"])")
        }
        return [.overlay(.picker(Picker(purpose: .alternative(replacing: request.replacing),
                                        title: s.format("picker.alternatives", s["kind.\(request.kind.rawValue)"]), items: items)))]
    }
}
