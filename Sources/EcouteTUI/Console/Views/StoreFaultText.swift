import EcouteCore

/// A store's error in the user's language (`StoreFault`); the store's own words only when no kind fits.
enum StoreFaultText {
    static func describe(_ reason: String, _ s: Strings) -> String {
        let kind = StoreFault.of(reason)
        return kind == .other ? s.format("fault.other", reason) : s["fault.\(kind.rawValue)"]
    }
}
