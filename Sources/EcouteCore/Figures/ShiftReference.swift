import Foundation

/// A shift named on the command line by its id or the start of it (the review lists the first
/// eight characters, `ecoute report shifts` the whole id).
public enum ShiftReference {
    /// How much of an id the review's list shows.
    public static let shortLength = 8

    public static func short(_ id: String) -> String { String(id.prefix(shortLength)) }

    /// A shift id no visible shift has, or that starts several of them.
    public struct Unresolved: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The one shift among `shifts` whose id is `text` or starts with it.
    public static func resolve(_ text: String, among shifts: [Shift]) throws -> Shift {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !wanted.isEmpty else { throw Unresolved(description: "an empty shift id") }
        if let exact = shifts.first(where: { $0.id.lowercased() == wanted }) { return exact }
        let matching = shifts.filter { $0.id.lowercased().hasPrefix(wanted) }
        switch matching.count {
        case 1: return matching[0]
        case 0: throw Unresolved(description: "no shift \(text) among the shifts you may see (ecoute report shifts lists them)")
        default:
            throw Unresolved(description: "\(text) starts \(matching.count) shifts (\(matching.map(\.id).joined(separator: ", "))): give more of the id")
        }
    }
}
