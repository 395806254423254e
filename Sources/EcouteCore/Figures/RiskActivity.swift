import Foundation

/// The line's motifs and risk assessments over a time (`ecoute report activity --by motif`),
/// gathered in one pass over saved calls: calls per motif (anywhere among a call's motifs, and as
/// its main one), the urgence of assessed calls, and how often the level chosen differs from the
/// level suggested.
public struct RiskActivity: Equatable, Sendable {
    /// Saved calls in the period.
    public var calls = 0
    /// Calls with this motif among theirs.
    public var withMotif: [CallMotif: Int] = [:]
    /// Calls whose main motif this is.
    public var mainMotif: [CallMotif: Int] = [:]
    public var withoutMotif = 0
    /// Calls with an assessment, by urgence (nil: urgence not given).
    public var urgence: [RUDDegree: Int] = [:]
    public var assessed = 0
    public var notAssessable = 0
    /// Level-4 and -5 calls (each needs an assessment).
    public var levelFourOrFive = 0
    /// Calls with a suggested level and a chosen one, and those where the two differ.
    public var suggestedAndChosen = 0
    public var suggestionDiffers = 0

    public init() {}

    /// The share of calls with a suggestion whose chosen level differs from it (nil: none had one).
    public var differingShare: Double? { suggestedAndChosen == 0 ? nil : Double(suggestionDiffers) / Double(suggestedAndChosen) }

    public mutating func add(_ c: CallDraft) {
        guard c.phase == .saved else { return }
        calls += 1
        let motifs = c.motifs ?? []
        if let main = motifs.first { mainMotif[main, default: 0] += 1 } else { withoutMotif += 1 }
        for m in motifs { withMotif[m, default: 0] += 1 }
        if let level = c.level, level >= .suicidalIdeation { levelFourOrFive += 1 }
        guard let a = c.assessment else { return }
        assessed += 1
        if a.isNotAssessable { notAssessable += 1; return }
        if let u = a.urgence { urgence[u, default: 0] += 1 }
        let suggestion = a.recordedSuggestion ?? a.suggestion
        if let suggested = suggestion.level, let chosen = c.level {
            suggestedAndChosen += 1
            if suggested != chosen { suggestionDiffers += 1 }
        }
    }

    /// Reads the calls once, keeping the counts only; calls outside [start, end) are not counted.
    public static func gather(from source: ((CallDraft) throws -> Void) throws -> Void, from start: Date, to end: Date) throws -> RiskActivity {
        var figures = RiskActivity()
        try source { call in
            guard call.pickedUpAt >= start, call.pickedUpAt < end else { return }
            figures.add(call)
        }
        return figures
    }
}
