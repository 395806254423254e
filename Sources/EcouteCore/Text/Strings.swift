import Foundation

/// The UI's language. French by default.
public enum Language: String, CaseIterable, Sendable {
    case fr, en

    /// English when asked for, or when the locale environment is English; French otherwise.
    public static func resolve(option: String?, environment: [String: String]) -> Language {
        if let option, let lang = Language(rawValue: option.lowercased()) { return lang }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .en : .fr
            }
        }
        return .fr
    }
}

/// One table of UI strings (loaded from Resources/strings/<lang>.json). A missing key shows as
/// ⟦key⟧ so that tests and users notice it instead of seeing a blank.
public struct Strings: Sendable {
    public let language: Language
    let table: [String: String]

    public init(language: Language, table: [String: String]) {
        self.language = language
        self.table = table
    }

    public static func load(_ language: Language, from folder: URL) throws -> Strings {
        let file = folder.appendingPathComponent("\(language.rawValue).json")
        let data = try Data(contentsOf: file)
        do {
            return Strings(language: language, table: try StringTableJSON.parse(data))
        } catch let invalid as StringTableJSON.Invalid {
            throw InvalidTable(file: file.path, problem: invalid)
        }
    }

    /// A string table that is not a JSON object of strings: the file and the line.
    public struct InvalidTable: Error, CustomStringConvertible {
        public var file: String
        public var problem: StringTableJSON.Invalid
        public var description: String { "\(file): \(problem)" }
    }

    public var keys: Set<String> { Set(table.keys) }

    public subscript(_ key: String) -> String { table[key] ?? "⟦\(key)⟧" }

    /// The string with {1}, {2}… replaced by the arguments.
    public func format(_ key: String, _ arguments: String...) -> String {
        Self.substitute(self[key], arguments)
    }

    public func format(_ key: String, arguments: [String]) -> String {
        Self.substitute(self[key], arguments)
    }

    /// `template` with each {n} (1-based) replaced by the n-th argument, in one pass: an argument
    /// is never read as a template itself, and a {n} with no argument stays as written. (The
    /// screens format every visible row's labels per frame: Foundation's replacing was a
    /// tenth of a typed key's time in the directory screen.)
    static func substitute(_ template: String, _ arguments: [String]) -> String {
        let bytes = Array(template.utf8)
        guard bytes.contains(UInt8(ascii: "{")) else { return template }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + arguments.reduce(0) { $0 + $1.utf8.count })
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{") {
                var j = i + 1, n = 0
                while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"), n < 1_000 {
                    n = n * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                    j += 1
                }
                if j > i + 1, j < bytes.count, bytes[j] == UInt8(ascii: "}"), n >= 1, n <= arguments.count {
                    out.append(contentsOf: arguments[n - 1].utf8)
                    i = j + 1
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A count in words with its plural: `key.one` (0 and 1, as French says « 0 appel ») or
    /// `key.other`, with {1} the count.
    public func plural(_ key: String, _ count: Int) -> String {
        format(count <= 1 ? "\(key).one" : "\(key).other", "\(count)")
    }
}
