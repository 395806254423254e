import EcouteCore

/// The line a call came in on (`l`): on the idle screen, the line the console answers next; during
/// a call, a correction of the call's line. The caller picker (`p`) offers the line's categories
/// when it has its own.
extension AppUpdate {
    static func linePicker(_ model: AppModel) -> Picker {
        let s = model.strings
        let current = model.draft.map(\.lineID) ?? model.line
        let items = model.lines.map { line in
            PickerItem(id: line.id, label: (line.id == current ? "● " : "  ") + line.name(s.language)
                           + (line.number.map { " · \($0)" } ?? ""))
        }
        var picker = Picker(purpose: .line, title: s["picker.line"], items: items)
        picker.selected = model.lines.firstIndex { $0.id == current } ?? 0
        return picker
    }

    static func chooseLine(_ model: inout AppModel, _ id: String) -> [AppEffect] {
        guard model.lines.contains(where: { $0.id == id }) else { return [] }
        guard model.draft != nil, model.session.phase != .idle else {
            model.line = id
            return []
        }
        return apply(&model, .setLine(id))
    }

    /// The caller picker of a line with its own categories.
    static func lineCategoryPicker(_ line: CallLine, _ s: Strings) -> Picker {
        Picker(purpose: .lineCategory, title: s["picker.caller"],
               items: line.categories.map { PickerItem(id: $0.id, label: $0.label(s.language)) } + [Pickers.none(s)])
    }

    static func chooseLineCategory(_ model: inout AppModel, _ id: String) -> [AppEffect] {
        guard var profile = model.draft?.profile, let line = model.draft.flatMap({ model.callLine($0.lineID) }) else { return [] }
        if let category = line.category(id) {
            profile.setLineCategory(category)
        } else {
            profile.category = nil
            profile.profession = nil
            profile.lineCategory = nil
        }
        return apply(&model, .updateProfile(profile))
    }
}

extension AppModel {
    /// A line of the configuration by id; nil for a line it does not list (a call from another
    /// configuration).
    public func callLine(_ id: String) -> CallLine? { lines.first { $0.id == id } }

    /// What the header names: the call's line, or the one the console answers next.
    public var shownLine: String {
        let id = draft.map(\.lineID) ?? line
        return callLine(id)?.short ?? id
    }
}
