import EcouteCore

/// The directory screen: the search line, the filters, then the results or one entry's details.
enum DirectoryView {
    static func draw(_ model: AppModel, _ browser: DirectoryBrowser, _ area: Layout.Area, into grid: inout Grid) {
        let s = model.strings
        var r = area.top
        grid.put(" " + title(model, browser), row: r, column: 0, style: .bold, maxWidth: grid.width - 1)
        r += 1
        let searchLabel = " " + s["directory.search"] + " "
        let column = grid.put(searchLabel, row: r, column: 0, style: .bold)
        TextFieldView.drawLine(browser.searchField, into: &grid, row: r, column: column, width: grid.width - column - 23, endGlyph: " ")
        let count = countText(browser, s)
        grid.put(count, row: r, column: grid.width - count.count - 1, style: .dim)
        r += 1
        grid.put(" " + filters(model, browser), row: r, column: 0, style: .dim, maxWidth: grid.width - 1)
        r += 1
        grid.put(String(repeating: "─", count: grid.width), row: r, column: 0, style: .dim)
        r += 1
        let rows = area.bottom - r + 1
        if browser.showingDetails, let entry = browser.selectedEntry {
            drawDetails(entry, model, top: r, rows: rows, into: &grid)
        } else if browser.results.isEmpty {
            if browser.isCurrent {
                grid.put(" " + s["directory.empty"], row: r, column: 0, style: .warn)
            }
            Layout.putWrapped(&grid, s["directory.hint"], row: r + 2, column: 1, width: grid.width - 2, maxRows: 3, style: .dim)
        } else {
            drawList(browser, model, top: r, rows: rows, into: &grid)
        }
    }

    static func title(_ model: AppModel, _ browser: DirectoryBrowser) -> String {
        let s = model.strings
        switch browser.purpose {
        case .browse:
            return s["directory.title"]
        case .add:
            return s["directory.title.add"]
        case .replace(let index):
            guard let referral = model.draft?.referrals[safe: index] else { return s["directory.title.add"] }
            return s.format("directory.title.replace", referral.name, s["kind.\(referral.kind.rawValue)"])
        }
    }

    static func countText(_ browser: DirectoryBrowser, _ s: Strings) -> String {
        guard browser.isCurrent else { return s["directory.searching"] }
        if browser.results.count >= DirectoryBrowser.resultLimit {
            return s.format("directory.countFirst", "\(browser.results.count)")
        }
        let count = s.plural("directory.count", browser.results.count)
        // Listed nearest first, reaching beyond the département: said, so no one reads the list
        // as the département's own.
        if let departement = browser.query.departement, DirectoryLookup.isNearestFirst(browser.query),
           browser.results.contains(where: { $0.departement != departement }) {
            return count + " · " + s.format("directory.widened", departement)
        }
        return count
    }

    static func filters(_ model: AppModel, _ browser: DirectoryBrowser) -> String {
        let s = model.strings
        let kind = browser.query.kind.map { s["kind.\($0.rawValue)"] } ?? s["directory.allKinds"]
        let place = browser.query.departement.flatMap { model.geography.departement($0) }.map { "\($0.code) \($0.name)" }
            ?? s["directory.allFrance"]
        let filters = s.format("directory.filters", kind, place)
        return browser.query.teleconsultationOnly ? filters + " · " + s["directory.teleOnly"] : filters
    }

    static func drawList(_ browser: DirectoryBrowser, _ model: AppModel, top: Int, rows: Int, into grid: inout Grid) {
        let s = model.strings
        // Keep the selection in view: scroll by whole pages.
        let first = ListCursor.pageStart(selected: browser.selected, rows: rows)
        for (i, entry) in browser.results.enumerated().dropFirst(first).prefix(rows) {
            let row = top + i - first
            let selected = i == browser.selected
            let kind = Layout.padded(s["kind.\(entry.kind.rawValue).short"], 13)
            let tele = entry.teleconsultation ? " · " + s["directory.tele"] : ""
            let beds = entry.capacity.map { " · " + s.format("directory.beds", "\($0)") } ?? ""
            let nameWidth = 28
            let name = Layout.padded(entry.name, nameWidth)
            let tail = (entry.isSample ? s["directory.fictitious"] + " · " : "") + entry.contactLine
                + " · " + Labels.opening(entry.openingHours, departement: entry.departement, at: model.now, s)
                + tele + beds
            let style: TextStyle = selected ? .reverse : .normal
            // The columns before the contact are exactly this wide: each piece is put in its place
            // and only the rest is fitted, instead of measuring the whole line again (a frame per
            // key typed in the search). The same cells as the whole line padded to the width.
            let tailColumn = 2 + 13 + 1 + nameWidth + 1
            guard grid.width > tailColumn else {
                let line = (selected ? "▸ " : "  ") + kind + " " + name + " " + tail
                grid.put(Layout.padded(line, grid.width), row: row, column: 0, style: style)
                continue
            }
            if selected { grid.put(String(repeating: " ", count: grid.width), row: row, column: 0, style: style) }
            grid.put(selected ? "▸ " : "  ", row: row, column: 0, style: style)
            grid.put(kind, row: row, column: 2, style: style)
            grid.put(name, row: row, column: 2 + 13 + 1, style: style)
            grid.put(DisplayWidth.fit(tail, grid.width - tailColumn), row: row, column: tailColumn, style: style)
        }
    }

    /// « (ouvert) », « (ouvre lun. 9h) » after hours that could be read; nothing otherwise.
    static func openingNow(_ e: DirectoryEntry, _ model: AppModel) -> String {
        Labels.openingStatus(e.openingHours, departement: e.departement, at: model.now, model.strings).map { " (\($0))" } ?? ""
    }

    static func drawDetails(_ e: DirectoryEntry, _ model: AppModel, top: Int, rows: Int, into grid: inout Grid) {
        let s = model.strings
        let place = [e.postcode, e.city].filter { !$0.isEmpty }.joined(separator: " ")
        let departement = e.departement.flatMap { model.geography.departement($0) }.map { "\($0.code) \($0.name)" }
            ?? s["directory.national"]
        var fields: [(String, String)] = [
            ("directory.field.kind", s["kind.\(e.kind.rawValue)"] + (e.isSample ? " " + s["directory.fictitious"] : "")),
            ("directory.field.name", e.name),
            ("directory.field.organisation", e.organisation),
            ("directory.field.address", [e.address, place].filter { !$0.isEmpty }.joined(separator: ", ")),
            ("directory.field.departement", departement),
            ("directory.field.phones", e.phones.joined(separator: " · ")),
            ("directory.field.email", e.email),
            ("directory.field.website", e.website),
            ("directory.field.teleconsultation", e.teleconsultation ? s["yes"] : s["no"]),
            ("directory.field.languages", e.languages.joined(separator: ", ")),
            ("directory.field.specialities", e.specialities.map { s.keys.contains("speciality.\($0)") ? s["speciality.\($0)"] : $0 }
                .joined(separator: ", ")),
            ("directory.field.openingHours", e.openingHours + openingNow(e, model)),
        ]
        if let capacity = e.capacity { fields.append(("directory.field.capacity", "\(capacity)")) }
        fields.append(("directory.field.verified", [e.lastVerified ?? s["directory.neverVerified"], e.source].joined(separator: " · ")))
        if let near = model.draft?.profile.departement, model.geography.departement(near) != nil {
            let tier = ReferralTier.of(e, near: near, geography: model.geography)
            fields.append(("directory.field.distance", s["tier.\(tier.rawValue)"]))
        }
        let labelWidth = 18
        var r = top
        for (key, value) in fields where !value.isEmpty && r < top + rows {
            grid.put(" " + Layout.padded(s[key], labelWidth - 1), row: r, column: 0, style: .bold)
            r += Layout.putWrapped(&grid, value, row: r, column: labelWidth + 1, width: grid.width - labelWidth - 2,
                                   maxRows: top + rows - r)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
