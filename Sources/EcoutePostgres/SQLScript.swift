import Foundation

/// A script of several SQL statements, split into statements: PostgresNIO speaks only the
/// extended query protocol, which takes one statement at a time. Semicolons inside quotes
/// ('…', "…"), dollar quotes ($f$…$f$, $$…$$) and comments do not split.
enum SQLScript {
    /// `sql` with `old` replaced by `new`, for a migration that restates an earlier one's function
    /// with a change; `old` compared line by line with its indentation ignored, and it must be there.
    static func replacing(_ old: String, with new: String, in sql: String) -> String {
        let lines = sql.components(separatedBy: "\n")
        let oldLines = old.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for start in lines.indices where start + oldLines.count <= lines.count {
            let window = lines[start..<start + oldLines.count].map { $0.trimmingCharacters(in: .whitespaces) }
            guard window == oldLines else { continue }
            let indent = String(lines[start].prefix { $0 == " " })
            let replaced = new.components(separatedBy: "\n").map { $0.isEmpty ? $0 : indent + $0 }
            return (lines[..<start] + replaced + lines[(start + oldLines.count)...]).joined(separator: "\n")
        }
        preconditionFailure("a migration restates text that is not in the one it changes: \(oldLines.first ?? "")")
    }

    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var i = 0
        func flush() {
            let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
            current = ""
        }
        while i < characters.count {
            let c = characters[i]
            if c == "-", i + 1 < characters.count, characters[i + 1] == "-" {
                while i < characters.count, characters[i] != "\n" { i += 1 }
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c)
                i += 1
                while i < characters.count {
                    current.append(characters[i])
                    if characters[i] == c {
                        if i + 1 < characters.count, characters[i + 1] == c { current.append(c); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == "$", let tag = dollarTag(characters, at: i) {
                current.append(contentsOf: tag)
                i += tag.count
                while i < characters.count {
                    if characters[i] == "$", String(characters[i..<min(characters.count, i + tag.count)]) == tag {
                        current.append(contentsOf: tag)
                        i += tag.count
                        break
                    }
                    current.append(characters[i])
                    i += 1
                }
                continue
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c)
            i += 1
        }
        flush()
        return statements
    }

    /// `$tag$` or `$$` starting at `i` (a `$1` parameter is not one).
    private static func dollarTag(_ characters: [Character], at i: Int) -> String? {
        var j = i + 1
        while j < characters.count, characters[j].isLetter || characters[j] == "_" || (j > i + 1 && characters[j].isNumber) { j += 1 }
        guard j < characters.count, characters[j] == "$" else { return nil }
        return String(characters[i...j])
    }
}
