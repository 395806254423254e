import Foundation

/// A scripted call for training (docs/scenarios.md): who calls, what they say and when, and what
/// a listener is expected to do with it.
public struct Scenario: Equatable, Sendable {
    /// The file name without `.json`; what `ecoute demo --scenario NAME` takes.
    public var name: String
    public var title: String
    public var summary: String
    /// The caller as the trainee should record them (on a line with its own categories, the
    /// category there in `lineCategory`, its kind in `category`).
    public var caller: CallerProfile
    /// The line the call comes in on (`CallLine.id`); nil: the health professionals' line. The
    /// demo picks the call up on it.
    public var line: String?
    /// The caller's lines, in order, each with its moment after pick-up.
    public var lines: [Line]
    public var expected: Expectation
    /// Points for the trainer's debrief.
    public var teachingNotes: [String]

    public struct Line: Equatable, Sendable {
        /// Seconds after pick-up.
        public var at: TimeInterval
        public var text: String
        /// The moment the caller reveals the risk (a level-5 call): the debrief says whether the
        /// protocol was opened before or after it.
        public var disclosure = false

        public init(at: TimeInterval, text: String) {
            self.at = at
            self.text = text
        }
    }

    public struct Expectation: Equatable, Sendable {
        public var level: ClassificationLevel
        public var addiction: Bool
        public var hospitalisation: Bool
        /// The kinds of referral the caller should leave with.
        public var referralKinds: [ReferralKind]
        /// The risk assessment the trainer expects (scenarios of suicidal risk; nil: not checked).
        public var urgence: RUDDegree?
        public var dangerosite: RUDDegree?
        public var meansAtHand: Bool?
        /// Whether the right answer includes a supervisor's callback (`c`; nil: not checked).
        public var supervisorCallback: Bool?
        /// The motifs the trainer expects, main first (nil: not checked).
        public var motifs: [CallMotif]?

        public init(level: ClassificationLevel, addiction: Bool, hospitalisation: Bool, referralKinds: [ReferralKind]) {
            self.level = level
            self.addiction = addiction
            self.hospitalisation = hospitalisation
            self.referralKinds = referralKinds
        }
    }

    public init(name: String, title: String, summary: String, caller: CallerProfile, lines: [Line],
                expected: Expectation, teachingNotes: [String], line: String? = nil) {
        self.line = line
        self.name = name
        self.title = title
        self.summary = summary
        self.caller = caller
        self.lines = lines
        self.expected = expected
        self.teachingNotes = teachingNotes
    }

    /// The lines the caller has said `elapsed` seconds after pick-up.
    public func linesSaid(after elapsed: TimeInterval) -> [Line] {
        Array(lines.prefix { $0.at <= elapsed })
    }

    /// When the last line is said.
    public var length: TimeInterval { lines.last?.at ?? 0 }

    /// When the caller reveals the risk, if a line is marked so.
    public var disclosureAt: TimeInterval? { lines.first { $0.disclosure }?.at }
}
