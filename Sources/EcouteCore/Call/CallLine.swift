import Foundation

/// A number the platform answers: the health professionals' line, the police officers' line, …
/// Which lines there are, their free numbers and their callers' categories are configuration
/// (`Resources/lines/lines.txt`, read by `LineList`). Every call records the id of its line.
public struct CallLine: Equatable, Sendable {
    /// A caller category of a line that has its own (the police line's grades and corps).
    public struct Category: Equatable, Sendable {
        public var id: String
        /// What the caller is in the profile's broad terms: the status follows from it as for the
        /// health line (a student, a relative).
        public var kind: CallerCategory
        public var labels: [Language: String]

        public init(id: String, kind: CallerCategory, labels: [Language: String]) {
            self.id = id
            self.kind = kind
            self.labels = labels
        }

        public func label(_ language: Language) -> String { labels[language] ?? labels[.fr] ?? id }
    }

    /// Stable identifier stored with each call (`sante`, `police`).
    public var id: String
    /// A few letters for the console's header (« Santé », « Police »), at most 12 characters.
    public var short: String
    /// The free number as published; nil when it is not known to this configuration.
    public var number: String?
    public var names: [Language: String]
    /// The line's own caller categories; empty: the health professions (`Profession`) and the
    /// built-in student / family / other.
    public var categories: [Category]

    public init(id: String, short: String, number: String?, names: [Language: String], categories: [Category] = []) {
        self.id = id
        self.short = short
        self.number = number
        self.names = names
        self.categories = categories
    }

    /// The id every call had before lines were recorded, and the one a store gives a call that
    /// names none: the health professionals' line.
    public static let healthID = "sante"

    /// The health professionals' line alone: what a console offers when given no line file.
    public static let health = CallLine(id: healthID, short: "Santé", number: "0 805 23 23 36",
                                        names: [.fr: "Soins aux professionnels de santé", .en: "Care for health professionals"])

    /// The audit log's field of the entry an upgrade writes for a corrected call off the health
    /// line when its digest starts covering its line (SQLite, migration v23-lines-sealed-line):
    /// not a correction, left out of reports' corrections.
    public static let sealedAuditField = "lineSealed"

    /// How a draft holds a line id: nil for the health professionals' line.
    public static func stored(_ id: String?) -> String? { id == healthID ? nil : id }

    public func name(_ language: Language) -> String { names[language] ?? names[.fr] ?? id }

    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }

    /// Whether the line's callers are described by its own categories rather than the health professions.
    public var hasOwnCategories: Bool { !categories.isEmpty }
}

/// The lines file: one record a line, fields separated by `|`, `#` starts a comment.
///
///     line|<id>|<short name>|<free number, or empty when unknown>|<name fr>|<name en>
///     category|<line id>|<category id>|<kind: professional, student, family, other>|<label fr>|<label en>
///
/// The first line is the default one. A bad file is refused whole, with the file, line and field.
public enum LineList {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        /// The field at fault (`id`, `kind`, `line id`, …), nil for the record as a whole.
        public var field: String?
        public var reason: String
        public var description: String { "\(file):\(line)" + (field.map { ": \($0)" } ?? "") + ": \(reason)" }
    }

    static let idCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

    public static func parse(_ text: String, file: String) throws -> [CallLine] {
        var lines: [CallLine] = []
        func fail(_ n: Int, _ field: String?, _ reason: String) -> Problem { Problem(file: file, line: n, field: field, reason: reason) }
        func id(_ raw: String, _ n: Int, _ field: String) throws -> String {
            guard !raw.isEmpty else { throw fail(n, field, "empty") }
            guard raw.unicodeScalars.allSatisfy(idCharacters.contains), raw.count <= 32 else {
                throw fail(n, field, "« \(raw) » is not an id (letters, digits, - and _, at most 32)")
            }
            return raw
        }
        func label(_ raw: String, _ n: Int, _ field: String) throws -> String {
            guard !raw.isEmpty else { throw fail(n, field, "empty") }
            return raw
        }
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let n = i + 1
            var record = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if i == 0, record.hasPrefix("\u{FEFF}") { record.removeFirst() }
            if record.isEmpty || record.hasPrefix("#") { continue }
            let fields = record.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            switch fields[0] {
            case "line":
                guard fields.count == 6 else {
                    throw fail(n, nil, "a line has 6 fields (line|id|short|number|name fr|name en), found \(fields.count)")
                }
                let lineID = try id(fields[1], n, "id")
                guard !lines.contains(where: { $0.id == lineID }) else { throw fail(n, "id", "line « \(lineID) » is listed twice") }
                let short = try label(fields[2], n, "short")
                guard short.count <= 12 else { throw fail(n, "short", "« \(short) » is longer than 12 characters") }
                let number = fields[3].isEmpty ? nil : fields[3]
                if let number, !number.allSatisfy({ $0.isNumber || $0 == " " }) || number.filter(\.isNumber).count != 10 {
                    throw fail(n, "number", "« \(number) » is not a French number of ten digits (leave it empty when unknown)")
                }
                lines.append(CallLine(id: lineID, short: short, number: number,
                                      names: [.fr: try label(fields[4], n, "name fr"), .en: try label(fields[5], n, "name en")]))
            case "category":
                guard fields.count == 6 else {
                    throw fail(n, nil, "a category has 6 fields (category|line id|id|kind|label fr|label en), found \(fields.count)")
                }
                let lineID = try id(fields[1], n, "line id")
                guard let index = lines.firstIndex(where: { $0.id == lineID }) else {
                    throw fail(n, "line id", "no line « \(lineID) » above (a line is listed before its categories)")
                }
                let categoryID = try id(fields[2], n, "id")
                guard lines[index].category(categoryID) == nil else { throw fail(n, "id", "category « \(categoryID) » is listed twice") }
                guard let kind = CallerCategory(rawValue: fields[3]) else {
                    throw fail(n, "kind", "« \(fields[3]) » is not one of \(CallerCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                lines[index].categories.append(CallLine.Category(
                    id: categoryID, kind: kind, labels: [.fr: try label(fields[4], n, "label fr"), .en: try label(fields[5], n, "label en")]))
            default:
                throw fail(n, nil, "« \(fields[0]) » is not a record kind (line, category)")
            }
        }
        guard !lines.isEmpty else { throw fail(1, nil, "no line listed") }
        return lines
    }

    public static func load(from url: URL) throws -> [CallLine] {
        try parse(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }
}
