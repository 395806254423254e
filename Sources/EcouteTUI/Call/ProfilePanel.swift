import EcouteCore

/// The caller's anonymous profile as labelled rows, with the key that edits each field.
enum ProfilePanel {
    static func values(_ profile: CallerProfile, _ model: AppModel) -> [(key: String, label: String, value: String?)] {
        let s = model.strings
        return [
            ("p", s["field.caller"], callerText(profile, model)),
            ("s", s["field.status"], profile.status.map { s["status.\($0.rawValue)"] }),
            ("e", s["field.sector"], profile.sector.map { s["sector.\($0.rawValue)"] }),
            ("d", s["field.departement"], profile.departement.map { code in
                "\(code) " + (model.geography.departement(code)?.name ?? "")
            }),
            ("r", s["field.repeat"], profile.isRepeatCaller.map { s[$0 ? "repeat.yes" : "repeat.no"] }),
        ]
    }

    static func callerText(_ p: CallerProfile, _ model: AppModel) -> String? {
        if let id = p.lineCategory {
            return model.draft.flatMap { model.callLine($0.lineID)?.category(id)?.label(model.strings.language) } ?? id
        }
        return callerText(p, model.strings)
    }

    static func callerText(_ p: CallerProfile, _ s: Strings) -> String? {
        guard let category = p.category else { return nil }
        switch category {
        case .professional: return p.profession.map { s["profession.\($0.rawValue)"] } ?? s["category.professional"]
        case .student:
            return p.profession.map { s.format("category.studentOf", s["profession.\($0.rawValue)"]) } ?? s["category.student"]
        case .family:
            return p.profession.map { s.format("category.familyOf", s["profession.\($0.rawValue)"]) } ?? s["category.family"]
        case .other: return s["category.\(category.rawValue)"]
        }
    }

    /// Draws the fields from `row`; returns the next free row.
    @discardableResult
    static func draw(_ profile: CallerProfile, _ model: AppModel, row: Int, into grid: inout Grid) -> Int {
        var r = row
        for field in values(profile, model) {
            grid.put("[\(field.key)]", row: r, column: 3, style: .bold)
            grid.put(field.label, row: r, column: 8)
            grid.put(field.value ?? model.strings["field.unset"], row: r, column: 26,
                     style: field.value == nil ? .dim : .normal, maxWidth: grid.width - 28)
            r += 1
        }
        return r
    }

    /// One line: "Infirmier · salarié · hôpital · 69 · premier appel".
    static func summary(_ profile: CallerProfile, _ model: AppModel) -> String {
        let parts = values(profile, model).compactMap(\.value)
        return parts.isEmpty ? model.strings["field.profileEmpty"] : parts.joined(separator: " · ")
    }
}

/// The notes and the reminder not to write identifying details.
enum NotesPanel {
    static func draw(_ draft: CallDraft, _ model: AppModel, row: Int, maxRows: Int, into grid: inout Grid) -> Int {
        let s = model.strings
        grid.put("[n]", row: row, column: 3, style: .bold)
        grid.put(s["field.notes"], row: row, column: 8)
        grid.put(s["notes.reminder"], row: row, column: 26, style: .warn, maxWidth: grid.width - 27)
        var r = row + 1
        let concerns = NotesPolicy.concerns(in: draft.notes)
        if !concerns.isEmpty {
            let list = Labels.concerns(concerns, s)
            grid.put(s.format("notes.looksIdentifying", list), row: r, column: 8, style: .alert, maxWidth: grid.width - 9)
            r += 1
        }
        let lines = draft.notes.isEmpty ? [s["notes.empty"]] : wrap(draft.notes, width: grid.width - 10)
        for line in lines.suffix(max(1, maxRows - (r - row))) {
            grid.put(line, row: r, column: 8, style: draft.notes.isEmpty ? .dim : .normal)
            r += 1
        }
        return r
    }
}
