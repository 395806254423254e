import EcouteCore

/// What a key does in one of the console's overlays — a picker, a text prompt, the notes, the
/// question about identifying text before a save; the keys no binding takes go to the overlay's
/// text field.
public enum OverlayAction: Equatable, Sendable {
    /// Enter: the choice, the text or the save as it stands.
    case confirm
    /// Esc: back, nothing chosen.
    case cancel
    /// The picker's selection.
    case move(ListCursor.Move)
    /// The identifying-text question: back to the text flagged, to change it.
    case editFlagged
}

/// The overlays' keys (their dispatch, and what the tests press).
public enum OverlayKeymap {
    typealias B = KeyBinding<OverlayAction>
    static let confirm = B([.enter], "Entrée", "overlay.key.confirm", .confirm)
    static let cancel = B([.escape], "Esc", "overlay.key.cancel", .cancel)

    /// A list filtered as one types.
    /// Home and End stay the filter's.
    public static let picker = Keymap<OverlayAction>([
        B(each: [(.up, .move(.by(-1))), (.down, .move(.by(1))), (.pageUp, .move(.by(-ListCursor.page))), (.pageDown, .move(.by(ListCursor.page)))],
          "↑↓", "overlay.key.move"),
        confirm, cancel,
    ])
    /// One line of text asked for (a reason, a note, a follow-up).
    public static let prompt = Keymap<OverlayAction>([confirm, cancel])
    /// The notes: Enter, Esc and F10 all close them (the notes are kept as typed either way).
    public static let notes = Keymap<OverlayAction>([B([.enter, .escape, .function(10)], "Entrée", "overlay.key.closeNotes", .confirm)])
    /// Identifying text found before a save: save anyway, change it, or go back.
    public static let identifying = Keymap<OverlayAction>([
        B([.enter], "Entrée", "overlay.key.saveAnyway", .confirm),
        B([.character("m"), .character("M"), .character("n")], "m", "overlay.key.editFlagged", .editFlagged),
        cancel,
    ])
}
