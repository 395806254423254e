import EcouteCore
import Foundation

/// The board's callback queue: a supervisor takes a request (and sees its number), marks it
/// « rappelé », « injoignable » (one more try; it stays theirs) or « abandonné ». A number is
/// shown only to the supervisor who took the request or asked for it (`n`), each read audited,
/// and forgotten by the board as soon as the request leaves the queue.
public enum BoardCallbacks {
    static func perform(_ m: inout BoardModel, _ action: BoardAction) -> [BoardEffect] {
        guard case .callback(let request)? = m.selectedItem else {
            m.message = StatusMessage(text: m.strings["board.selectCallback"], style: .dim)
            return []
        }
        switch action {
        case .take: return [.callback(.take, requestID: request.id)]
        case .calledBack: return [.callback(.calledBack, requestID: request.id)]
        case .unreachable: return [.callback(.failedAttempt, requestID: request.id)]
        case .abandonCallback: return [.callback(.abandon, requestID: request.id)]
        case .showNumber: return [.readCallbackNumber(requestID: request.id)]
        default: return []
        }
    }

    static func acted(_ m: inout BoardModel, _ id: String, _ result: Result<CallbackRequest, BoardActionError>,
                      _ number: CallbackNumber?) -> [BoardEffect] {
        switch result {
        case .success(let request):
            if request.status.isClosed {
                m.callbackNumbers[id] = nil
            } else if let number {
                m.callbackNumbers[id] = number
            }
            m.message = StatusMessage(text: m.strings.format("board.callback.done", status(request, m.strings)), style: .ok)
        case .failure(let error):
            m.message = StatusMessage(text: m.strings.format("board.notDone", error.reason), style: .warn)
        }
        return [.load]
    }

    /// A request's state in words: « en attente », « pris par chef », « injoignable (2 tentatives) »…
    public static func status(_ r: CallbackRequest, _ s: Strings) -> String {
        switch r.status {
        case .waiting: return s["callback.status.waiting"]
        case .taken where r.attempts > 0: return s.format("callback.status.unreachable", r.takenBy ?? "?", "\(r.attempts)")
        case .taken: return s.format("callback.status.taken", r.takenBy ?? "?")
        default: return s["callback.status.\(r.status.rawValue)"]
        }
    }

    /// Numbers kept only for requests still in the queue.
    static func forgetClosed(_ m: inout BoardModel) {
        let open = Set(m.snapshot.callbacks.map(\.id))
        m.callbackNumbers = m.callbackNumbers.filter { open.contains($0.key) }
    }

    /// The queue's section, drawn under the alerts when it has requests; returns the next row.
    static func draw(_ m: BoardModel, row: Int, marker: (BoardItem) -> (String, Bool), into grid: inout Grid) -> Int {
        guard !m.snapshot.callbacks.isEmpty else { return row }
        let s = m.strings
        var r = row + 1
        grid.put(" " + s.format("board.callbacks", "\(m.snapshot.callbacks.count)"), row: r, column: 0, style: .bold)
        r += 1
        var shown = 0
        for request in m.snapshot.callbacks where r < m.height - 10 || (r < m.height - 9 && shown == m.snapshot.callbacks.count - 1) {
            shown += 1
            let (mark, selected) = marker(.callback(request))
            let line = "\(mark) ☎ " + s.format("board.callback", Formatting.clock(request.requestedAt, timeZone: m.timeZone),
                                                request.requestedBy, s["callback.urgency.\(request.urgency.rawValue)"],
                                                Formatting.duration(request.age(at: m.now)), request.motif)
            let style: TextStyle = request.isLate(at: m.now) ? .alert : (request.status == .waiting ? .warn : .normal)
            grid.put(DisplayWidth.padded(line, m.width), row: r, column: 0, style: selected ? .reverse : style, maxWidth: m.width)
            r += 1
            // Its state, and the number once this supervisor took it, on a line of their own.
            var detail = "     " + status(request, s)
            if let number = m.callbackNumbers[request.id] { detail += " · ✆ " + number.spoken }
            if r < m.height - 9 {
                grid.put(detail, row: r, column: 0, style: m.callbackNumbers[request.id] == nil ? .dim : .bold, maxWidth: m.width - 1)
                r += 1
            }
        }
        // Requests that do not fit: said, never silently dropped (the oldest are shown first).
        if shown < m.snapshot.callbacks.count {
            grid.put("   " + s.format("board.callbacks.more", "\(m.snapshot.callbacks.count - shown)"), row: r, column: 0, style: .warn,
                     maxWidth: m.width - 1)
            r += 1
        }
        return r
    }
}
