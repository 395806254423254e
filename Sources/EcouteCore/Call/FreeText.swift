/// The free-text fields of a call: each goes through the same identifying-text guard
/// (`NotesPolicy`) before the call is saved, and each leaves in an export only with the notes.
public enum FreeTextField: String, CaseIterable, Sendable {
    case notes
    /// The follow-up agreed with the caller.
    case followUp
    /// The words of an « other » reason for a required referral not given.
    case referralGapNote
    /// Why a step of the emergency protocol was not done.
    case skippedStepReason
}

/// A free-text field that looks identifying, and why.
public struct IdentifyingText: Equatable, Sendable {
    public var field: FreeTextField
    public var concerns: [NotesPolicy.Concern]

    public init(field: FreeTextField, concerns: [NotesPolicy.Concern]) {
        self.field = field
        self.concerns = concerns
    }
}

extension CallDraft {
    /// Every free text of the call, with its field.
    public var freeTexts: [(field: FreeTextField, text: String)] {
        var texts: [(FreeTextField, String)] = [(.notes, notes)]
        if let followUp { texts.append((.followUp, followUp)) }
        for kind in ReferralKind.allCases { if let note = referralGaps[kind]?.note, !note.isEmpty { texts.append((.referralGapNote, note)) } }
        for step in EmergencyStep.allCases { if let reason = emergency?.skipped[step] { texts.append((.skippedStepReason, reason)) } }
        return texts
    }
}

extension NotesPolicy {
    /// The free-text fields of a call that look identifying, in field order, each once.
    public static func identifyingTexts(in draft: CallDraft) -> [IdentifyingText] {
        var found: [IdentifyingText] = []
        for (field, text) in draft.freeTexts {
            let concerns = NotesPolicy.concerns(in: text)
            guard !concerns.isEmpty else { continue }
            if let i = found.firstIndex(where: { $0.field == field }) {
                found[i].concerns += concerns.filter { !found[i].concerns.contains($0) }
            } else {
                found.append(IdentifyingText(field: field, concerns: concerns))
            }
        }
        return found
    }
}
