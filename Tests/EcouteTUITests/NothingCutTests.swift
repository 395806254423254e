import EcouteCore
import Foundation
import Testing
@testable import EcouteTUI

/// Screens a tester found cut at 80×24 (« … » where words were), in both languages: the
/// interrupted call's takeover line, the end-of-shift note, the risk panel's requirement, the
/// mistake's reason prompt.
@Suite struct NothingCutTests {
    typealias F = TUIFixtures

    /// The refusal of a save with every protocol step left names them all on the message line.
    @Test(arguments: [Language.fr, .en])
    func theProtocolsStepsLeftFitTheMessageLine(_ language: Language) {
        let s = F.strings(language)
        let all = EmergencyStep.allCases.map { s["key.step.\($0.rawValue).short"] }.joined(separator: ", ")
        #expect(DisplayWidth.of(" " + s.format("refusal.protocolIncomplete", all)) <= 79)
    }

    @Test(arguments: [Language.fr, .en])
    func theseTextsAreShownWholeAt80Columns(_ language: Language) {
        let s = F.strings(language)
        var interrupted = F.model(.interrupted(F.draft()), language)
        let holder = CallHolder(console: ConsoleIdentity(id: "k-9", host: "poste-accueil-12", pid: 123456, operatorName: "psy-test"),
                                heartbeatAt: F.t0 + 600)
        interrupted.desk.resumeFrom = holder
        let takeover = s.format("interrupted.takeover", holder.console.host, "\(holder.console.pid)", Formatting.clock(holder.heartbeatAt, timeZone: F.utc))
        var handoff = F.model(.idle, language)
        handoff.overlay = .handoff(HandoffForm())
        var draft = F.draft(.wrapUp)
        draft.level = .suicidalIdeation
        var panel = F.model(.call(draft), language)
        panel.overlay = .assessment(AssessmentPanel())
        let decision = s.format("rud.decision", "4", s[ClassificationLevel.suicidalIdeation.stringKey])
        var mistake = F.model(.call(F.emergencyDraft()), language)
        mistake.overlay = .textPrompt(TextPrompt(.raisedByMistake))
        var help = F.model(.call(F.draft()), language)
        help.overlay = .help
        var idle = F.model(.idle, language)
        let note = ShiftHandoff(id: "h", shiftID: "s", operatorName: "psy-avant", writtenAt: F.t0, callsInProgress: ["c-1"], followUpsDue: 2,
                                callbacksOpen: 1, alertsOpen: 0,
                                text: "Nuit calme jusqu'à 3 h, puis deux appels longs")
        idle.handoffs = [note]
        let handoffLine = wrap(" ⇢ " + HandoffView.line(note, s, timeZone: F.utc), width: 78)
        #expect(handoffLine.count == 3)
        let screens: [(String, AppModel, [String])] = [
            ("idle with a long handoff note", idle, handoffLine.map { $0.trimmingCharacters(in: .whitespaces) }),
            ("help in a call", help, wrap(s["help.global"], width: 74)),
            ("interrupted", interrupted, wrap(takeover, width: 78)),
            ("handoff", handoff, wrap(s["handoff.note"], width: 72)),
            ("assessment", panel, [s["rud.required"], decision]),
            ("mistake", mistake, [s["mistake.title"]]),
        ]
        for (name, model, texts) in screens {
            let screen = (0..<model.height).map { Screen.render(model).row($0) }.joined(separator: "\n")
            for text in texts { #expect(screen.contains(text), "\(name): « \(text) » not whole on\n\(screen)") }
        }
    }
}
