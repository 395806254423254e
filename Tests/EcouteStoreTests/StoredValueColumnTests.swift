import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// Reading stored values by their raw texts, with the texts already met remembered.
@Suite struct StoredValueColumnTests {
    /// Any text but those starting with « ? » is a value.
    struct Word: RawRepresentable, Equatable {
        var rawValue: String
        init?(rawValue: String) {
            guard !rawValue.hasPrefix("?") else { return nil }
            self.rawValue = rawValue
        }
    }

    /// Reads column 1 of `SELECT id, v FROM t` for every row of `texts`.
    func read(_ texts: [String?], _ body: (inout StoredValueColumn<Word>, SQLiteStatement) throws -> Void) throws {
        let queue = try DatabaseQueue()
        try queue.inDatabase { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            for (i, text) in texts.enumerated() { try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [i, text]) }
            let statement = try db.makeStatement(sql: "SELECT id, v FROM t ORDER BY id")
            let cursor = try Row.fetchCursor(statement)
            var column = StoredValueColumn<Word>(1, "v")
            while try cursor.next() != nil { try body(&column, statement.sqliteStatement) }
        }
    }

    @Test func everyRowReadsItsOwnValueBeyondWhatIsRemembered() throws {
        // Repeats, prefixes of one another, the empty text, accents, NULLs, and more distinct
        // texts than the column keeps.
        let base = ["", "gp", "g", "gpx", "é", "e", "psychologist"]
        let texts: [String?] = (0..<(3 * StoredValueColumn<Word>.capacity)).map { i in
            i % 9 == 0 ? nil : base[i % base.count] + (i % 4 == 0 ? "\(i)" : "")
        }
        var read: [String?] = []
        try self.read(texts) { column, s in read.append(try column.optional(s)?.rawValue) }
        #expect(read == texts)
    }

    @Test func anUnknownTextOrAMissingRequiredValueNamesTheColumn() throws {
        var errors: [String] = []
        try read(["gp", "?x", "gp", nil]) { column, s in
            do { _ = try column.required(s) } catch { errors.append("\(error)") }
        }
        #expect(errors == ["v: unknown stored value \"?x\"", "v: unknown stored value \"NULL\""])
    }
}
