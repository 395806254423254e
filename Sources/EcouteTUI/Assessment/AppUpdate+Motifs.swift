import EcouteCore

/// The call's motifs (`m`): a picker of the line's motifs; choosing one adds it (the first is the
/// main one), choosing a chosen one takes it out; three at most.
extension AppUpdate {
    static func motifPicker(_ model: AppModel) -> Picker {
        let s = model.strings
        let chosen = model.draft?.motifs ?? []
        let items = model.motifList.map { motif in
            let mark = chosen.firstIndex(of: motif).map { "[\($0 + 1)] " } ?? "[ ] "
            return PickerItem(id: motif.rawValue, label: mark + s[motif.stringKey])
        }
        return Picker(purpose: .motif, title: s.format("picker.motif", "\(chosen.count)", "\(CallMotif.maximumPerCall)"), items: items)
    }

    static func chooseMotif(_ model: inout AppModel, _ id: String) -> [AppEffect] {
        guard let motif = CallMotif(rawValue: id), let draft = model.draft else { return [] }
        guard let motifs = CallMotif.toggled(motif, in: draft.motifs ?? []) else {
            model.message = StatusMessage(text: model.strings.format("motif.full", "\(CallMotif.maximumPerCall)"), style: .warn)
            return []
        }
        return apply(&model, .setMotifs(motifs))
    }
}
