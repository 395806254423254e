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
        case .linkedCalls(let id, let linked):
            if case .call(id)? = Optional(m.screen) { m.linkedCalls = linked }
        case .followUpStatus(let id, let status):
            if case .call(id)? = Optional(m.screen) { m.followUpStatus = status }
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
        case .paste(let text):
            m.message = nil
            paste(&m, text)
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
        if m.showHelp { m.showHelp = false; return [] }
        guard let action = ReviewKeymap.current(m).action(for: key) else { return [] }
        return perform(&m, action)
    }

    static func perform(_ m: inout ReviewModel, _ action: ReviewAction) -> [ReviewEffect] {
        switch action {
        case .quit:
            m.shouldQuit = true
            return [.quit]
        case .help:
            m.showHelp = true
        case .back:
            if let previous = m.history.popLast() { m.screen = previous }
        case .select(let move):
            if case .shifts = m.screen {
                m.selectedShift = ListCursor.moved(m.selectedShift, move, count: m.shifts.count)
            } else {
                m.selectedCall = ListCursor.moved(m.selectedCall, move, count: m.listedCalls.count)
            }
        case .open:
            return open(&m)
        case .activity:
            go(&m, .activity)
            return [.loadActivity]
        case .riskyCalls:
            m.selectedCall = 0
            go(&m, .calls(riskyOnly: true))
        case .allCalls:
            m.selectedCall = 0
            go(&m, .calls(riskyOnly: false))
        case .correct:
            guard case .call(let id) = m.screen else { return [] }
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
        return []
    }

    /// Enter on a list: the shift's summary, or the call's detail.
    static func open(_ m: inout ReviewModel) -> [ReviewEffect] {
        switch m.screen {
        case .shifts:
            guard let shift = m.shift else { return [] }
            m.calls = []
            m.selectedCall = 0
            go(&m, .summary)
            return [.loadCalls(shiftID: shift.id)]
        case .calls:
            let listed = m.listedCalls
            guard listed.indices.contains(m.selectedCall) else { return [] }
            let id = listed[m.selectedCall].id
            m.audit = []
            m.takeovers = []
            m.linkedCalls = []
            m.followUpStatus = nil
            go(&m, .call(id: id))
            return [.loadAudit(callID: id)]
        default:
            return []
        }
    }

    /// The correction form: ↑↓ pick the field, Enter moves on, typing fills the value then the
    /// reason, Escape abandons.
    static func correctionKey(_ m: inout ReviewModel, _ key: Key) -> [ReviewEffect] {
        guard var form = m.correction else { return [] }
        guard let action = ReviewKeymap.correction(form.step).action(for: key) else {
            if let edit = TextFieldKeymap.edit(for: key) { m.correction = edited(form, edit) }
            return []
        }
        switch (form.step, action) {
        case (_, .cancel):
            m.correction = nil
            return []
        case (.field, .previousField), (.field, .nextField):
            let all = CorrectableField.allCases
            let i = all.firstIndex(of: form.field)!
            form.field = all[(i + (action == .previousField ? all.count - 1 : 1)) % all.count]
        case (.field, .submit):
            form.step = .value
            form.valueField = TextField(m.openCall.map { form.field.value(of: $0) } ?? "")
            form.valueIsPrefilled = true
        case (.value, .submit):
            guard let call = m.openCall, form.field.apply(form.value, to: call) != nil else {
                m.message = StatusMessage(text: m.strings["review.correction.badValue.\(form.field.rawValue)"], style: .warn)
                break
            }
            form.step = .reason
        case (.reason, .submit):
            guard !form.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                m.message = StatusMessage(text: m.strings["review.correction.reasonRequired"], style: .warn)
                break
            }
            m.correction = nil
            return [.correct(callID: form.callID, field: form.field, value: form.value, reason: form.reason)]
        default:
            break
        }
        m.correction = form
        return []
    }

    /// An edit of the field being typed; text typed over a pre-filled value replaces it.
    static func edited(_ form: CorrectionForm, _ edit: TextFieldEdit) -> CorrectionForm {
        var form = form
        switch form.step {
        case .field:
            break
        case .value:
            if form.valueIsPrefilled, case .insert = edit { form.valueField = TextField() }
            form.valueIsPrefilled = false
            form.valueField.apply(edit)
        case .reason:
            form.reasonField.apply(edit)
        }
        return form
    }

    /// Pasted text goes into the correction's field being typed; elsewhere it is dropped.
    static func paste(_ m: inout ReviewModel, _ text: String) {
        guard let form = m.correction, form.step != .field else {
            m.message = StatusMessage(text: m.strings["message.pasteIgnored"], style: .warn)
            return
        }
        m.correction = edited(form, .insert(text))
    }
}
