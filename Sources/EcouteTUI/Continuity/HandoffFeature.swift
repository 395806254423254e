import EcouteCore
import Foundation

/// The handoff form as a feature: the store's count and the colleagues on shift arrive into it,
/// the keys choose who gets each unfinished call and type the note, Enter asks for the handovers
/// and the note (`write`), and the shift ends once the store has them (`quit`).
public enum HandoffFeature: Feature {
    public typealias State = HandoffForm?

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// Pasted text goes into the note.
        case paste(String)
        /// What the store counted, who is on shift, and the calls answered on another console.
        case counted(ShiftHandoff?, colleagues: [String], answeredElsewhere: [CallHolder], failure: String?)
        /// The store's answer to the write: the calls handed over, and why the rest failed.
        case written(handedOver: [String], failure: String?)
    }

    public struct Context: Sendable {
        public var strings: Strings
        /// The line the console answers (the note's).
        public var line: String

        public init(strings: Strings, line: String) {
            self.strings = strings
            self.line = line
        }
    }

    public enum Outcome: Equatable, Sendable {
        case write(ShiftHandoff, handovers: [CallHandover])
        /// The shift ends.
        case quit
        case message(StatusMessage)
    }

    public static func update(_ state: inout HandoffForm?, _ event: Event, _ context: Context) -> [Outcome] {
        let s = context.strings
        if case .written(_, nil) = event { return [.quit] }
        guard var form = state else { return [] }
        defer { if state != nil { state = form } }
        switch event {
        case .paste(let text):
            form.refusal = nil
            form.text.apply(.insert(text))
        case .counted(let facts, let colleagues, let answeredElsewhere, let failure):
            form.facts = facts
            form.colleagues = colleagues
            form.answeredElsewhere = answeredElsewhere
            if let failure { form.refusal = s.format("handoff.notCountedBecause", failure); form.writeFailed = true }
        case .written(let handedOver, let failure):
            form.handedOver.formUnion(handedOver)
            form.refusal = s.format("handoff.notWritten", failure ?? "?")
            // A handover refused (a colleague left meanwhile): choose again. The note alone failed:
            // Enter ends the shift without it.
            form.writeFailed = form.handovers.isEmpty
        case .key(let key):
            switch HandoffKeymap.keymap.action(for: key) {
            case .back?:
                state = nil
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
                return write(&form, context)
            case nil:
                form.refusal = nil
                form.text.handle(key)
            }
        }
        return []
    }

    /// Enter: the shift ends without a note once writing it failed; else the note, checked by the
    /// identifying-text guard, goes with the handovers.
    static func write(_ form: inout HandoffForm, _ context: Context) -> [Outcome] {
        let s = context.strings
        if form.writeFailed { return [.quit] }
        let text = form.text.text.trimmingCharacters(in: .whitespaces)
        let concerns = NotesPolicy.concerns(in: text)
        guard concerns.isEmpty else {
            form.refusal = s.format("handoff.identifying", Labels.concerns(concerns, s))
            return []
        }
        guard var handoff = form.facts else {
            form.refusal = s["handoff.notCounted"]
            form.writeFailed = true
            return []
        }
        handoff.text = text
        handoff.line = context.line
        handoff.handedTo = form.recipients.filter { handoff.callsInProgress.contains($0.key) }
        form.refusal = nil
        return [.message(StatusMessage(text: s["handoff.writing"], style: .dim)), .write(handoff, handovers: form.handovers)]
    }
}
