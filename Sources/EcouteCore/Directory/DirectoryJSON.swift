import Foundation

/// The directory exchange format as JSON: an array of objects whose keys are the CSV columns
/// (docs/directory-format.md). Lists are JSON arrays, yes/no fields booleans, beds a number.
/// Export writes one entry per line, so an import problem's line number points at the entry.
public enum DirectoryJSON {
    // MARK: - Export

    public static func encode(_ entries: [DirectoryEntry]) -> String {
        guard !entries.isEmpty else { return "[]\n" }
        return "[\n" + entries.map { "  " + object($0) }.joined(separator: ",\n") + "\n]\n"
    }

    static func object(_ e: DirectoryEntry) -> String {
        let fields: [(String, String)] = [
            ("source", string(e.source)), ("source_id", string(e.sourceID)), ("kind", string(e.kind.rawValue)),
            ("name", string(e.name)), ("organisation", string(e.organisation)), ("address", string(e.address)),
            ("postcode", string(e.postcode)), ("city", string(e.city)),
            ("departement", e.departement.map(string) ?? "null"), ("region", e.region.map(string) ?? "null"),
            ("phones", list(e.phones)), ("email", string(e.email)), ("website", string(e.website)),
            ("teleconsultation", e.teleconsultation ? "true" : "false"), ("languages", list(e.languages)),
            ("specialities", list(e.specialities)), ("capacity", e.capacity.map(String.init) ?? "null"),
            ("opening_hours", string(e.openingHours)), ("active", e.active ? "true" : "false"),
            ("last_verified", e.lastVerified.map(string) ?? "null"),
        ]
        return "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func list(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ", ") + "]" }

    static func string(_ text: String) -> String { JSONLiteral.string(text) }

    // MARK: - Import

    /// The entries of a JSON file as validator rows, each with the line its object starts on.
    /// Throws when the file as a whole is unusable (not JSON, not an array).
    public static func rows(_ text: String) throws(ImportProblem) -> [DirectoryValidator.Row] {
        let values: [JSONValue]
        do {
            guard case .array(let items) = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                throw ImportProblem(line: 1, column: nil, reason: "expected a JSON array of entries ([{…}, {…}])")
            }
            values = items
        } catch let problem as ImportProblem {
            throw problem
        } catch {
            throw syntaxError(text)
        }
        let lines = elementLines(text)
        return values.enumerated().map { index, value in
            let line = index < lines.count ? lines[index] : 1
            guard case .object(let members) = value else {
                return DirectoryValidator.Row(line: line, values: [:], problems: [
                    ImportProblem(line: line, column: nil, reason: "entry \(index + 1) is not an object ({\"kind\": …})"),
                ], unreadable: true)
            }
            var fields: [String: String] = [:]
            var problems: [ImportProblem] = []
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                let column = key.lowercased()
                guard DirectoryFormat.columns.contains(column) else {
                    problems.append(ImportProblem(line: line, column: key,
                        reason: "unknown key (expected one of: \(DirectoryFormat.columns.joined(separator: ", ")))"))
                    continue
                }
                if let text = member.fieldText {
                    fields[column] = text
                } else {
                    problems.append(ImportProblem(line: line, column: key,
                        reason: "expected text, a number, true/false, null or a list of texts"))
                }
            }
            return DirectoryValidator.Row(line: line, values: fields,
                                          problems: problems)
        }
    }

    /// The line on which each element of the top-level array starts.
    static func elementLines(_ text: String) -> [Int] {
        var lines: [Int] = []
        var line = 1, depth = 0
        var inString = false, escaped = false, expectingElement = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if depth == 1 && expectingElement && !isSpace && byte != UInt8(ascii: "]") {
                lines.append(line)
                expectingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectingElement = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expectingElement = true }
            default: break
            }
        }
        return lines
    }

    /// Where and why the text is not JSON, as Foundation's parser says it ("… around character 9.").
    static func syntaxError(_ text: String) -> ImportProblem {
        var reason = "not valid JSON"
        var line = 1
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            reason += " (\(detail))"
            if let range = detail.range(of: "character ") {
                let offset = Int(detail[range.upperBound...].prefix { $0.isNumber }) ?? 0
                line = 1 + text.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count
            }
        }
        return ImportProblem(line: line, column: nil, reason: reason)
    }
}

/// Any JSON value, decoded without losing which kind it was (true is not 1).
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// The value as the text of a CSV field; nil for nested objects and lists of non-texts.
    var fieldText: String? {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "yes" : "no"
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return s
        case .array(let items):
            var texts: [String] = []
            for item in items {
                guard case .string(let s) = item else { return nil }
                texts.append(s)
            }
            return texts.joined(separator: String(DirectoryFormat.listSeparator))
        case .object: return nil
        }
    }
}
