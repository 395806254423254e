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
            let known = Set(m.snapshot.alerts.map(\.id))
            m.snapshot = snapshot
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
        case .changed(_, let error):
            m.message = error.map { StatusMessage(text: m.strings.format("board.notDone", $0.reason), style: .warn) }
                ?? StatusMessage(text: m.strings["board.done"], style: .ok)
            return [.load]
        case .failed(let reason):
            m.message = StatusMessage(text: m.strings.format("message.readFailed", reason), style: .alert)
        case .key(let key):
            m.message = nil
            return handleKey(&m, key)
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
        if let moved = ListCursor.moved(m.selected, by: key, count: m.items.count) {
            m.selected = moved
            return []
        }
        switch key {
        case .character("q"):
            m.shouldQuit = true
            return [.quit]
        case .function(1), .character("?"):
            m.showHelp = true
        case .enter, .character("t"), .character("p"):
            guard case .alert(let alert)? = m.selectedItem else {
                m.message = StatusMessage(text: m.strings["board.selectAlert"], style: .dim)
                return []
            }
            return [.take(alertID: alert.id)]
        case .character("c"), .character("a"):
            guard case .orphan(let orphan)? = m.selectedItem else {
                m.message = StatusMessage(text: m.strings["board.selectOrphan"], style: .dim)
                return []
            }
            m.form = BoardForm(action: key == .character("c") ? .close : .reassign, callID: orphan.call.id)
        default:
            break
        }
        return []
    }

    /// Closing asks for a reason; reassigning for the operator, then a reason. Escape abandons.
    static func formKey(_ m: inout BoardModel, _ key: Key) -> [BoardEffect] {
        guard var form = m.form else { return [] }
        switch (form.step, key) {
        case (_, .escape):
            m.form = nil
            return []
        case (.operatorName, .enter):
            guard !form.operatorName.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            form.step = .reason
        case (.reason, .enter):
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
        case (.operatorName, .backspace): if !form.operatorName.isEmpty { form.operatorName.removeLast() }
        case (.reason, .backspace): if !form.reason.isEmpty { form.reason.removeLast() }
        case (.operatorName, .character(let c)): form.operatorName.append(c)
        case (.reason, .character(let c)): form.reason.append(c)
        default: break
        }
        m.form = form
        return []
    }
}
