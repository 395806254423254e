import EcouteCore

/// The risk-assessment panel's own state: which part is open and where its cursor is. What is
/// assessed lives in the call (`CallDraft.assessment`), written at every key like the profile.
public struct AssessmentPanel: Equatable, Sendable {
    public enum Part: Equatable, Sendable {
        /// Urgence, dangerosité, the means, and the suggestion.
        case grid
        /// The risk-factor checklist (the consensus's three groups).
        case factors
        /// The C-SSRS screener's questions.
        case screener
    }

    public var part: Part = .grid
    /// In the checklist: an index in `RiskFactor.allCases`; in the screener: in the questions asked.
    public var cursor = 0
    /// The panel's help (F1 or ?) is shown over it; any key closes it.
    public var showingHelp = false

    public init(part: Part = .grid, cursor: Int = 0) {
        self.part = part
        self.cursor = cursor
    }
}

/// What a key does in the risk-assessment panel.
public enum AssessmentAction: Equatable, Sendable {
    case urgence(RUDDegree)
    case dangerosite(RUDDegree)
    case toggleMeansAtHand
    case nextMeans
    case openFactors
    case openScreener
    case notAssessable
    case close
    case move(Int)
    case toggleFactor
    case answer(ScreenerAnswer)
    case back
}

/// The panel's keys, one table per part: it decides what a key does, and draws the key bar and
/// the help while the panel is open.
public enum AssessmentKeymap {
    typealias B = KeyBinding<Action>

    /// F1 or ?: the panel's own keys, over it (the grid's bar has no room for it).
    static func help(inBar: Bool) -> B { B([.function(1), .character("?")], "F1", "key.help", .help, bar: inBar) }

    public static func keymap(_ panel: AssessmentPanel) -> Keymap<Action> {
        switch panel.part {
        case .grid:
            let degrees: [RUDDegree] = [.low, .medium, .high]
            return Keymap([
                B(each: degrees.enumerated().map { (.character(Character("\($0.offset + 1)")), .assessment(.urgence($0.element))) },
                  "1-3", "key.rud.urgence", bar: false),   // the grid shows [1]–[6] by each degree
                B(each: degrees.enumerated().map { (.character(Character("\($0.offset + 4)")), .assessment(.dangerosite($0.element))) },
                  "4-6", "key.rud.dangerosite", bar: false),
                B([.character("a")], "a", "key.rud.meansAtHand", .assessment(.toggleMeansAtHand)),
                B([.character("m")], "m", "key.rud.means", .assessment(.nextMeans)),
                B([.character("f")], "f", "key.rud.factors", .assessment(.openFactors)),
                B([.character("s")], "s", "key.rud.screener", .assessment(.openScreener)),
                B([.character("x")], "x", "key.rud.notAssessable", .assessment(.notAssessable)),
                B([.enter, .escape, .character("u")], "Entrée", "key.rud.close", .assessment(.close)),
                help(inBar: false),
            ])
        case .factors:
            return Keymap([
                B([.up], "↑", "key.rud.previous", .assessment(.move(-1)), bar: false),
                B([.down], "↓", "key.rud.next", .assessment(.move(1)), bar: false),
                B([.character(" ")], "Espace", "key.rud.toggleFactor", .assessment(.toggleFactor)),
                B([.enter, .escape], "Entrée", "key.rud.back", .assessment(.back)),
                help(inBar: true),
            ])
        case .screener:
            return Keymap([
                B([.character("o"), .character("y")], "o", "key.rud.yes", .assessment(.answer(.yes))),
                B([.character("n")], "n", "key.rud.no", .assessment(.answer(.no))),
                B([.up], "↑", "key.rud.previous", .assessment(.move(-1)), bar: false),
                B([.down], "↓", "key.rud.next", .assessment(.move(1)), bar: false),
                B([.enter, .escape], "Entrée", "key.rud.back", .assessment(.back)),
                help(inBar: true),
            ])
        }
    }
}
