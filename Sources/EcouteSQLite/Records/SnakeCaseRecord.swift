import Foundation
import Synchronization
import GRDB

/// A record whose Swift properties are camelCase and whose columns are snake_case.
package protocol SnakeCaseRecord: Codable, FetchableRecord, PersistableRecord {}

extension SnakeCaseRecord {
    /// Column names are converted once per name, not once per row: converting them on every row
    /// was a third of a report's time.
    package static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .custom(SnakeCaseKeys.key(forColumn:)) }
    package static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// The camelCase coding key of each snake_case column, remembered.
enum SnakeCaseKeys {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let cache = Mutex<[String: String]>([:])

    static func key(forColumn column: String) -> any CodingKey {
        if let known = cache.withLock({ $0[column] }) { return Key(stringValue: known) }
        let converted = camelCase(column)
        cache.withLock { $0[column] = converted }
        return Key(stringValue: converted)
    }

    /// "picked_up_at" → "pickedUpAt" (as GRDB's convertFromSnakeCase, for our column names).
    static func camelCase(_ column: String) -> String {
        let parts = column.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = parts.first else { return column }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
