import EcouteCore

/// The directory screen's part of the update: typing searches, keys move and filter, and at
/// wrap-up the entry picked replaces or joins the call's referrals.
enum DirectoryUpdate {
    /// Opens the directory: at wrap-up on the selected referral (same kind, caller's département),
    /// elsewhere for a look-up near the caller if a call is on.
    static func open(_ model: inout AppModel) -> [AppEffect] {
        let draft = model.draft
        var query = DirectoryQuery(departement: draft?.profile.departement)
        var purpose = DirectoryPurpose.browse
        if model.session.phase == .wrapUp, let draft {
            if draft.referrals.indices.contains(model.selectedReferral) {
                purpose = .replace(index: model.selectedReferral)
                query.kind = draft.referrals[model.selectedReferral].kind
            } else {
                purpose = .add
            }
        }
        model.directory = DirectoryBrowser(purpose: purpose, query: query)
        return search(model)
    }

    static func search(_ model: AppModel) -> [AppEffect] {
        guard let browser = model.directory else { return [] }
        return [.searchDirectory(browser.query, limit: DirectoryBrowser.resultLimit)]
    }

    /// Results for a query; an answer to an older query (typing ran ahead) is dropped.
    static func results(_ model: inout AppModel, _ query: DirectoryQuery, _ entries: [DirectoryEntry]) {
        guard var browser = model.directory, browser.query == query else { return }
        let previous = browser.selectedEntry?.id
        browser.results = entries
        browser.isCurrent = true
        browser.selected = entries.firstIndex { $0.id != nil && $0.id == previous } ?? 0
        model.directory = browser
    }

    /// A key of the directory's keymap does its action; any other goes to the search field.
    static func handleKey(_ model: inout AppModel, _ browser: DirectoryBrowser, _ key: Key) -> [AppEffect] {
        if let action = DirectoryKeymap.keymap(browser, phase: model.session.phase).action(for: key) {
            return perform(&model, action)
        }
        guard let edit = TextFieldKeymap.edit(for: key) else {
            model.message = StatusMessage(text: model.strings["message.unknownKey"], style: .dim)
            return []
        }
        return search(&model, browser, edit)
    }

    /// Pasted text goes into the search, at the cursor.
    static func paste(_ model: inout AppModel, _ text: String) -> [AppEffect] {
        guard let browser = model.directory else { return [] }
        return search(&model, browser, .insert(text))
    }

    /// An edit of the search: a new search when the text changed.
    static func search(_ model: inout AppModel, _ browser: DirectoryBrowser, _ edit: TextFieldEdit) -> [AppEffect] {
        var browser = browser
        guard browser.searchField.apply(edit).changed else {
            model.directory = browser
            return []
        }
        browser.query.text = browser.searchField.text
        return requery(&model, browser)
    }

    static func requery(_ model: inout AppModel, _ browser: DirectoryBrowser) -> [AppEffect] {
        var browser = browser
        browser.isCurrent = false
        browser.showingDetails = false
        model.directory = browser
        return search(model)
    }

    static func perform(_ model: inout AppModel, _ action: Action) -> [AppEffect] {
        guard var browser = model.directory else { return [] }
        let s = model.strings
        switch action {
        case .help:
            model.overlay = .help
        case .closeDirectory:
            if browser.showingDetails {
                browser.showingDetails = false
                model.directory = browser
            } else {
                model.directory = nil
            }
        case .directoryMove(let delta):
            browser.move(delta)
            model.directory = browser
        case .directoryDetails:
            guard browser.selectedEntry != nil else { return [] }
            browser.showingDetails.toggle()
            model.directory = browser
        case .directoryChoose:
            return use(&model, browser, replacing: { if case .replace(let i) = browser.purpose { return i } else { return nil } }())
        case .directoryAdd:
            return use(&model, browser, replacing: nil)
        case .directoryKind:
            model.overlay = .picker(Pickers.directoryKind(s))
        case .directoryDepartement:
            model.overlay = .picker(Pickers.directoryDepartement(s, model.geography))
        case .directoryTeleconsultation:
            browser.query.teleconsultationOnly.toggle()
            return requery(&model, browser)
        case .directoryEmergency:
            model.directory = nil
            return AppUpdate.perform(&model, .openEmergency)
        default:
            return []
        }
        return []
    }

    /// The selected entry becomes a referral of the call (replacing one, or added).
    static func use(_ model: inout AppModel, _ browser: DirectoryBrowser, replacing: Int?) -> [AppEffect] {
        guard let entry = browser.selectedEntry else {
            model.message = StatusMessage(text: model.strings["directory.nothingSelected"], style: .warn)
            return []
        }
        guard model.session.phase == .wrapUp else { return [] }
        if let id = entry.id, model.draft?.referrals.enumerated().contains(where: { $0.offset != replacing && $0.element.entryID == id }) == true {
            model.message = StatusMessage(text: model.strings["directory.alreadyGiven"], style: .warn)
            return []
        }
        let tier = ReferralTier.of(entry, near: model.draft?.profile.departement, geography: model.geography)
        let referral = ReferralProposer.referral(RankedEntry(entry: entry, tier: tier))
        model.remember([entry])   // whether it is open, at wrap-up
        let effects: [AppEffect]
        if let replacing {
            effects = AppUpdate.apply(&model, .replaceReferral(index: replacing, referral))
        } else {
            effects = AppUpdate.apply(&model, .addReferral(referral))
            model.selectedReferral = ListCursor.last(count: model.draft?.referrals.count ?? 0)
        }
        if !effects.isEmpty {
            model.directory = nil
            model.message = StatusMessage(text: model.strings.format("directory.used", entry.name), style: .ok)
        }
        return effects
    }

    /// A filter chosen in a picker over the directory screen.
    static func chooseFilter(_ model: inout AppModel, _ purpose: PickerPurpose, _ id: String) -> [AppEffect] {
        guard var browser = model.directory else { return [] }
        switch purpose {
        case .directoryKind: browser.query.kind = ReferralKind(rawValue: id)
        case .directoryDepartement: browser.query.departement = model.geography.departement(id)?.code
        default: return []
        }
        return requery(&model, browser)
    }
}
