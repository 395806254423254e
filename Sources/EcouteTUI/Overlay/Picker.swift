import EcouteCore

/// One choice in a picker list.
public struct PickerItem: Equatable, Sendable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// What a picker chooses, so its answer goes to the right place.
public enum PickerPurpose: Equatable, Sendable {
    case caller
    case studentField
    /// A family member or close relation: the profession of the person concerned.
    case familyOf
    case status
    case sector
    case departement
    /// Level 5: where the caller is now (a département, or « inconnu »), to rank units near them.
    case callerLocation
    case referralKindToAdd
    /// A directory entry, to replace the referral at `replacing` or to add one.
    case alternative(replacing: Int?)
    /// A filter of the directory screen.
    case directoryKind
    case directoryDepartement
    /// Training mode: the scenario to play.
    case scenario
    /// Why a required kind was not given.
    case referralGap(ReferralKind)
    /// A protocol step not done, to explain.
    case skippedStep
    /// A motif of the call, added or taken out.
    case motif
    /// The line the console answers next, or the call's line corrected.
    case line
    /// Who calls, on a line with its own caller categories.
    case lineCategory
}

/// A list to choose from, filtered as the psychologist types.
public struct Picker: Equatable, Sendable {
    public var purpose: PickerPurpose
    public var title: String
    public var allItems: [PickerItem]
    /// What is typed to filter the list.
    public var filterField = TextField()
    public var filter: String {
        get { filterField.text }
        set { filterField.set(newValue) }
    }
    public var selected: Int = 0
    /// Custom filtering (départements match codes and name prefixes); default: folded substring.
    var departementSearch: Bool = false

    public init(purpose: PickerPurpose, title: String, items: [PickerItem], departementSearch: Bool = false) {
        self.purpose = purpose
        self.title = title
        self.allItems = items
        self.departementSearch = departementSearch
    }

    public func visibleItems(geography: Geography) -> [PickerItem] {
        guard !filter.isEmpty else { return allItems }
        let needle = TextFolding.fold(filter)
        let bySubstring = allItems.filter { TextFolding.fold($0.label).contains(needle) }
        guard departementSearch else { return bySubstring }
        // Codes and name prefixes first (geography's order), then other items such as "not given".
        let order = geography.search(filter).map(\.code)
        let byID = Dictionary(allItems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let codes = Set(order)
        return order.compactMap { byID[$0] } + bySubstring.filter { geography.departement($0.id) == nil && !codes.contains($0.id) }
    }
}
