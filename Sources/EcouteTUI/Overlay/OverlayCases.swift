/// The overlay slot seen as each of its cases, so that a feature whose state is one kind of overlay
/// is scoped to it (a case path): reading gives the value when that overlay is open, writing a value
/// opens it, and writing nil closes that overlay only — never another one open meanwhile.
extension AppModel {
    var picker: Picker? {
        get { if case .picker(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.picker), isOpen: picker != nil) }
    }

    var prompt: TextPrompt? {
        get { if case .textPrompt(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.textPrompt), isOpen: prompt != nil) }
    }

    var callbackForm: CallbackForm? {
        get { if case .callback(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.callback), isOpen: callbackForm != nil) }
    }

    var callerCodeForm: CallerCodeForm? {
        get { if case .callerCode(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.callerCode), isOpen: callerCodeForm != nil) }
    }

    var callerHistory: CallerHistoryPanel? {
        get { if case .callerHistory(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.callerHistory), isOpen: callerHistory != nil) }
    }

    var followUpForm: FollowUpForm? {
        get { if case .followUp(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.followUp), isOpen: followUpForm != nil) }
    }

    var assessmentPanel: AssessmentPanel? {
        get { if case .assessment(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.assessment), isOpen: assessmentPanel != nil) }
    }

    var handoffForm: HandoffForm? {
        get { if case .handoff(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.handoff), isOpen: handoffForm != nil) }
    }

    var notesField: TextField? {
        get { if case .notes(let value)? = overlay { value } else { nil } }
        set { setOverlay(newValue.map(Overlay.notes), isOpen: notesField != nil) }
    }

    /// Opens `new`, or closes the overlay when it is the case being written (`isOpen`).
    private mutating func setOverlay(_ new: Overlay?, isOpen: Bool) {
        if let new { overlay = new } else if isOpen { overlay = nil }
    }
}
