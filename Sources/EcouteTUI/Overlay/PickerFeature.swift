import EcouteCore

/// A picker as a feature: arrows move, typing filters, Enter chooses, Esc closes. Its state is the
/// picker on screen (nil: none); what a choice does is the screen's (`chosen`).
public enum PickerFeature: Feature {
    public typealias State = Picker?

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// Pasted text goes into the filter.
        case paste(String)
    }

    /// The geography, which filters département pickers by code and name.
    public typealias Context = Geography

    public enum Outcome: Equatable, Sendable {
        /// The item chosen (the picker closed).
        case chosen(PickerPurpose, id: String)
    }

    public static func update(_ state: inout Picker?, _ event: Event, _ geography: Geography) -> [Outcome] {
        guard var picker = state else { return [] }
        switch event {
        case .paste(let text):
            picker.filterField.apply(.insert(text))
            picker.selected = 0
        case .key(let key):
            switch OverlayKeymap.picker.action(for: key) {
            case .cancel?:
                state = nil
                return []
            case .move(let move)?:
                picker.selected = ListCursor.moved(picker.selected, move, count: picker.visibleItems(geography: geography).count)
            case .confirm?:
                let visible = picker.visibleItems(geography: geography)
                guard visible.indices.contains(picker.selected) else { return [] }
                state = nil
                return [.chosen(picker.purpose, id: visible[picker.selected].id)]
            case .editFlagged?, nil:
                if picker.filterField.handle(key)?.changed == true { picker.selected = 0 }
            }
        }
        state = picker
        return []
    }
}
