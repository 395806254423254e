import EcouteCore
import Testing
@testable import EcouteTUI

/// A console's model driven as a person would: each action pressed by the key the keymap of the
/// screen as it stands gives it (an action with no key there is a failed test), text typed.
extension AppModel {
    @discardableResult
    mutating func press(_ actions: Action...) -> [AppEffect] {
        actions.flatMap { action in press(ConsoleKeymap.current(self).key(for: action), action) }
    }

    @discardableResult
    mutating func press(_ actions: CallbackFormAction...) -> [AppEffect] {
        actions.flatMap { action in press(callbackForm.flatMap { CallbackKeymap.keymap($0).key(for: action) }, action) }
    }

    @discardableResult
    mutating func press(_ actions: FollowUpAction...) -> [AppEffect] {
        actions.flatMap { action in press(FollowUpKeymap.keymap.key(for: action), action) }
    }

    @discardableResult
    mutating func press(_ actions: HandoffAction...) -> [AppEffect] {
        actions.flatMap { action in press(HandoffKeymap.keymap.key(for: action), action) }
    }

    @discardableResult
    mutating func press(_ action: CallerCodeAction, in keymap: Keymap<CallerCodeAction> = CallerCodeKeymap.form) -> [AppEffect] {
        press(keymap.key(for: action), action)
    }

    /// Types the text, one character a key.
    @discardableResult
    mutating func type(_ text: String) -> [AppEffect] {
        text.flatMap { AppUpdate.update(&self, .key(.character($0))) }
    }

    /// Erases `count` characters before the cursor of the field being typed in.
    mutating func erase(_ count: Int) {
        for _ in 0..<count { press(TextFieldKeymap.keymap.key(for: .deleteBackward), TextFieldEdit.deleteBackward) }
    }

    @discardableResult
    private mutating func press(_ key: Key?, _ action: Any) -> [AppEffect] {
        guard let key else {
            Issue.record("no key for \(action) on this screen")
            return []
        }
        return AppUpdate.update(&self, .key(key))
    }
}
