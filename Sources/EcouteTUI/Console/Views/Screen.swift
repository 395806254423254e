import EcouteCore

/// Draws the whole console for a model: header, the current screen, message line, key bar, and
/// any overlay on top.
public enum Screen {
    public static func render(_ model: AppModel) -> Grid {
        var grid = Grid(width: model.width, height: model.height)
        if model.isTooSmall {
            TooSmallView.draw(model, into: &grid)
            return grid
        }
        HeaderView.draw(model, into: &grid)
        var top = 1
        if let banner = model.banner {
            grid.fillRow(1, style: .alert)
            grid.put(Layout.centered(banner, width: grid.width), row: 1, column: 0, style: .alert)
            if let demo = model.demo {
                let clock = " " + (demo.clock.isPaused ? model.strings["demo.paused"] + " · " : "")
                    + model.strings.format("demo.speed", "\(demo.clock.speed)") + " "
                grid.put(clock, row: 1, column: grid.width - DisplayWidth.of(clock), style: .alert)
            }
            top = 2
        }
        // An alert nobody took in time: on every console, above everything but the header.
        if let alert = model.escalatedAlerts.first {
            let s = model.strings
            let waited = Formatting.duration(model.wallNow.timeIntervalSince(alert.raisedAt))
            grid.fillRow(top, style: .alert)
            grid.put(" " + s.format("alert.escalated", waited, alert.operatorName, alert.departement ?? "—", "\(alert.level.rawValue)"),
                     row: top, column: 0, style: .alert, maxWidth: grid.width - 1)
            top += 1
        }
        let area = Layout.Area(top: top, bottom: grid.height - 3, width: grid.width)
        if let browser = model.directory {
            DirectoryView.draw(model, browser, area, into: &grid)
        } else {
            drawSession(model, area, into: &grid)
        }
        MessageLine.draw(model, into: &grid)
        ConsoleKeyBar.draw(model, into: &grid)
        switch model.overlay {
        case .help: HelpView.draw(model, into: &grid)
        case .confirmQuit: ConfirmQuitView.draw(model, into: &grid)
        case .picker(let picker): PickerView.draw(model, picker, into: &grid)
        case .notes(let field): NotesEditorView.draw(model, field, into: &grid)
        case .textPrompt(let prompt): TextPromptView.draw(model, prompt, into: &grid)
        case .confirmIdentifying(let concerns): ConfirmIdentifyingView.draw(model, concerns, into: &grid)
        case .assessment(let panel): AssessmentPanelView.draw(model, panel, into: &grid)
        case .callback(let form): CallbackFormView.draw(model, form, into: &grid)
        case .callerCode(let form): CallerCodeView.drawForm(model, form, into: &grid)
        case .callerHistory(let panel): CallerCodeView.drawHistory(model, panel, into: &grid)
        case .followUp(let form): FollowUpFormView.draw(model, form, into: &grid)
        case .handoff(let form): HandoffView.drawForm(model, form, into: &grid)
        case nil: break
        }
        return grid
    }

    static func drawSession(_ model: AppModel, _ area: Layout.Area, into grid: inout Grid) {
        var area = area
        if let demo = model.demo {
            switch model.session {
            case .idle:
                DemoIdleView.draw(model, demo, area, into: &grid)
                return
            case .saved:
                if let debrief = demo.debrief {
                    DebriefView.draw(model, debrief, area, into: &grid)
                    return
                }
            case .call(let d) where [.inCall, .dropped, .emergency].contains(d.phase):
                if let scenario = demo.scenario {
                    area.bottom -= TranscriptView.rows
                    TranscriptView.draw(model, d, scenario, top: area.bottom + 1, into: &grid)
                }
            default:
                break
            }
        }
        switch model.session {
        case .idle: IdleView.draw(model, area, into: &grid)
        case .interrupted(let d): InterruptedView.draw(model, d, area, into: &grid)
        case .saved(let d): SavedView.draw(model, d, area, into: &grid)
        case .call(let d):
            switch d.phase {
            case .inCall: CallView.draw(model, d, area, into: &grid)
            case .dropped: DroppedView.draw(model, d, area, into: &grid)
            case .emergency: EmergencyView.draw(model, d, area, into: &grid)
            case .wrapUp, .saved, .closed: WrapUpView.draw(model, d, area, into: &grid)
            }
        }
    }
}

/// Geometry helpers shared by the views.
enum Layout {
    /// The rows between the header and the message line.
    struct Area {
        var top: Int
        var bottom: Int
        var width: Int
        var rows: Int { bottom - top + 1 }
    }

    static func centered(_ text: String, width: Int) -> String {
        let pad = max(0, (width - DisplayWidth.of(text)) / 2)
        return String(repeating: " ", count: pad) + text
    }

    /// Text cut to `width` with an ellipsis when it does not fit.
    static func fit(_ text: String, _ width: Int) -> String { DisplayWidth.fit(text, width) }

    /// Writes text wrapped to `width`, at most `maxRows` rows, the last ending in « … » when text
    /// is left over; returns the number of rows used.
    @discardableResult
    static func putWrapped(_ grid: inout Grid, _ text: String, row: Int, column: Int, width: Int, maxRows: Int,
                           style: TextStyle = .normal) -> Int {
        let all = wrap(text, width: width)
        var lines = Array(all.prefix(maxRows))
        if all.count > lines.count, let last = lines.indices.last {
            lines[last] = DisplayWidth.fit(lines[last] + " " + all[lines.count], width)
        }
        for (i, line) in lines.enumerated() { grid.put(line, row: row + i, column: column, style: style) }
        return lines.count
    }

    static func padded(_ text: String, _ width: Int) -> String { DisplayWidth.padded(text, width) }

    /// Draws a framed box and returns its inner area's first row and column.
    @discardableResult
    static func box(_ grid: inout Grid, top: Int, left: Int, width: Int, height: Int, title: String) -> (Int, Int) {
        let inner = max(0, width - 2)
        grid.put("┌" + String(repeating: "─", count: inner) + "┐", row: top, column: left)
        grid.put(" \(fit(title, inner - 2)) ", row: top, column: left + 2, style: .bold)
        for r in (top + 1)..<(top + height - 1) {
            grid.put("│" + String(repeating: " ", count: inner) + "│", row: r, column: left)
        }
        grid.put("└" + String(repeating: "─", count: inner) + "┘", row: top + height - 1, column: left)
        return (top + 1, left + 2)
    }
}
