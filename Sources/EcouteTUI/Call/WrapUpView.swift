import EcouteCore

/// End of call: classification (required), addiction and hospitalisation, the referrals proposed
/// from the directory, and what is still missing before saving.
enum WrapUpView {
    static func draw(_ model: AppModel, _ draft: CallDraft, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        var r = area.top
        let reason = draft.endReason.map { s["endReason.\($0.rawValue)"] } ?? ""
        grid.put(" " + s.format("wrapUp.title", Formatting.duration(draft.elapsed(now: model.now)), reason),
                 row: r, column: 0, style: .bold, maxWidth: grid.width - 1)
        r += 1
        grid.put(" " + s["wrapUp.classification"], row: r, column: 0, style: draft.level == nil ? .warn : .normal)
        r += 1
        for level in ClassificationLevel.allCases {
            let chosen = draft.level == level
            let style: TextStyle = chosen ? (level >= .suicidalIdeation ? .alert : .reverse) : .normal
            grid.put(chosen ? "(x)" : "( )", row: r, column: 3, style: chosen ? .bold : .dim)
            grid.put(" \(level.rawValue) " + Layout.padded(s[level.stringKey], 25), row: r, column: 6, style: style)
            grid.put(s[level.stringKey + ".help"], row: r, column: 35, style: .dim, maxWidth: grid.width - 36)
            r += 1
        }
        grid.put("[a]", row: r, column: 3, style: .bold)
        grid.put(s.format("wrapUp.addiction", s[draft.addiction ? "yes" : "no"]), row: r, column: 7)
        grid.put("[h]", row: r, column: 37, style: .bold)
        grid.put(s.format("wrapUp.hospitalisation", s[draft.hospitalisation ? "yes" : "no"]), row: r, column: 41,
                 maxWidth: grid.width - 42)
        r += 1
        grid.put(" " + s["wrapUp.referrals"], row: r, column: 0, style: .bold, maxWidth: grid.width - 1)
        r += 1
        let footer = footerLines(model, draft)
        let listBottom = area.bottom - footer.count
        if draft.level == nil {
            grid.put("   " + s["wrapUp.classifyFirst"], row: r, column: 0, style: .dim)
        } else if draft.referrals.isEmpty || model.proposalAwaited != nil {
            grid.put("   " + s["wrapUp.searching"], row: r, column: 0, style: .dim)
        }
        // Scroll the list so the selected referral stays visible.
        let capacity = max(1, listBottom - r + 1)
        let first = ListCursor.firstVisible(selected: model.selectedReferral, rows: capacity, count: draft.referrals.count)
        for (i, ref) in draft.referrals.enumerated().dropFirst(first) where r <= listBottom && model.proposalAwaited == nil {
            let selected = i == model.selectedReferral
            let given = ref.status == .given
            grid.put(selected ? ">" : " ", row: r, column: 1, style: .bold)
            grid.put(given ? "[x]" : "[ ]", row: r, column: 3, style: given ? .ok : .dim)
            let tier = s["tier.\(ref.tier.rawValue).short"]
            let line = Layout.padded(s["kind.\(ref.kind.rawValue).short"], 13) + Layout.padded(ref.name, 27) + " "
                + (model.isSample(ref) ? s["directory.fictitious"] + " " : "")
                + (tier.isEmpty ? "" : "[\(tier)] ") + ref.contact + (model.opening(of: ref).map { " · " + $0 } ?? "")
            grid.put(line, row: r, column: 7, style: selected ? .reverse : (given ? .normal : .dim), maxWidth: grid.width - 8)
            r += 1
        }
        var fr = area.bottom - footer.count + 1
        for (text, style) in footer {
            grid.put(" " + text, row: fr, column: 0, style: style, maxWidth: grid.width - 1)
            fr += 1
        }
    }

    /// Notes under the list: where the search widened, what is missing, the profile.
    static func footerLines(_ model: AppModel, _ draft: CallDraft) -> [(String, TextStyle)] {
        let s = model.strings
        var lines: [(String, TextStyle)] = []
        if draft.referrals.indices.contains(model.selectedReferral) {
            let ref = draft.referrals[model.selectedReferral]
            // Whether it is open now, here too: the list's end is cut on a narrow terminal.
            let opening = model.opening(of: ref).map { " · " + $0 } ?? ""
            let fictitious = model.isSample(ref) ? " " + s["directory.fictitious"] : ""
            lines.append((s.format("wrapUp.selected", ref.name + fictitious, ref.contact, s["tier.\(ref.tier.rawValue)"]) + opening, .bold))
        }
        let dep = draft.profile.departement ?? ""
        for kind in ReferralKind.allCases {
            if let tier = model.desk.proposalWidened[kind] {
                lines.append((s.format("wrapUp.widened", s["kind.\(kind.rawValue)"], dep, s["tier.\(tier.rawValue)"]), .warn))
            }
        }
        if !model.desk.proposalRankedForHour.isEmpty {
            let kinds = model.desk.proposalRankedForHour.map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")
            lines.append((s.format("wrapUp.rankedForHour", kinds), .warn))
        }
        for kind in model.desk.proposalGaps {
            lines.append((s.format("wrapUp.gap", s["kind.\(kind.rawValue)"]), .alert))
        }
        let justified = draft.missingReferralKinds.compactMap { kind in
            draft.referralGaps[kind].map { "\(s["kind.\(kind.rawValue)"]) (\(Labels.gap($0, s)))" }
        }
        if !justified.isEmpty { lines.append((s.format("wrapUp.justified", justified.joined(separator: ", ")), .dim)) }
        let missing = draft.unjustifiedReferralKinds
        if draft.level != nil, !draft.referrals.isEmpty, !missing.isEmpty {
            lines.append((s.format("wrapUp.missing", missing.map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")), .warn))
        }
        if draft.level == .imminentRisk {
            // Steps neither done nor explained (an explained step is the protocol as it went).
            let pending = draft.emergency?.unexplainedSteps ?? EmergencyStep.allCases
            if !pending.isEmpty {
                lines.append((s.format("wrapUp.protocolIncomplete", pending.map { s["key.step.\($0.rawValue).short"] }.joined(separator: ", ")), .alert))
            }
        }
        if model.proposalsAllClosedNow(draft) { lines.append((s["wrapUp.allClosed"], .warn)) }
        if let followUp = draft.followUp {
            lines.append((s.format("wrapUp.followUp", followUp), .ok))
        } else if draft.level == .suicidalIdeation {
            lines.append((s["wrapUp.followUpHint"], .dim))
        }
        for request in model.continuity.requested[draft.id] ?? [] {
            lines.append((s.format("wrapUp.callbackRequested", s["callback.urgency.\(request.urgency.rawValue)"]), .ok))
        }
        if let followUp = model.continuity.followUps[draft.id] {
            lines.append((s.format("wrapUp.followUpSet", FollowUpLabels.kind(followUp.kind, s),
                                   Formatting.dayAndTime(followUp.dueAt, timeZone: model.timeZone) { s["weekday.\($0)"] }), .ok))
        }
        if let attached = model.continuity.codes[draft.id] {
            lines.append(attached.issued ? (s.format("wrapUp.callerCodeIssued", attached.code.spoken), .ok)
                         : (s.format("wrapUp.callerCodeGiven", attached.code.spoken, "\(attached.earlierCalls ?? 0)"), .ok))
        }
        lines.append((s.format("wrapUp.profile", ProfilePanel.summary(draft.profile, model)), .dim))
        // The selected referral and the profile always show; warnings in between, most urgent last.
        if lines.count > 5 { lines = [lines[0]] + lines.suffix(4) }
        return lines
    }
}
