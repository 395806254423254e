import Foundation

/// What an operator may do on the line.
public enum OperatorRole: String, CaseIterable, Codable, Sendable {
    case psychologist, supervisor, trainer
}

/// Who is looking at calls, and therefore which calls they may see.
public struct Viewer: Equatable, Sendable {
    public var name: String
    public var role: OperatorRole

    public init(name: String, role: OperatorRole) {
        self.name = name
        self.role = role
    }

    /// Only supervisors see other operators' calls.
    public func canSee(callsOf operatorName: String) -> Bool { role == .supervisor || operatorName == name }
    public var canCorrect: Bool { role == .supervisor }
}

/// An operator's console session.
public struct Shift: Equatable, Sendable {
    public var id: String
    public var operatorName: String
    public var startedAt: Date
    /// When the console quit; nil while it runs, or when it died (see `interruptedAt`).
    public var endedAt: Date?
    /// A shift whose console died (killed, crashed, lost with its host): its last sign of life —
    /// the console's last heartbeat, or, with none kept, its last call's last change or its
    /// start — once the console has been silent for `CallHolder.silenceLimit` (the board's
    /// « perdue »). Shown « interrompu »; nil for a shift that ended or still runs.
    public var interruptedAt: Date?
    /// Saved calls, as every report counts them.
    public var callCount: Int
    /// Sum of the saved calls' durations, each in whole seconds (`WholeSeconds`).
    public var totalDuration: TimeInterval

    public init(id: String, operatorName: String, startedAt: Date, endedAt: Date?, callCount: Int, totalDuration: TimeInterval,
                interruptedAt: Date? = nil) {
        self.interruptedAt = interruptedAt
        self.id = id
        self.operatorName = operatorName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.callCount = callCount
        self.totalDuration = totalDuration
    }
}

extension Shift {
    /// The shift as it stands at `now`, from its console's last sign of life (`lastSign`): still
    /// open, or interrupted at that sign once the console has been silent for
    /// `CallHolder.silenceLimit`.
    public func judged(lastSign: Date?, now: Date) -> Shift {
        guard endedAt == nil else { return self }
        let last = max(lastSign ?? startedAt, startedAt)
        var s = self
        s.interruptedAt = now.timeIntervalSince(last) >= CallHolder.silenceLimit ? last : nil
        return s
    }
}

/// Which calls a review or a report covers.
public struct CallQuery: Equatable, Sendable {
    public var from: Date?
    public var to: Date?
    public var operatorName: String?
    public var shiftID: String?

    public init(from: Date? = nil, to: Date? = nil, operatorName: String? = nil, shiftID: String? = nil) {
        self.from = from
        self.to = to
        self.operatorName = operatorName
        self.shiftID = shiftID
    }
}

/// A field a supervisor may correct on a saved call. The call's line and caller profile are not
/// among them: the line is the number that rang, which decides who supervises the call, and the
/// profile is who called (docs/lines.md says why neither is corrected after the save).
public enum CorrectableField: String, CaseIterable, Sendable {
    case level, addiction, hospitalisation, notes
    /// The risk assessment as a whole, in `AssessmentText`'s form (its recorded suggestion kept).
    case assessment
    /// The motifs, main first, in `CallMotif.text`'s form.
    case motifs

    /// The field's value on a call, as kept in the audit log.
    public func value(of call: CallDraft) -> String {
        switch self {
        case .level: return call.level.map { "\($0.rawValue)" } ?? ""
        case .addiction: return call.addiction ? "yes" : "no"
        case .hospitalisation: return call.hospitalisation ? "yes" : "no"
        case .notes: return call.notes
        case .assessment: return AssessmentText.format(call.assessment)
        case .motifs: return CallMotif.text(call.motifs)
        }
    }

    /// The call with the field set from text; nil when the text is not a value of the field.
    public func apply(_ text: String, to call: CallDraft) -> CallDraft? {
        var c = call
        switch self {
        case .level:
            guard let n = Int(text), let level = ClassificationLevel(rawValue: n) else { return nil }
            c.level = level
        case .addiction, .hospitalisation:
            guard let b = ["yes": true, "oui": true, "no": false, "non": false][text.lowercased()] else { return nil }
            if self == .addiction { c.addiction = b } else { c.hospitalisation = b }
        case .notes:
            guard text.count <= NotesPolicy.maximumLength else { return nil }
            c.notes = text
        case .assessment:
            // (`try?` would flatten « no assessment » and « not an assessment » into one nil.)
            guard case .success(var assessment) = Result(catching: { try AssessmentText.parse(text) }) else { return nil }
            // What the console suggested during the call stays what it suggested.
            assessment?.recordedSuggestion = call.assessment?.recordedSuggestion
            c.assessment = assessment
        case .motifs:
            guard case .success(let motifs) = Result(catching: { try CallMotif.parseList(text) }) else { return nil }
            c.motifs = motifs
        }
        return c
    }

    /// Why a correction is refused although its text is a value of the field: a call classified 4
    /// or 5 keeps an answered risk assessment (urgence and dangerosité, or « non évaluable » and
    /// why), as its save required. nil: nothing against it.
    public func refusal(_ corrected: CallDraft) -> String? {
        guard self == .assessment, let level = corrected.level, level >= .suicidalIdeation,
              !(corrected.assessment?.isAnswered ?? false) else { return nil }
        return "call \(corrected.id) is at level \(level.rawValue): it keeps an answered risk assessment (urgence and dangerosite, or not_assessable and why)"
    }
}

/// One correction of a saved call, kept for ever.
public struct AuditEntry: Equatable, Sendable {
    public var callID: String
    public var at: Date
    public var by: String
    public var field: String
    public var oldValue: String?
    public var newValue: String?
    public var reason: String

    public init(callID: String, at: Date, by: String, field: String, oldValue: String?, newValue: String?, reason: String) {
        self.callID = callID
        self.at = at
        self.by = by
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
    }
}
