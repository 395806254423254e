import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The directory list is drawn piece by piece (a frame per key typed in the search): the same
/// cells as each row's whole line padded to the width, as it was drawn before.
@Suite struct DirectoryListDrawingTests {
    typealias F = TUIFixtures

    /// Each row as one line, fitted and padded to the width, in one put.
    static func wholeLines(_ browser: DirectoryBrowser, _ model: AppModel, width: Int, rows: Int) -> Grid {
        var grid = Grid(width: width, height: rows)
        let s = model.strings
        let first = ListCursor.pageStart(selected: browser.selected, rows: rows)
        for (i, entry) in browser.results.enumerated().dropFirst(first).prefix(rows) {
            let selected = i == browser.selected
            let kind = Layout.padded(s["kind.\(entry.kind.rawValue).short"], 13)
            let tele = entry.teleconsultation ? " · " + s["directory.tele"] : ""
            let beds = entry.capacity.map { " · " + s.format("directory.beds", "\($0)") } ?? ""
            let line = (selected ? "▸ " : "  ") + kind + " " + Layout.padded(entry.name, 28) + " "
                + (entry.isSample ? s["directory.fictitious"] + " · " : "") + entry.contactLine
                + " · " + Labels.opening(entry.openingHours, departement: entry.departement, at: model.now, s)
                + tele + beds
            grid.put(Layout.padded(line, grid.width), row: i - first, column: 0, style: selected ? .reverse : .normal)
        }
        return grid
    }

    @Test func sampleEntriesAreMarkedFictitiousAndRealOnesAreNot() {
        for language in [Language.fr, .en] {
            var model = F.model(.idle, language)
            var browser = DirectoryBrowser(purpose: .browse, query: DirectoryQuery(text: "x"))
            var real = F.directoryEntries[1]
            real.source = "rpps"
            browser.results = [F.directoryEntries[1], real]
            browser.isCurrent = true
            model.directory = browser
            var grid = Grid(width: 100, height: 2)
            DirectoryView.drawList(browser, model, top: 0, rows: 2, into: &grid)
            let mark = model.strings["directory.fictitious"]
            #expect(grid.row(0).contains(mark) && !grid.row(1).contains(mark), "\(language)")
        }
    }

    @Test func piecesDrawWhatTheWholeLineDrew() {
        let names = ["Dr Paul Garnier", "Centre médico-psychologique de la Lozère et des Causses réunis", "李小龍 診療所 心理諮詢中心 北京",
                     "Zoë 🧑🏽‍⚕️ écoute", "e\u{301}cole de psychologie appliquée — antenne de Mende", "", "A"]
        let cities = ["Mende", "Saint-Chély-d'Apcher-sur-Truyère-et-environs", "", "東京"]
        var entries: [DirectoryEntry] = []
        for (i, name) in names.enumerated() {
            var e = F.directoryEntries[i % F.directoryEntries.count]
            e.name = name
            e.city = cities[i % cities.count]
            e.phones = i % 3 == 0 ? [] : ["04 65 71 20 2\(i)"]
            e.teleconsultation = i % 2 == 0
            e.capacity = i % 4 == 1 ? 24 : nil
            entries.append(e)
        }
        for language in [Language.fr, .en] {
            for width in [30, 45, 46, 47, 60, 80, 100, 160] {
                for selected in [0, 2, 5] {
                    var model = F.model(.idle, language)
                    var browser = DirectoryBrowser(purpose: .browse, query: DirectoryQuery(text: "x"))
                    browser.results = entries
                    browser.selected = selected
                    browser.isCurrent = true
                    model.directory = browser
                    var grid = Grid(width: width, height: entries.count)
                    DirectoryView.drawList(browser, model, top: 0, rows: entries.count, into: &grid)
                    #expect(grid == Self.wholeLines(browser, model, width: width, rows: entries.count),
                            "\(language) width \(width) selected \(selected)")
                }
            }
        }
    }
}
