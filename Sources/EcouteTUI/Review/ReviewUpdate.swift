import EcouteCore
import Foundation

/// `ecoute review` as a pure function: `(model, event) -> (model, effects)`.
public enum ReviewUpdate {
    public static func update(_ m: inout ReviewModel, _ event: ReviewEvent) -> [ReviewEffect] {
        switch event {
        case .resize(let w, let h):
            m.width = w
            m.height = h
        case .shifts(let shifts):
            m.shifts = shifts
            m.selectedShift = ListCursor.clamp(m.selectedShift, count: shifts.count)
        case .calls(let id, let calls):
            guard m.shift?.id == id else { return [] }
            m.calls = calls
            m.selectedCall = ListCursor.clamp(m.selectedCall, count: calls.count)
        case .holders(let holders):
            m.holders = holders
        case .activity(let figures):
            m.activity = figures
        case .audit(let id, let entries):
            if case .call(id)? = Optional(m.screen) { m.audit = entries }
        case .takeovers(let id, let takeovers):
            if case .call(id)? = Optional(m.screen) { m.takeovers = takeovers }
        case .corrected(let id, let error):
            if let error {
                m.message = StatusMessage(text: m.strings.format("review.correctionFailed", error), style: .warn)
                return []
            }
            m.message = StatusMessage(text: m.strings["review.corrected"], style: .ok)
            guard let shift = m.shift else { return [] }
            return [.loadCalls(shiftID: shift.id), .loadAudit(callID: id)]
        case .externalChange:
            var effects: [ReviewEffect] = [.loadShifts]
            if m.screen == .activity { effects.append(.loadActivity) }
            if m.screen != .shifts, m.screen != .activity, let shift = m.shift { effects.append(.loadCalls(shiftID: shift.id)) }
            if case .call(let id) = m.screen { effects.append(.loadAudit(callID: id)) }
            return effects
        case .failed(let reason):
            m.message = StatusMessage(text: m.strings.format("message.storeError", reason), style: .alert)
        case .key(let key):
            m.message = nil
            return handleKey(&m, key)
        }
        return []
    }

    static func go(_ m: inout ReviewModel, _ screen: ReviewScreen) {
        m.history.append(m.screen)
        m.screen = screen
    }

    static func handleKey(_ m: inout ReviewModel, _ key: Key) -> [ReviewEffect] {
        if key == .control("c") { m.shouldQuit = true; return [.quit] }
        if m.correction != nil { return correctionKey(&m, key) }
        if key == .character("q") { m.shouldQuit = true; return [.quit] }
        if key == .escape {
            if let previous = m.history.popLast() { m.screen = previous }
            return []
        }
        switch m.screen {
        case .shifts:
            switch key {
            case .up, .down, .pageUp, .pageDown, .home, .end:
                m.selectedShift = ListCursor.moved(m.selectedShift, by: key, count: m.shifts.count) ?? m.selectedShift
            case .enter:
                guard let shift = m.shift else { return [] }
                m.calls = []
                m.selectedCall = 0
                go(&m, .summary)
                return [.loadCalls(shiftID: shift.id)]
            case .character("a"):
                go(&m, .activity)
                return [.loadActivity]
            default: break
            }
        case .activity:
            break
        case .summary:
            switch key {
            case .character("r"): m.selectedCall = 0; go(&m, .calls(riskyOnly: true))
            case .character("l"), .enter: m.selectedCall = 0; go(&m, .calls(riskyOnly: false))
            default: break
            }
        case .calls:
            let listed = m.listedCalls
            switch key {
            case .up, .down, .pageUp, .pageDown, .home, .end:
                m.selectedCall = ListCursor.moved(m.selectedCall, by: key, count: listed.count) ?? m.selectedCall
            case .enter:
                guard listed.indices.contains(m.selectedCall) else { return [] }
                let id = listed[m.selectedCall].id
                m.audit = []
                m.takeovers = []
                go(&m, .call(id: id))
                return [.loadAudit(callID: id)]
            default: break
            }
        case .call(let id):
            if key == .character("c") {
                guard m.viewer.canCorrect else {
                    m.message = StatusMessage(text: m.strings["review.readOnly"], style: .warn)
                    return []
                }
                guard m.openCall?.phase == .saved else {
                    m.message = StatusMessage(text: m.strings["review.notSaved"], style: .warn)
                    return []
                }
                m.correction = CorrectionForm(callID: id)
            }
        }
        return []
    }

    /// The correction form: ↑↓ pick the field, Enter moves on, typing fills the value then the
    /// reason, Escape abandons.
    static func correctionKey(_ m: inout ReviewModel, _ key: Key) -> [ReviewEffect] {
        guard var form = m.correction else { return [] }
        if key == .escape { m.correction = nil; return [] }
        switch (form.step, key) {
        case (.field, .up), (.field, .down):
            let all = CorrectableField.allCases
            let i = all.firstIndex(of: form.field)!
            form.field = all[(i + (key == .up ? all.count - 1 : 1)) % all.count]
        case (.field, .enter):
            form.step = .value
            form.value = m.openCall.map { form.field.value(of: $0) } ?? ""
            form.valueIsPrefilled = true
        case (.value, .enter):
            guard let call = m.openCall, form.field.apply(form.value, to: call) != nil else {
                m.message = StatusMessage(text: m.strings["review.correction.badValue.\(form.field.rawValue)"], style: .warn)
                break
            }
            form.step = .reason
        case (.reason, .enter):
            guard !form.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                m.message = StatusMessage(text: m.strings["review.correction.reasonRequired"], style: .warn)
                break
            }
            m.correction = nil
            return [.correct(callID: form.callID, field: form.field, value: form.value, reason: form.reason)]
        case (.value, .backspace):
            form.valueIsPrefilled = false
            if !form.value.isEmpty { form.value.removeLast() }
        case (.reason, .backspace): if !form.reason.isEmpty { form.reason.removeLast() }
        case (.value, .character(let c)):
            if form.valueIsPrefilled { form.value = "" }
            form.valueIsPrefilled = false
            form.value.append(c)
        case (.reason, .character(let c)): form.reason.append(c)
        default: break
        }
        m.correction = form
        return []
    }
}
