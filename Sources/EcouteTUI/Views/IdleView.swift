import EcouteCore

/// Waiting for a call.
enum IdleView {
    static func draw(_ model: AppModel, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        let mid = area.top + max(1, area.rows / 2 - 3)
        grid.put(Layout.centered(s["idle.title"], width: grid.width), row: mid, column: 0, style: .bold)
        grid.put(Layout.centered(s["idle.pickUp"], width: grid.width), row: mid + 2, column: 0)
        grid.put(Layout.centered(s["idle.reminder"], width: grid.width), row: mid + 4, column: 0, style: .dim)
        let average = model.lineAverage.map(Formatting.duration) ?? "--:--"
        grid.put(Layout.centered(s.format("idle.average", average), width: grid.width), row: mid + 5, column: 0, style: .dim)
    }
}
