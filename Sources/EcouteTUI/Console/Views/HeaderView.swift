import EcouteCore

/// The top bar: state, the call timer (with its 25-minute cue), the line's average, operator, time.
enum HeaderView {
    /// Fixed zones so nothing pushes anything else off: state (0–26), timer (27–43),
    /// the line's average (44–56), operator and clock on the right.
    static func draw(_ model: AppModel, into grid: inout Grid) {
        let s = model.strings
        grid.fillRow(0, style: .header)
        // The line the call came in on (or the console answers next) where the program's name was.
        grid.put(" \(model.shownLine) · " + s["phase.\(model.session.phase.rawValue)"], row: 0, column: 0, style: .header, maxWidth: 26)
        let right = "\(Layout.fit(model.operatorName, 16)) · \(Formatting.clock(model.now, timeZone: model.timeZone)) "
        grid.put(right, row: 0, column: grid.width - DisplayWidth.of(right), style: .header)
        if let draft = model.draft, model.session.phase != .idle {
            let elapsed = draft.elapsed(now: model.now)
            let over = elapsed >= AppModel.referenceDuration
            let cue = !over && elapsed >= AppModel.gentleCue
            let column = grid.put(" \(Formatting.duration(elapsed)) ", row: 0, column: 27, style: over ? .alert : .reverse)
            if over { grid.put(" " + s["header.over25"], row: 0, column: column, style: .header) }
            if cue { grid.put(" " + s["header.over20"], row: 0, column: column, style: .header) }
        }
        if let failure = model.writeFailure, failure.isAlarm(at: model.wallNow) {
            grid.put(" " + s["header.storeError"] + " ", row: 0, column: 44, style: .alert,
                     maxWidth: grid.width - DisplayWidth.of(right) - 45)
        } else {
            let average = model.lineAverage.map(Formatting.duration) ?? "--:--"
            grid.put(s.format("header.average", average), row: 0, column: 44, style: .header, maxWidth: 13)
        }
    }
}

/// The line above the key bar: the last refusal or confirmation.
enum MessageLine {
    static func draw(_ model: AppModel, into grid: inout Grid) {
        let row = grid.height - 2
        if let failure = model.writeFailure, !failure.isAlarm(at: model.wallNow) {
            // Busy for a moment: said, not alarmed; nothing claims it is saved.
            grid.put(" " + model.strings["message.writePending"], row: row, column: 0, style: .dim)
        } else if let failure = model.writeFailure {
            grid.put(" " + writeFailed(model, failure, width: grid.width - 2), row: row, column: 0, style: .alert, maxWidth: grid.width - 1)
            grid.fillRow(row, style: .alert)
        } else if let message = model.message {
            grid.put(" " + message.text, row: row, column: 0, style: message.style)
        } else if let error = model.readError {
            grid.put(" " + model.strings.format("message.readFailed", StoreFaultText.describe(error, model.strings)), row: row, column: 0, style: .warn)
        }
    }
}

extension MessageLine {
    /// What a refused write left, in the longest wording that fits: kept on this workstation or
    /// not (and since when), why, and when the next try is (« en cours » once its time has come:
    /// it waits for the write still in flight) — the next try left out first, then the time.
    static func writeFailed(_ model: AppModel, _ failure: WriteFailure, width: Int) -> String {
        let s = model.strings
        let seconds = Int(failure.retryAt.timeIntervalSince(model.wallNow).rounded(.up))
        let retry = seconds > 0 ? s.format("message.retryIn", "\(seconds)") : s["message.retrying"]
        let reason = StoreFaultText.describe(failure.reason, s)
        let since = Formatting.clock(failure.since, timeZone: model.timeZone)
        // Kept on this workstation, the call waits for the store without being lost.
        let keys = model.isKeptOnWorkstation
            ? ["message.writeFailedKept", "message.writeFailedKept.short", "message.writeFailedKept.shorter", "message.writeFailedKept.shortest"]
            : ["message.writeFailed", "message.writeFailed.short", "message.writeFailed.shortest"]
        let texts = keys.map { s.format($0, reason, retry, since) }
        return texts.first { DisplayWidth.of($0) <= width } ?? texts.last!
    }
}

/// The console's key bar: its keymap's.
enum ConsoleKeyBar {
    static func draw(_ model: AppModel, into grid: inout Grid) { KeyBarView.draw(ConsoleKeymap.current(model), model.strings, into: &grid) }
}

/// Shown instead of a garbled screen when the terminal is below 80×24.
/// Every screen (console, review, board) uses it below its minimum size.
enum TooSmallView {
    static func draw(_ model: AppModel, into grid: inout Grid) { draw(model.strings, into: &grid) }

    static func draw(_ s: Strings, into grid: inout Grid) {
        let lines = wrap(s.format("tooSmall", "\(grid.width)×\(grid.height)", "\(AppModel.minimumWidth)×\(AppModel.minimumHeight)"),
                         width: max(1, grid.width))
        for (i, line) in lines.enumerated() where i < grid.height {
            grid.put(line, row: i, column: 0, style: i == 0 ? .bold : .normal)
        }
    }

    /// Whether a grid is below the size every screen needs.
    static func applies(to grid: Grid) -> Bool { grid.width < AppModel.minimumWidth || grid.height < AppModel.minimumHeight }
}

/// The top bar of the review and the board: the program and screen on the left, who on the right.
enum TitleBar {
    static func draw(_ title: String, right: String, into grid: inout Grid) {
        grid.fillRow(0, style: .header)
        grid.put(" ecoute · " + title, row: 0, column: 0, style: .header)
        grid.put(right, row: 0, column: grid.width - DisplayWidth.of(right), style: .header)
    }
}
