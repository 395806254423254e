import EcouteCore

/// The call's notes being edited, as a feature: its state is the notes' text field on screen; each
/// change of the text goes to the call (`changed`), and closing asks for the notes to be written.
public enum NotesFeature: Feature {
    public typealias State = TextField?

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// Pasted text goes in at the cursor.
        case paste(String)
    }

    public typealias Context = Strings

    public enum Outcome: Equatable, Sendable {
        /// The notes as typed now.
        case changed(String)
        /// The notes closed: what is typed is written now.
        case closed
        case message(StatusMessage)
    }

    public static func update(_ state: inout TextField?, _ event: Event, _ s: Strings) -> [Outcome] {
        guard var field = state else { return [] }
        let edit: TextFieldEdit
        switch event {
        case .paste(let text):
            edit = .insert(text)
        case .key(let key):
            if OverlayKeymap.notes.action(for: key) == .confirm {
                state = nil
                return [.closed]
            }
            guard let keyEdit = TextFieldKeymap.edit(for: key) else { return [] }
            edit = keyEdit
        }
        let applied = field.apply(edit)
        state = field
        var outcomes: [Outcome] = []
        if applied.truncated { outcomes.append(.message(StatusMessage(text: s["message.notesFull"], style: .warn))) }
        if applied.changed { outcomes.append(.changed(field.text)) }
        return outcomes
    }
}
