import EcouteCore

/// The directory screen as a feature: typing searches, keys move and filter, and at wrap-up the
/// entry picked is offered to the call (replacing a referral, or added). Its state is the browser,
/// nil while the screen is closed; the call's referrals are the console's to change.
public enum DirectoryFeature: Feature {
    public typealias State = DirectoryBrowser?

    public enum Event: Equatable, Sendable {
        /// The screen opens on this browser (its purpose and first query decided by the console).
        case open(DirectoryBrowser)
        case key(Key)
        /// Pasted text goes into the search, at the cursor.
        case paste(String)
        /// One of the directory keymap's actions.
        case action(Action)
        /// Results for a query; an answer to an older query (typing ran ahead) is dropped.
        case results(DirectoryQuery, [DirectoryEntry])
        /// A filter chosen in a picker over the screen.
        case filterChosen(PickerPurpose, id: String)
        /// The console took the entry offered into the call: the screen closes.
        case used(DirectoryEntry)
    }

    /// What the directory reads of the console.
    public struct Context: Sendable {
        public var phase: SessionPhase
        public var strings: Strings
        public var geography: Geography
        /// The caller's département, for the entry's tier.
        public var callerDepartement: String?
        /// The directory entry of each of the call's referrals (nil: not from the directory).
        public var referralEntries: [Int64?]

        public init(phase: SessionPhase, strings: Strings, geography: Geography, callerDepartement: String?,
                    referralEntries: [Int64?]) {
            self.phase = phase
            self.strings = strings
            self.geography = geography
            self.callerDepartement = callerDepartement
            self.referralEntries = referralEntries
        }
    }

    public enum Outcome: Equatable, Sendable {
        case search(DirectoryQuery, limit: Int)
        case message(StatusMessage)
        case overlay(Overlay)
        /// The screen closed to open the emergency protocol.
        case openEmergency
        /// The entry picked, as a referral of the call: replacing the one at this index, or added.
        case use(DirectoryEntry, Referral, replacing: Int?)
    }

    public static func update(_ state: inout DirectoryBrowser?, _ event: Event, _ context: Context) -> [Outcome] {
        if case .open(let browser) = event {
            state = browser
            return [search(browser)]
        }
        guard var browser = state else { return [] }
        defer { if state != nil { state = browser } }
        switch event {
        case .open:
            return []
        case .key(let key):
            if let action = DirectoryKeymap.keymap(browser, phase: context.phase).action(for: key) {
                return perform(&browser, &state, action, context)
            }
            guard let edit = TextFieldKeymap.edit(for: key) else {
                return [.message(StatusMessage(text: context.strings["message.unknownKey"], style: .dim))]
            }
            return search(&browser, edit)
        case .paste(let text):
            return search(&browser, .insert(text))
        case .action(let action):
            return perform(&browser, &state, action, context)
        case .results(let query, let entries):
            guard browser.query == query else { return [] }
            let previous = browser.selectedEntry?.id
            browser.results = entries
            browser.isCurrent = true
            browser.selected = entries.firstIndex { $0.id != nil && $0.id == previous } ?? 0
            return []
        case .filterChosen(let purpose, let id):
            switch purpose {
            case .directoryKind: browser.query.kind = ReferralKind(rawValue: id)
            case .directoryDepartement: browser.query.departement = context.geography.departement(id)?.code
            default: return []
            }
            return [requery(&browser)]
        case .used(let entry):
            state = nil
            return [.message(StatusMessage(text: context.strings.format("directory.used", entry.name), style: .ok))]
        }
    }

    static func search(_ browser: DirectoryBrowser) -> Outcome {
        .search(browser.query, limit: DirectoryBrowser.resultLimit)
    }

    /// An edit of the search: a new search when the text changed.
    static func search(_ browser: inout DirectoryBrowser, _ edit: TextFieldEdit) -> [Outcome] {
        guard browser.searchField.apply(edit).changed else { return [] }
        browser.query.text = browser.searchField.text
        return [requery(&browser)]
    }

    static func requery(_ browser: inout DirectoryBrowser) -> Outcome {
        browser.isCurrent = false
        browser.showingDetails = false
        return search(browser)
    }

    static func perform(_ browser: inout DirectoryBrowser, _ state: inout DirectoryBrowser?, _ action: Action,
                        _ context: Context) -> [Outcome] {
        let s = context.strings
        switch action {
        case .help:
            return [.overlay(.help)]
        case .closeDirectory:
            if browser.showingDetails {
                browser.showingDetails = false
            } else {
                state = nil
            }
        case .directoryMove(let delta):
            browser.move(delta)
        case .directoryDetails:
            if browser.selectedEntry != nil { browser.showingDetails.toggle() }
        case .directoryChoose:
            if case .replace(let index) = browser.purpose { return use(browser, replacing: index, context) }
            return use(browser, replacing: nil, context)
        case .directoryAdd:
            return use(browser, replacing: nil, context)
        case .directoryKind:
            return [.overlay(.picker(Pickers.directoryKind(s)))]
        case .directoryDepartement:
            return [.overlay(.picker(Pickers.directoryDepartement(s, context.geography)))]
        case .directoryTeleconsultation:
            browser.query.teleconsultationOnly.toggle()
            return [requery(&browser)]
        case .directoryEmergency:
            state = nil
            return [.openEmergency]
        default:
            break
        }
        return []
    }

    /// The selected entry, offered to the call as a referral (replacing one, or added) at wrap-up.
    static func use(_ browser: DirectoryBrowser, replacing: Int?, _ context: Context) -> [Outcome] {
        guard let entry = browser.selectedEntry else {
            return [.message(StatusMessage(text: context.strings["directory.nothingSelected"], style: .warn))]
        }
        guard context.phase == .wrapUp else { return [] }
        if let id = entry.id, context.referralEntries.enumerated().contains(where: { $0.offset != replacing && $0.element == id }) {
            return [.message(StatusMessage(text: context.strings["directory.alreadyGiven"], style: .warn))]
        }
        let tier = ReferralTier.of(entry, near: context.callerDepartement, geography: context.geography)
        return [.use(entry, ReferralProposer.referral(RankedEntry(entry: entry, tier: tier)), replacing: replacing)]
    }
}
