import EcouteCore
import Foundation

/// `k`: the caller's pseudonymous code, as a feature. A typed code is checked here (its check
/// character catches a misheard or swapped character) before the store is asked; an empty Enter
/// asks for a new one. Esc closes without writing anything.
public enum CallerCodeFeature: Feature {
    public typealias State = CallerCodeForm?

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// Pasted text goes into the code.
        case paste(String)
    }

    public typealias Context = Strings

    public enum Outcome: Equatable, Sendable {
        /// Give the caller a new code.
        case issue
        /// Look the caller's code up.
        case read(CallerCode)
    }

    public static func update(_ state: inout CallerCodeForm?, _ event: Event, _ s: Strings) -> [Outcome] {
        guard var form = state else { return [] }
        form.refusal = nil
        switch event {
        case .paste(let text):
            form.field.apply(.insert(text))
        case .key(let key):
            switch CallerCodeKeymap.form.action(for: key) {
            case .cancel?:
                state = nil
                return []
            case .submit?:
                let typed = form.field.text.trimmingCharacters(in: .whitespaces)
                if typed.isEmpty {
                    state = nil
                    return [.issue]
                }
                switch CallerCode.parse(typed) {
                case .success(let code):
                    state = nil
                    return [.read(code)]
                case .failure(let error):
                    switch error {
                    case .length(let n): form.refusal = s.format(error.messageKey, "\(n)")
                    case .unknownCharacter(let c): form.refusal = s.format(error.messageKey, String(c))
                    case .empty, .checkFails: form.refusal = s[error.messageKey]
                    }
                }
            case .scroll?, .close?, nil:
                form.field.handle(key)
            }
        }
        state = form
        return []
    }
}

/// A caller's earlier calls, as a feature: ↑↓ scroll, any other key closes.
public enum CallerHistoryFeature: Feature {
    public typealias State = CallerHistoryPanel?

    public static func update(_ state: inout CallerHistoryPanel?, _ key: Key, _ context: Void) -> [Never] {
        guard var panel = state else { return [] }
        guard case .scroll(let delta)? = CallerCodeKeymap.history.action(for: key) else {
            state = nil
            return []
        }
        panel.first = min(max(0, panel.calls.count - 1), max(0, panel.first + delta))
        state = panel
        return []
    }
}
