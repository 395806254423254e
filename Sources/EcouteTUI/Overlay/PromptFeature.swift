import EcouteCore
import Foundation

/// A one-line text prompt as a feature (a reason, a follow-up): typing edits, Enter gives the text
/// (never empty), Esc closes. What the text does is the screen's (`submitted`).
public enum PromptFeature: Feature {
    public typealias State = TextPrompt?

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// Pasted text goes in at the cursor.
        case paste(String)
    }

    public typealias Context = Void

    public enum Outcome: Equatable, Sendable {
        /// The text given, trimmed, and the prompt it was given in (closed: the screen opens it
        /// again to ask anew).
        case submitted(TextPrompt, text: String)
    }

    public static func update(_ state: inout TextPrompt?, _ event: Event, _ context: Void) -> [Outcome] {
        guard var prompt = state else { return [] }
        switch event {
        case .paste(let text):
            prompt.field.apply(.insert(text))
        case .key(let key):
            switch OverlayKeymap.prompt.action(for: key) {
            case .cancel?:
                state = nil
                return []
            case .confirm?:
                let text = prompt.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return [] }
                state = nil
                return [.submitted(prompt, text: text)]
            case .move?, .editFlagged?, nil:
                prompt.field.handle(key)
            }
        }
        state = prompt
        return []
    }
}
