import EcouteCore
import Foundation

/// `q` at the end of a shift: the handoff note. What is in progress is counted by the store (shown
/// as it arrives) with the colleagues on shift; each unfinished call is handed over explicitly —
/// to a colleague on shift (Tab cycles through them) or to the supervisors, the default — and
/// the psychologist adds a few words (the identifying-text guard checks them). Enter hands the
/// calls over, writes the note and ends the shift; Esc goes back to the console.
public struct HandoffForm: Equatable, Sendable {
    public var facts: ShiftHandoff?
    /// Who may be handed a call: the operators on shift now, but this one.
    public var colleagues: [String] = []
    /// The operator's calls another of their consoles is answering now (they stay there).
    public var answeredElsewhere: [CallHolder] = []
    /// The unfinished call the handover keys act on (index in `facts.callsInProgress`).
    public var selectedCall = 0
    /// Each call's colleague (absent: left to the supervisors).
    public var recipients: [String: String] = [:]
    /// Calls already handed over by an earlier Enter (a later failure left the form open).
    public var handedOver: Set<String> = []
    public var text = TextField("", maximumLength: ShiftHandoff.maximumText)
    /// Why the last Enter was refused, or why the note could not be written.
    public var refusal: String?
    /// The note could not be written: Enter now ends the shift without it.
    public var writeFailed = false

    public init() {}

    /// The handovers Enter asks for: every call in progress not handed over yet.
    public var handovers: [CallHandover] {
        (facts?.callsInProgress ?? []).filter { !handedOver.contains($0) }.map { CallHandover(callID: $0, to: recipients[$0]) }
    }
}

/// What a key does in the handoff form; the rest goes to the note's text field.
public enum HandoffAction: Equatable, Sendable {
    /// Moves between the unfinished calls.
    case select(ListCursor.Move)
    /// The selected call's next recipient: the supervisors, then each colleague on shift.
    case nextRecipient
    case write, back
}

/// The handoff form's keys (its dispatch and the keys it shows).
public enum HandoffKeymap {
    typealias B = KeyBinding<HandoffAction>
    // ↑↓ only: Home and End stay the note's.
    static let select = B(each: [(.up, .select(.by(-1))), (.down, .select(.by(1)))], "↑↓", "handoff.key.select")
    static let recipient = B([.tab], "Tab", "handoff.key.recipient", .nextRecipient)
    static let write = B([.enter], "Entrée", "handoff.key.write", .write)
    static let back = B([.escape], "Esc", "handoff.key.back", .back)

    /// Every key of the form (its dispatch).
    public static let keymap = Keymap<HandoffAction>([select, recipient, write, back])

    /// The keys that do something in the form as it stands (its key line): the call keys only
    /// with calls to hand over; Enter says what it does now.
    public static func shown(_ form: HandoffForm) -> Keymap<HandoffAction> {
        if form.writeFailed { return Keymap([B([.enter], "Entrée", "handoff.key.endWithoutNote", .write), back]) }
        guard !form.handovers.isEmpty else { return Keymap([B([.enter], "Entrée", "handoff.key.endWithNote", .write), back]) }
        return Keymap([select, recipient, write, back])
    }
}

enum HandoffUpdate {
    static func open(_ model: inout AppModel) -> [AppEffect] {
        model.overlay = .handoff(HandoffForm())
        return [.loadHandoffFacts]
    }

    static func key(_ model: inout AppModel, _ form: HandoffForm, _ key: Key) -> [AppEffect] {
        var form = form
        switch HandoffKeymap.keymap.action(for: key) {
        case .back?:
            model.overlay = nil
            return []
        case .select(let move)?:
            form.selectedCall = ListCursor.moved(form.selectedCall, move, count: form.facts?.callsInProgress.count ?? 0)
        case .nextRecipient?:
            guard let calls = form.facts?.callsInProgress, calls.indices.contains(form.selectedCall) else { break }
            let call = calls[form.selectedCall]
            guard !form.handedOver.contains(call) else { break }
            // Supervisors (nil), then each colleague in turn, then the supervisors again.
            let choices: [String?] = [nil] + form.colleagues.map(Optional.some)
            let current = choices.firstIndex { $0 == form.recipients[call] } ?? 0
            form.recipients[call] = choices[(current + 1) % choices.count]
        case .write?:
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
            handoff.line = model.line
            handoff.handedTo = form.recipients.filter { handoff.callsInProgress.contains($0.key) }
            form.refusal = nil
            model.overlay = .handoff(form)
            model.message = StatusMessage(text: model.strings["handoff.writing"], style: .dim)
            return [.writeHandoff(handoff, handovers: form.handovers)]
        case nil:
            form.refusal = nil
            form.text.handle(key)
        }
        model.overlay = .handoff(form)
        return []
    }

    static func counted(_ model: inout AppModel, _ facts: ShiftHandoff?, colleagues: [String], answeredElsewhere: [CallHolder],
                        failure: String?) {
        guard case .handoff(var form)? = model.overlay else { return }
        form.facts = facts
        form.colleagues = colleagues
        form.answeredElsewhere = answeredElsewhere
        if let failure { form.refusal = model.strings.format("handoff.notCountedBecause", failure); form.writeFailed = true }
        model.overlay = .handoff(form)
    }

    static func written(_ model: inout AppModel, handedOver: [String], failure: String?) -> [AppEffect] {
        guard let failure else {
            model.shouldQuit = true
            return [.quit]
        }
        guard case .handoff(var form)? = model.overlay else { return [] }
        form.handedOver.formUnion(handedOver)
        form.refusal = model.strings.format("handoff.notWritten", failure)
        // A handover refused (a colleague left meanwhile): choose again. The note alone failed:
        // Enter ends the shift without it.
        form.writeFailed = form.handovers.isEmpty
        model.overlay = .handoff(form)
        return []
    }

    /// The counted part in words: « 1 appel non terminé remis · 2 suites dues · … », and the
    /// colleagues calls went to (the others went to the supervisors).
    static func summary(_ h: ShiftHandoff, _ s: Strings) -> String {
        let counts = s.format("handoff.summary", "\(h.callsInProgress.count)", "\(h.followUpsDue)", "\(h.callbacksOpen)", "\(h.alertsOpen)")
        let colleagues = Set(h.handedTo.values).sorted()
        return colleagues.isEmpty ? counts : counts + " · " + s.format("handoff.handedTo", colleagues.joined(separator: ", "))
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
        // The unfinished calls, each with whom it goes to (three at most in view, around the selection).
        let calls = form.facts?.callsInProgress ?? []
        let first = max(0, min(form.selectedCall - 1, calls.count - 3))
        for (row, index) in calls.indices.dropFirst(first).prefix(3).enumerated() {
            let call = calls[index]
            let to = form.handedOver.contains(call) ? s.format("handoff.call.done", form.recipients[call] ?? s["handoff.call.supervisors"])
                : form.recipients[call].map { s.format("handoff.call.toColleague", $0) } ?? s["handoff.call.toSupervisors"]
            grid.put((index == form.selectedCall ? "▸ " : "  ") + s.format("handoff.call", String(call.prefix(8)), to),
                     row: top + 4 + row, column: inner, style: index == form.selectedCall ? .bold : .normal, maxWidth: textWidth)
        }
        let textRow = top + 4 + min(calls.count, 3) + (calls.isEmpty ? 0 : 1)
        let label = grid.put(s["handoff.text"] + " ", row: textRow, column: inner, maxWidth: textWidth)
        TextFieldView.drawLine(form.text, into: &grid, row: textRow, column: label, width: inner + textWidth - label)
        if let refusal = form.refusal {
            Layout.putWrapped(&grid, refusal, row: textRow + 2, column: inner, width: textWidth, maxRows: 2, style: .alert)
        }
        var notices: [String] = []
        if !form.answeredElsewhere.isEmpty {
            let hosts = Set(form.answeredElsewhere.map(\.console.host)).sorted().joined(separator: ", ")
            notices.append(s.format("handoff.answeredElsewhere", "\(form.answeredElsewhere.count)", hosts))
        }
        if !form.handovers.isEmpty, form.colleagues.isEmpty, !form.writeFailed { notices.append(s["handoff.noColleague"]) }
        if !notices.isEmpty, form.refusal == nil {
            Layout.putWrapped(&grid, notices.joined(separator: " · "), row: textRow + 2, column: inner, width: textWidth, maxRows: 2, style: .dim)
        }
        Layout.putWrapped(&grid, KeyHint.line(HandoffKeymap.shown(form), s), row: top + 10, column: inner, width: textWidth, maxRows: 2,
                          style: .dim)
    }

    static func summary(_ h: ShiftHandoff, _ s: Strings) -> String { HandoffUpdate.summary(h, s) }

    /// One handoff on a line (or two): who, when, what was left, their words.
    static func line(_ h: ShiftHandoff, _ s: Strings, timeZone: TimeZone) -> String {
        // Their words first (the count is the same shape every time), then the count.
        s.format("handoff.line", h.operatorName, Formatting.dayAndTime(h.writtenAt, timeZone: timeZone) { s["weekday.\($0)"] },
                 (h.text.isEmpty ? "" : "« " + h.text + " » — ") + summary(h, s))
    }
}
