/// A value in the database that this version does not know (written by a newer one, or by hand),
/// on either engine.
package struct StoredValueUnknown: Error, CustomStringConvertible {
    package var column: String
    package var value: String
    package var description: String { "\(column): unknown stored value \"\(value)\"" }

    package init(column: String, value: String) { (self.column, self.value) = (column, value) }
}
