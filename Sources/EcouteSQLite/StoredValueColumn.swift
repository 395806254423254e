import Foundation
import GRDB
import GRDBSQLite

/// One column of stored enum values (`phase`, `profession`, `kind`…) read row after row: the
/// raw texts already met are kept with the value each stood for, so a repeated one — nearly
/// every row of a report — costs a byte comparison, not a String and a lookup by raw value.
/// An unknown text throws, naming the column, as `SQLiteCallStream.Column.value` does, or reads
/// as nil (`known`).
struct StoredValueColumn<Value: RawRepresentable> where Value.RawValue == String {
    let index: Int32
    let name: String
    /// The texts met so far and their values; a column has a handful (professions: a few dozen).
    private var known: [(raw: [UInt8], value: Value)] = []
    static var capacity: Int { 64 }

    init(_ index: Int32, _ name: String) {
        self.index = index
        self.name = name
    }

    mutating func optional(_ s: SQLiteStatement) throws -> Value? {
        guard sqlite3_column_type(s, index) != SQLITE_NULL, let text = sqlite3_column_text(s, index) else { return nil }
        let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, index)))
        for entry in known where entry.raw.count == bytes.count {
            if bytes.isEmpty || entry.raw.withUnsafeBufferPointer({ memcmp($0.baseAddress!, text, bytes.count) == 0 }) { return entry.value }
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        guard let value = Value(rawValue: raw) else { throw StoredValueUnknown(column: name, value: raw) }
        if known.count < Self.capacity { known.append((Array(bytes), value)) }
        return value
    }

    /// The value, or nil when the text is none this version knows (`StoredVocabulary`: counted by
    /// `check`, shown as unknown).
    mutating func known(_ s: SQLiteStatement) -> Value? {
        do { return try optional(s) } catch { return nil }
    }

    mutating func required(_ s: SQLiteStatement) throws -> Value {
        guard let value = try optional(s) else { throw StoredValueUnknown(column: name, value: "NULL") }
        return value
    }
}
