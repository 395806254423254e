import EcouteCore
import Foundation

/// `q` at the end of a shift: the handoff note. What is in progress is counted by the store (shown
/// as it arrives); the psychologist adds a few words (the identifying-text guard checks them).
/// Enter writes the note and ends the shift; Esc goes back to the console.
public struct HandoffForm: Equatable, Sendable {
    public var facts: ShiftHandoff?
    public var text = TextField("", maximumLength: ShiftHandoff.maximumText)
    /// Why the last Enter was refused, or why the note could not be written.
    public var refusal: String?
    /// The note could not be written: Enter now ends the shift without it.
    public var writeFailed = false

    public init() {}
}

enum HandoffUpdate {
    static func open(_ model: inout AppModel) -> [AppEffect] {
        model.overlay = .handoff(HandoffForm())
        return [.loadHandoffFacts]
    }

    static func key(_ model: inout AppModel, _ form: HandoffForm, _ key: Key) -> [AppEffect] {
        var form = form
        switch key {
        case .escape:
            model.overlay = nil
            return []
        case .enter:
            if form.writeFailed {
                model.shouldQuit = true
                return [.quit]
            }
            let text = form.text.text.trimmingCharacters(in: .whitespaces)
            let concerns = NotesPolicy.concerns(in: text)
            guard concerns.isEmpty else {
                form.refusal = model.strings.format("handoff.identifying",
                                                    concerns.map { model.strings["notes.concern.\($0.rawValue)"] }.joined(separator: ", "))
                break
            }
            guard var handoff = form.facts else {
                form.refusal = model.strings["handoff.notCounted"]
                form.writeFailed = true
                break
            }
            handoff.text = text
            form.refusal = nil
            model.overlay = .handoff(form)
            model.message = StatusMessage(text: model.strings["handoff.writing"], style: .dim)
            return [.writeHandoff(handoff)]
        default:
            form.refusal = nil
            form.text.handle(key)
        }
        model.overlay = .handoff(form)
        return []
    }

    static func counted(_ model: inout AppModel, _ facts: ShiftHandoff?, failure: String?) {
        guard case .handoff(var form)? = model.overlay else { return }
        form.facts = facts
        if let failure { form.refusal = model.strings.format("handoff.notCountedBecause", failure); form.writeFailed = true }
        model.overlay = .handoff(form)
    }

    static func written(_ model: inout AppModel, failure: String?) -> [AppEffect] {
        guard let failure else {
            model.shouldQuit = true
            return [.quit]
        }
        guard case .handoff(var form)? = model.overlay else { return [] }
        form.refusal = model.strings.format("handoff.notWritten", failure)
        form.writeFailed = true
        model.overlay = .handoff(form)
        return []
    }

    /// The counted part in words: « 1 appel non terminé remis · 2 suites dues · … ».
    static func summary(_ h: ShiftHandoff, _ s: Strings) -> String {
        s.format("handoff.summary", "\(h.callsInProgress.count)", "\(h.followUpsDue)", "\(h.callbacksOpen)", "\(h.alertsOpen)")
    }
}

/// The handoff form, and the handoffs shown to the next shift.
enum HandoffView {
    static func drawForm(_ model: AppModel, _ form: HandoffForm, into grid: inout Grid) {
        let s = model.strings
        let width = min(grid.width - 4, 76)
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 4, left: left, width: width, height: 14, title: s["handoff.title"])
        let textWidth = width - 4
        if let facts = form.facts {
            Layout.putWrapped(&grid, summary(facts, s), row: top, column: inner, width: textWidth, maxRows: 2, style: .bold)
        } else {
            grid.put(s["handoff.counting"], row: top, column: inner, style: .dim, maxWidth: textWidth)
        }
        Layout.putWrapped(&grid, s["handoff.note"], row: top + 2, column: inner, width: textWidth, maxRows: 2, style: .dim)
        let label = grid.put(s["handoff.text"] + " ", row: top + 5, column: inner, maxWidth: textWidth)
        TextFieldView.drawLine(form.text, into: &grid, row: top + 5, column: label, width: inner + textWidth - label)
        if let refusal = form.refusal {
            Layout.putWrapped(&grid, refusal, row: top + 7, column: inner, width: textWidth, maxRows: 2, style: .alert)
        }
        grid.put(s[form.writeFailed ? "handoff.keys.failed" : "handoff.keys"], row: top + 11, column: inner, style: .dim, maxWidth: textWidth)
    }

    static func summary(_ h: ShiftHandoff, _ s: Strings) -> String { HandoffUpdate.summary(h, s) }

    /// One handoff on a line (or two): who, when, what was left, their words.
    static func line(_ h: ShiftHandoff, _ s: Strings, timeZone: TimeZone) -> String {
        // Their words first (the count is the same shape every time), then the count.
        s.format("handoff.line", h.operatorName, Formatting.dayAndTime(h.writtenAt, timeZone: timeZone) { s["weekday.\($0)"] },
                 (h.text.isEmpty ? "" : "« " + h.text + " » — ") + summary(h, s))
    }
}
