import Foundation

/// One problem found in an import file, located by line and column.
public struct ImportProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String?
    public var reason: String

    public init(line: Int, column: String?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        if let column { return "line \(line), column \(column): \(reason)" }
        return "line \(line): \(reason)"
    }
}

/// Validates every row of a directory file before anything is written.
public struct DirectoryValidator: Sendable {
    public let geography: Geography
    /// Source used for rows that leave the `source` column empty.
    public let defaultSource: String

    public init(geography: Geography, defaultSource: String) {
        self.geography = geography
        self.defaultSource = defaultSource
    }

    public struct Result: Sendable {
        public var entries: [(line: Int, entry: DirectoryEntry)]
        public var problems: [ImportProblem]
        /// Lines of rows with at least one problem.
        public var invalidLines: Set<Int>
        /// The file itself is unusable (CSV syntax, empty, bad header): nothing can be imported.
        public var fileRejected = false
    }

    public func validate(jsonText: String) -> Result {
        do {
            return validate(rows: try DirectoryJSON.rows(jsonText))
        } catch {
            return Result(entries: [], problems: [error], invalidLines: [error.line], fileRejected: true)
        }
    }

    public func validate(csvText: String) -> Result {
        switch rows(csvText: csvText) {
        case .success(let rows): return validate(rows: rows)
        case .failure(let rejected): return rejected.result
        }
    }

    /// A file that cannot be read into rows at all (syntax, empty, bad header).
    public struct FileRejected: Error, Sendable {
        public var problems: [ImportProblem]
        var result: Result { Result(entries: [], problems: problems, invalidLines: Set(problems.map(\.line)), fileRejected: true) }
    }

    /// The rows of a file, each still to be checked; or why the file cannot be read.
    public func rows(text: String, json: Bool) -> Swift.Result<[Row], FileRejected> {
        guard json else { return rows(csvText: text) }
        do { return .success(try DirectoryJSON.rows(text)) } catch { return .failure(FileRejected(problems: [error])) }
    }

    public func rows(csvText: String) -> Swift.Result<[Row], FileRejected> {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(csvText)
        } catch {
            return .failure(FileRejected(problems: [ImportProblem(line: error.line, column: nil, reason: error.reason)]))
        }
        guard let header = records.first else {
            return .failure(FileRejected(problems: [ImportProblem(line: 1, column: nil, reason: "empty file: a header row is required")]))
        }
        var problems: [ImportProblem] = []
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for (i, name) in names.enumerated() where !DirectoryFormat.columns.contains(name) {
            problems.append(ImportProblem(line: header.line, column: name.isEmpty ? "#\(i + 1)" : name,
                                          reason: "unknown column (expected one of: \(DirectoryFormat.columns.joined(separator: ", ")))"))
        }
        for required in DirectoryFormat.requiredColumns.sorted() where !names.contains(required) {
            problems.append(ImportProblem(line: header.line, column: required, reason: "required column missing"))
        }
        if !problems.isEmpty { return .failure(FileRejected(problems: problems)) }

        return .success(Self.inParallel(Array(records.dropFirst())) { record -> Row in
            guard record.fields.count == names.count else {
                return Row(line: record.line, values: [:], problems: [ImportProblem(line: record.line, column: nil,
                           reason: "\(record.fields.count) fields where the header has \(names.count)")], unreadable: true)
            }
            var values: [String: String] = [:]
            for (name, value) in zip(names, record.fields) { values[name] = CSV.restored(value) }
            return Row(line: record.line, values: values)
        })
    }

    /// One record of an import file, whatever its format: column name → text, and where it starts.
    public struct Row: Sendable {
        public var line: Int
        public var values: [String: String]
        /// Problems found while reading the record (wrong number of fields, unknown key…).
        public var problems: [ImportProblem]
        /// The record could not be read into fields at all: its fields are not checked.
        public var unreadable: Bool

        public init(line: Int, values: [String: String], problems: [ImportProblem] = [], unreadable: Bool = false) {
            self.line = line
            self.values = values
            self.problems = problems
            self.unreadable = unreadable
        }
    }

    /// Checks every row (fields, duplicates within the file) and builds the valid entries.
    public func validate(rows: [Row]) -> Result {
        var checker = Checker(validator: self)
        return checker.check(rows[...], parallel: true)
    }

    /// Checks a file's rows a slice at a time, in file order (duplicates are found across slices),
    /// so an importer can write one slice while the next is checked.
    public struct Checker: Sendable {
        let validator: DirectoryValidator
        var seen: [String: Int] = [:]

        public init(validator: DirectoryValidator) { self.validator = validator }

        /// `parallel`: check the rows on every core (each row on its own), then find duplicates.
        public mutating func check(_ rows: ArraySlice<Row>, parallel: Bool) -> Result {
            validator.check(rows, parallel: parallel, seen: &seen)
        }
    }

    func check(_ rows: ArraySlice<Row>, parallel: Bool, seen: inout [String: Int]) -> Result {
        let checkRow = { @Sendable (row: Row) -> CheckedRow in
            guard !row.unreadable else { return CheckedRow(key: nil, entry: nil, problems: []) }
            let values = row.values.mapValues(\.trimmed)
            let source = (values["source"] ?? "").isEmpty ? defaultSource : values["source"]!
            let sourceID = values["source_id"] ?? ""
            var problems: [ImportProblem] = []
            let entry = entry(values, line: row.line, problems: &problems)
            return CheckedRow(key: sourceID.isEmpty ? nil : source + "\u{1F}" + sourceID, entry: entry, problems: problems)
        }
        let checked = parallel ? Self.inParallel(Array(rows), checkRow) : rows.map(checkRow)
        var entries: [(line: Int, entry: DirectoryEntry)] = []
        var problems: [ImportProblem] = []
        var invalid: Set<Int> = []
        for (row, check) in zip(rows, checked) {
            var rowProblems = row.problems
            if let key = check.key {
                if let first = seen[key] {
                    rowProblems.append(ImportProblem(line: row.line, column: "source_id",
                        reason: "duplicate of line \(first) (same source and source_id)"))
                } else {
                    seen[key] = row.line
                }
            }
            rowProblems += check.problems
            if let entry = check.entry, rowProblems.isEmpty { entries.append((row.line, entry)) }
            if !rowProblems.isEmpty {
                invalid.insert(row.line)
                problems += rowProblems
            }
        }
        return Result(entries: entries, problems: problems, invalidLines: invalid)
    }

    private struct CheckedRow: Sendable {
        /// Source and identifier, for duplicates (nil: no identifier, or the row was unreadable).
        var key: String?
        var entry: DirectoryEntry?
        var problems: [ImportProblem]
    }

    /// `transform` of every element, in order, computed on every core in contiguous slices.
    static func inParallel<In: Sendable, Out: Sendable>(_ items: [In], _ transform: @Sendable (In) -> Out) -> [Out] {
        let slices = items.count < 2_000 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard slices > 1 else { return items.map(transform) }
        let size = (items.count + slices - 1) / slices
        var results = [[Out]](repeating: [], count: slices)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { i in
                let range = (i * size)..<min(items.count, (i + 1) * size)
                output[i] = range.isEmpty ? [] : items[range].map(transform)
            }
        }
        return results.flatMap { $0 }
    }

    /// The longest a field may be, in bytes (opening hours or a list of specialities included):
    /// a longer one is a broken file, not an entry.
    public static let longestField = 1_000

    private func entry(_ v: [String: String], line: Int, problems: inout [ImportProblem]) -> DirectoryEntry? {
        func fail(_ column: String, _ reason: String) {
            problems.append(ImportProblem(line: line, column: column, reason: reason))
        }
        for (column, value) in v.sorted(by: { $0.key < $1.key }) where value.utf8.count > Self.longestField {
            fail(column, "\(value.utf8.count) bytes, more than the \(Self.longestField) a field may have")
        }
        let sourceID = v["source_id"] ?? ""
        if sourceID.isEmpty { fail("source_id", "missing identifier") }
        let name = v["name"] ?? ""
        if name.isEmpty { fail("name", "missing name") }
        let kindText = v["kind"] ?? ""
        let kind = ReferralKind(rawValue: kindText)
        if kind == nil {
            fail("kind", "unknown kind \"\(kindText)\" (expected one of: \(ReferralKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var departement: String? = nil
        let depText = v["departement"] ?? ""
        if depText.isEmpty {
            if let kind, kind.needsDepartement { fail("departement", "missing département (required for \(kind.rawValue))") }
        } else if let dep = geography.departement(Self.paddedCode(depText)) {
            departement = dep.code
        } else {
            fail("departement", "unknown département \"\(depText)\"")
        }
        var region: String? = departement.flatMap { geography.departement($0)?.regionCode }
        if let regionText = v["region"], !regionText.isEmpty {
            if geography.region(regionText) == nil {
                fail("region", "unknown region \"\(regionText)\"")
            } else if let derived = region, derived != regionText {
                fail("region", "region \(regionText) does not contain département \(departement ?? "")")
            } else {
                region = regionText
            }
        }
        let phones = Self.list(v["phones"])
        for phone in phones where !Self.isValidPhone(phone) {
            fail("phones", "bad phone number \"\(phone)\" (expected 10 digits starting with 0, +33…, or a short number such as 15, 112, 3114, 116117)")
        }
        let email = v["email"] ?? ""
        if !email.isEmpty && !Self.isPlausibleEmail(email) { fail("email", "bad e-mail address \"\(email)\"") }
        let website = v["website"] ?? ""
        if !website.isEmpty && !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
            fail("website", "website must start with https:// or http://")
        }
        let tele = Self.bool(v["teleconsultation"], default: false)
        if tele == nil { fail("teleconsultation", "expected yes or no, got \"\(v["teleconsultation"] ?? "")\"") }
        let active = Self.bool(v["active"], default: true)
        if active == nil { fail("active", "expected yes or no, got \"\(v["active"] ?? "")\"") }
        var capacity: Int? = nil
        if let capText = v["capacity"], !capText.isEmpty {
            if let c = Int(capText), c >= 0 { capacity = c } else { fail("capacity", "expected a whole number of beds, got \"\(capText)\"") }
        }
        var lastVerified: String? = nil
        if let date = v["last_verified"], !date.isEmpty {
            if Self.isISODate(date) { lastVerified = date } else { fail("last_verified", "expected a date as YYYY-MM-DD, got \"\(date)\"") }
        }
        let postcode = v["postcode"] ?? ""
        if !postcode.isEmpty && !(postcode.count == 5 && postcode.allSatisfy(\.isNumber)) {
            fail("postcode", "expected 5 digits, got \"\(postcode)\"")
        }
        guard let kind, let tele, let active, problems.isEmpty else { return nil }
        let source = (v["source"] ?? "").isEmpty ? defaultSource : v["source"]!
        return DirectoryEntry(
            source: source, sourceID: sourceID, kind: kind, name: name,
            organisation: v["organisation"] ?? "", address: v["address"] ?? "", postcode: postcode,
            city: v["city"] ?? "", departement: departement, region: region, phones: phones,
            email: email, website: website, teleconsultation: tele,
            languages: Self.list(v["languages"]).isEmpty ? ["fr"] : Self.list(v["languages"]),
            specialities: Self.list(v["specialities"]).map { $0.lowercased() }, capacity: capacity,
            openingHours: v["opening_hours"] ?? "", active: active, lastVerified: lastVerified)
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: DirectoryFormat.listSeparator)
            .map(\.trimmed).filter { !$0.isEmpty }
    }

    /// "1" → "01" so spreadsheets that dropped the leading zero still import.
    static func paddedCode(_ code: String) -> String {
        code.count == 1 && code.allSatisfy(\.isNumber) ? "0" + code : code
    }

    static func bool(_ text: String?, default fallback: Bool) -> Bool? {
        switch (text ?? "").lowercased() {
        case "": return fallback
        case "yes", "true", "1", "oui", "y", "o": return true
        case "no", "false", "0", "non", "n": return false
        default: return nil
        }
    }

    /// French numbers: 10 digits starting with 0, +33 and 9 digits, or a short service number.
    public static func isValidPhone(_ phone: String) -> Bool {
        let compact = phone.filter { !" .-".contains($0) }
        if compact.hasPrefix("+33") {
            let rest = compact.dropFirst(3)
            return rest.count == 9 && rest.allSatisfy(\.isASCIIDigit)
        }
        guard compact.allSatisfy(\.isASCIIDigit) else { return false }
        if compact.count == 10 { return compact.hasPrefix("0") }
        // Short numbers: 15, 112, 3114, 3919…, and the 116 xxx European numbers.
        if (2...4).contains(compact.count) { return !compact.hasPrefix("0") }
        return compact.count == 6 && compact.hasPrefix("116")
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(" ")
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(m) && (1...days[m - 1]).contains(d)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Without leading and trailing white space and line breaks; cheap when there are none
    /// (Foundation's trimmingCharacters is a large part of an import's time on Linux).
    var trimmed: String {
        // Most fields: empty, or starting and ending with a printable ASCII byte.
        let whole = String(self)
        guard let head = whole.utf8.first, let tail = whole.utf8.last else { return "" }
        if head > 0x20, head < 0x7F, tail > 0x20, tail < 0x7F { return whole }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
