import EcouteCore
import Foundation

/// `k`: the caller's pseudonymous code. A typed code is checked here (its check character catches
/// a misheard or swapped character) before the store is asked; an empty Enter asks for a new one.
/// Esc closes without writing anything.
enum CallerCodeUpdate {
    static func open(_ model: inout AppModel) -> [AppEffect] {
        guard model.draft != nil else { return [] }
        model.overlay = .callerCode(CallerCodeForm())
        return []
    }

    static func key(_ model: inout AppModel, _ form: CallerCodeForm, _ key: Key) -> [AppEffect] {
        var form = form
        form.refusal = nil
        switch key {
        case .escape:
            model.overlay = nil
            return []
        case .enter:
            guard let draft = model.draft else { model.overlay = nil; return [] }
            let typed = form.field.text.trimmingCharacters(in: .whitespaces)
            if typed.isEmpty {
                model.overlay = nil
                model.message = StatusMessage(text: model.strings["callerCode.issuing"], style: .dim)
                return [.issueCallerCode(callID: draft.id)]
            }
            switch CallerCode.parse(typed) {
            case .success(let code):
                model.overlay = nil
                model.message = StatusMessage(text: model.strings["callerCode.reading"], style: .dim)
                return [.readCallerHistory(code, callID: draft.id)]
            case .failure(let error):
                switch error {
                case .length(let n): form.refusal = model.strings.format(error.messageKey, "\(n)")
                case .unknownCharacter(let c): form.refusal = model.strings.format(error.messageKey, String(c))
                case .empty, .checkFails: form.refusal = model.strings[error.messageKey]
                }
            }
        default:
            form.field.handle(key)
        }
        model.overlay = .callerCode(form)
        return []
    }

    static func historyKey(_ model: inout AppModel, _ panel: CallerHistoryPanel, _ key: Key) -> [AppEffect] {
        var panel = panel
        switch key {
        case .up, .pageUp: panel.first = max(0, panel.first - 1)
        case .down, .pageDown: panel.first = min(max(0, panel.calls.count - 1), panel.first + 1)
        default:
            model.overlay = nil
            return []
        }
        model.overlay = .callerHistory(panel)
        return []
    }

    /// The store's answer: the code is shown on the call's screens; a caller's earlier calls open
    /// at once (newest first on screen).
    static func answered(_ model: inout AppModel, callID: String, _ attached: AttachedCallerCode?, history: [CallerHistoryCall],
                         failure: String?) {
        guard let attached else {
            model.message = StatusMessage(text: model.strings.format("callerCode.notAttached", failure ?? "?"), style: .alert)
            return
        }
        model.continuity.codes[callID] = attached
        if attached.issued {
            model.message = StatusMessage(text: model.strings.format("callerCode.issued", attached.code.spoken), style: .ok)
            return
        }
        if history.isEmpty {
            model.message = StatusMessage(text: model.strings["callerCode.noEarlierCall"], style: .ok)
            return
        }
        model.message = StatusMessage(text: model.strings.format("callerCode.found", "\(history.count)"), style: .ok)
        guard model.draft?.id == callID, model.overlay == nil else { return }
        model.overlay = .callerHistory(CallerHistoryPanel(code: attached.code, calls: history.reversed()))
    }
}
