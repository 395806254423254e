import EcouteCore
import Foundation

/// `ecoute board` as a pure function: `(model, event) -> (model, effects)`.
public enum BoardUpdate {
    /// The board asks the store again at least this often (liveness changes without a write).
    public static let reloadInterval: TimeInterval = 2

    public static func update(_ m: inout BoardModel, _ event: BoardEvent) -> [BoardEffect] {
        switch event {
        case .resize(let w, let h):
            m.width = w
            m.height = h
        case .tick(let now):
            m.now = now
            ringForEscalations(&m)
            if m.lastLoad.map({ now.timeIntervalSince($0) >= reloadInterval }) ?? true {
                m.lastLoad = now
                return [.load]
            }
        case .externalChange:
            m.lastLoad = m.now
            return [.load]
        case .snapshot(let snapshot):
            m.unreachableSince = nil
            let known = Set(m.snapshot.alerts.map(\.id))
            m.snapshot = snapshot
            BoardCallbacks.forgetClosed(&m)
            m.selected = ListCursor.clamp(m.selected, count: m.items.count)
            // A new alert rings at once; an escalated one rings again.
            let fresh = snapshot.alerts.filter { !$0.isTaken && !known.contains($0.id) && !m.rungFor.contains($0.id) }
            if !fresh.isEmpty {
                m.bells += 1
                m.rungFor.formUnion(fresh.map(\.id))
            }
            ringForEscalations(&m)
        case .took(_, .success(let alert)):
            m.message = StatusMessage(text: m.strings.format("board.took", alert.operatorName,
                                                             Formatting.clock(alert.takenAt ?? m.now, timeZone: m.timeZone)), style: .ok)
            return [.load]
        case .took(_, .failure(let error)):
            m.message = StatusMessage(text: m.strings.format("board.notTaken", error.reason), style: .warn)
            return [.load]
        case .callbackActed(let id, let result, let number):
            return BoardCallbacks.acted(&m, id, result, number)
        case .changed(_, let error):
            m.message = error.map { StatusMessage(text: m.strings.format("board.notDone", $0.reason), style: .warn) }
                ?? StatusMessage(text: m.strings["board.done"], style: .ok)
            return [.load]
        case .failed(let reason):
            // Out of reach, the board says since when and keeps asking every 2 s; it recovers alone.
            if StoreFault.of(reason) == .unreachable {
                m.unreachableSince = m.unreachableSince ?? m.now
            } else {
                m.message = StatusMessage(text: m.strings.format("message.readFailed", StoreFaultText.describe(reason, m.strings)), style: .alert)
            }
        case .key(let key):
            m.message = nil
            return handleKey(&m, key)
        case .paste(let text):
            m.message = nil
            guard m.form != nil else {
                m.message = StatusMessage(text: m.strings["message.pasteIgnored"], style: .warn)
                return []
            }
            m.form?.field.apply(.insert(text))
        }
        return []
    }

    /// An alert crossing its delay untaken rings again, once.
    static func ringForEscalations(_ m: inout BoardModel) {
        let due = m.openAlerts.filter { $0.isEscalated(now: m.now, after: m.escalationDelay) }.map { "\($0.id)+escalated" }
            .filter { !m.rungFor.contains($0) }
        guard !due.isEmpty else { return }
        m.rungFor.formUnion(due)
        m.bells += 1
    }

    static func handleKey(_ m: inout BoardModel, _ key: Key) -> [BoardEffect] {
        if key == .control("c") { m.shouldQuit = true; return [.quit] }
        if m.form != nil { return formKey(&m, key) }
        if m.showHelp { m.showHelp = false; return [] }
        guard let action = BoardKeymap.keymap.action(for: key) else { return [] }
        return perform(&m, action)
    }

    static func perform(_ m: inout BoardModel, _ action: BoardAction) -> [BoardEffect] {
        switch action {
        case .select(let move):
            m.selected = ListCursor.moved(m.selected, move, count: m.items.count)
        case .quit:
            m.shouldQuit = true
            return [.quit]
        case .help:
            m.showHelp = true
        case .calledBack, .unreachable, .abandonCallback, .showNumber:
            return BoardCallbacks.perform(&m, action)
        case .take:
            if case .callback? = m.selectedItem { return BoardCallbacks.perform(&m, action) }
            guard case .alert(let alert)? = m.selectedItem else {
                m.message = StatusMessage(text: m.strings["board.selectAlert"], style: .dim)
                return []
            }
            return [.take(alertID: alert.id)]
        case .close, .reassign:
            guard case .orphan(let orphan)? = m.selectedItem else {
                m.message = StatusMessage(text: m.strings["board.selectOrphan"], style: .dim)
                return []
            }
            m.form = BoardForm(action: action == .close ? .close : .reassign, callID: orphan.call.id)
        }
        return []
    }

    /// Closing asks for a reason; reassigning for the operator, then a reason. Escape abandons;
    /// other keys edit the field.
    static func formKey(_ m: inout BoardModel, _ key: Key) -> [BoardEffect] {
        guard var form = m.form else { return [] }
        switch (form.step, BoardKeymap.form.action(for: key)) {
        case (_, .cancel?):
            m.form = nil
            return []
        case (.operatorName, .submit?):
            let name = form.operatorName.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return [] }
            // Only someone of the line who answers calls (the store refuses anyone else too).
            if let known = m.snapshot.reassignable, !known.contains(name) {
                m.message = StatusMessage(text: m.strings.format("board.form.unknownOperator", name), style: .warn)
                return []
            }
            m.message = nil
            form.step = .reason
        case (.operatorName, .nextOnShift?):
            // The operators on shift in turn, from the one typed (a name can still be typed).
            let onShift = m.snapshot.onShift
            guard !onShift.isEmpty else { break }
            let next = onShift.firstIndex(of: form.operatorName.trimmingCharacters(in: .whitespaces)).map { ($0 + 1) % onShift.count } ?? 0
            form.operatorField = TextField(onShift[next])
        case (.reason, .nextOnShift?):
            break
        case (.reason, .submit?):
            let reason = form.reason.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                m.message = StatusMessage(text: m.strings["board.reasonRequired"], style: .warn)
                return []
            }
            m.form = nil
            switch form.action {
            case .close: return [.close(callID: form.callID, reason: reason)]
            case .reassign: return [.reassign(callID: form.callID, to: form.operatorName.trimmingCharacters(in: .whitespaces), reason: reason)]
            }
        case (_, nil):
            form.field.handle(key)
        }
        m.form = form
        return []
    }
}
