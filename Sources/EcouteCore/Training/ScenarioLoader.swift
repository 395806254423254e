import Foundation

/// A problem in a scenario file: where (the file, and the JSON path of the field) and why.
public struct ScenarioProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// "lines[2].at", or a line number for a syntax error ("line 7").
    public var location: String
    public var reason: String

    public var description: String { "\(file): \(location): \(reason)" }
}

/// Reads and validates scenario files (docs/scenarios.md), reporting every problem found.
public enum ScenarioLoader {
    static let keys: Set<String> = ["title", "summary", "line", "caller", "lines", "expected", "teaching_notes"]
    static let callerKeys: Set<String> = ["category", "line_category", "profession", "status", "sector", "departement", "repeat"]
    static let expectedKeys: Set<String> = ["level", "addiction", "hospitalisation", "referrals", "urgence", "dangerosite", "means_at_hand",
                                            "supervisor_callback", "motifs"]

    /// Every scenario of a folder, by name; the problems of the files that do not load. `callLines`:
    /// the platform's lines (Resources/lines), which a scenario's `line` and `caller.line_category`
    /// must name.
    public static func loadFolder(_ folder: URL, geography: Geography,
                                  callLines: [CallLine] = [CallLine.health]) -> (scenarios: [Scenario], problems: [ScenarioProblem]) {
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var scenarios: [Scenario] = []
        var problems: [ScenarioProblem] = []
        for file in files {
            switch load(file, geography: geography, callLines: callLines) {
            case .success(let scenario): scenarios.append(scenario)
            case .failure(let failure): problems += failure.problems
            }
        }
        return (scenarios, problems)
    }

    public struct Failure: Error, Sendable {
        public var problems: [ScenarioProblem]
    }

    public static func load(_ file: URL, geography: Geography, callLines: [CallLine] = [CallLine.health]) -> Result<Scenario, Failure> {
        let fileName = file.lastPathComponent
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            return .failure(Failure(problems: [ScenarioProblem(file: fileName, location: "file", reason: "cannot be read as UTF-8 text")]))
        }
        return parse(text, name: file.deletingPathExtension().lastPathComponent, fileName: fileName, geography: geography,
                     callLines: callLines)
    }

    public static func parse(_ text: String, name: String, fileName: String, geography: Geography,
                             callLines: [CallLine] = [CallLine.health]) -> Result<Scenario, Failure> {
        var problems: [ScenarioProblem] = []
        func problem(_ location: String, _ reason: String) {
            problems.append(ScenarioProblem(file: fileName, location: location, reason: reason))
        }
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            let syntax = DirectoryJSON.syntaxError(text)
            return .failure(Failure(problems: [ScenarioProblem(file: fileName, location: "line \(syntax.line)", reason: syntax.reason)]))
        }
        guard case .object(let top) = root else {
            return .failure(Failure(problems: [ScenarioProblem(file: fileName, location: "file", reason: "expected an object ({\"title\": …})")]))
        }
        for key in top.keys.sorted() where !keys.contains(key) {
            problem(key, "unknown key (expected one of: \(keys.sorted().joined(separator: ", ")))")
        }
        let title = string(top["title"], "title", required: true, problem)
        let summary = string(top["summary"], "summary", required: false, problem)

        // The line (none: the health professionals').
        var line: CallLine?
        if let id = string(top["line"], "line", required: false, problem) {
            line = callLines.first { $0.id == id }
            if line == nil { problem("line", "unknown line \"\(id)\" (expected one of: \(callLines.map(\.id).joined(separator: ", ")))") }
        }

        // The caller.
        var caller = CallerProfile()
        if case .object(let c)? = top["caller"] {
            for key in c.keys.sorted() where !callerKeys.contains(key) {
                problem("caller.\(key)", "unknown key (expected one of: \(callerKeys.sorted().joined(separator: ", ")))")
            }
            // On a line with its own categories, the caller's is one of them and its kind the category.
            let ownCategories = line?.hasOwnCategories ?? false
            var lineCategory: CallLine.Category?
            if let id = string(c["line_category"], "caller.line_category", required: ownCategories, problem) {
                if let line, line.hasOwnCategories {
                    lineCategory = line.category(id)
                    if lineCategory == nil {
                        problem("caller.line_category", "unknown category \"\(id)\" of line \(line.id) (expected one of: \(line.categories.map(\.id).joined(separator: ", ")))")
                    }
                } else {
                    problem("caller.line_category", "only on a line with its own categories (set \"line\")")
                }
            }
            caller.category = enumValue(c["category"], "caller.category", CallerCategory.self, required: !ownCategories, problem)
            if let lineCategory {
                if let given = caller.category, given != lineCategory.kind {
                    problem("caller.category", "\"\(given.rawValue)\" is not the kind of \(lineCategory.id) (\(lineCategory.kind.rawValue))")
                }
                caller.category = lineCategory.kind
                caller.lineCategory = lineCategory.id
            }
            caller.profession = enumValue(c["profession"], "caller.profession", Profession.self, required: false, problem)
            caller.status = enumValue(c["status"], "caller.status", EmploymentStatus.self, required: false, problem)
            caller.sector = enumValue(c["sector"], "caller.sector", Sector.self, required: false, problem)
            if let code = string(c["departement"], "caller.departement", required: false, problem), !code.isEmpty {
                if let dep = geography.departement(code) { caller.departement = dep.code } else {
                    problem("caller.departement", "unknown département \"\(code)\"")
                }
            }
            if let repeatValue = c["repeat"] {
                if case .bool(let b) = repeatValue { caller.isRepeatCaller = b } else if repeatValue != .null {
                    problem("caller.repeat", "expected true or false")
                }
            }
            if caller.category == .professional && caller.profession == nil && c["profession"] == nil && !ownCategories {
                problem("caller.profession", "required for a professional")
            }
            if ownCategories, c["profession"] != nil {
                problem("caller.profession", "a line with its own categories has no health profession")
            }
        } else {
            problem("caller", top["caller"] == nil ? "missing" : "expected an object ({\"category\": …})")
        }

        // The lines.
        var lines: [Scenario.Line] = []
        if case .array(let items)? = top["lines"], !items.isEmpty {
            var previous: TimeInterval = -1
            for (i, item) in items.enumerated() {
                let path = "lines[\(i)]"
                guard case .object(let line) = item else { problem(path, "expected an object ({\"at\": \"0:30\", \"text\": …})"); continue }
                for key in line.keys.sorted() where !["at", "text", "disclosure"].contains(key) {
                    problem("\(path).\(key)", "unknown key (expected at, text, disclosure)")
                }
                let at = seconds(line["at"], "\(path).at", problem)
                let text = string(line["text"], "\(path).text", required: true, problem)
                if let at {
                    if at < previous { problem("\(path).at", "comes before the previous line (\(clock(previous)))") }
                    previous = max(previous, at)
                }
                if let at, let text {
                    var parsed = Scenario.Line(at: at, text: text)
                    if let flag = line["disclosure"] {
                        if case .bool(let b) = flag { parsed.disclosure = b } else { problem("\(path).disclosure", "expected true or false") }
                    }
                    lines.append(parsed)
                }
            }
        } else {
            problem("lines", top["lines"] == nil ? "missing" : "expected a non-empty list of lines")
        }

        // What is expected.
        var expected: Scenario.Expectation?
        if case .object(let e)? = top["expected"] {
            for key in e.keys.sorted() where !expectedKeys.contains(key) {
                problem("expected.\(key)", "unknown key (expected one of: \(expectedKeys.sorted().joined(separator: ", ")))")
            }
            var level: ClassificationLevel?
            if case .number(let n)? = e["level"], n == n.rounded(), let l = ClassificationLevel(rawValue: Int(n)) { level = l } else {
                problem("expected.level", "expected a level from 0 to 5")
            }
            let addiction = bool(e["addiction"], "expected.addiction", problem)
            let hospitalisation = bool(e["hospitalisation"], "expected.hospitalisation", problem)
            var kinds: [ReferralKind] = []
            if case .array(let items)? = e["referrals"], !items.isEmpty {
                for (i, item) in items.enumerated() {
                    if case .string(let s) = item, let kind = ReferralKind(rawValue: s) { kinds.append(kind) } else {
                        problem("expected.referrals[\(i)]", "unknown kind (expected one of: \(ReferralKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                }
            } else {
                problem("expected.referrals", "expected a non-empty list of referral kinds")
            }
            func degree(_ key: String) -> RUDDegree? {
                guard let value = e[key] else { return nil }
                if case .string(let s) = value, let d = RUDDegree(rawValue: s) { return d }
                problem("expected.\(key)", "expected one of: \(RUDDegree.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            let urgence = degree("urgence"), dangerosite = degree("dangerosite")
            let meansAtHand = e["means_at_hand"].map { bool($0, "expected.means_at_hand", problem) }
            let supervisorCallback = e["supervisor_callback"].map { bool($0, "expected.supervisor_callback", problem) }
            var motifs: [CallMotif]?
            if let value = e["motifs"] {
                if case .array(let items) = value, !items.isEmpty, items.count <= CallMotif.maximumPerCall {
                    motifs = []
                    for (i, item) in items.enumerated() {
                        if case .string(let s) = item, let motif = CallMotif(rawValue: s), !(motifs ?? []).contains(motif) { motifs?.append(motif) } else {
                            problem("expected.motifs[\(i)]", "unknown or repeated motif (expected one of: \(CallMotif.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                    }
                } else {
                    problem("expected.motifs", "expected a list of one to \(CallMotif.maximumPerCall) motifs, the main one first")
                }
            }
            if let level {
                expected = Scenario.Expectation(level: level, addiction: addiction, hospitalisation: hospitalisation, referralKinds: kinds)
                expected?.urgence = urgence
                expected?.dangerosite = dangerosite
                expected?.meansAtHand = meansAtHand
                expected?.supervisorCallback = supervisorCallback
                expected?.motifs = motifs
            }
        } else {
            problem("expected", top["expected"] == nil ? "missing" : "expected an object ({\"level\": …})")
        }

        var notes: [String] = []
        if case .array(let items)? = top["teaching_notes"], !items.isEmpty {
            for (i, item) in items.enumerated() {
                if case .string(let s) = item, !s.trimmed.isEmpty { notes.append(s) } else { problem("teaching_notes[\(i)]", "expected a non-empty text") }
            }
        } else {
            problem("teaching_notes", top["teaching_notes"] == nil ? "missing" : "expected a non-empty list of texts")
        }

        guard problems.isEmpty, let title, let expected else { return .failure(Failure(problems: problems)) }
        return .success(Scenario(name: name, title: title, summary: summary ?? "", caller: caller, lines: lines,
                                 expected: expected, teachingNotes: notes, line: line?.id))
    }

    static func string(_ value: JSONValue?, _ path: String, required: Bool, _ problem: (String, String) -> Void) -> String? {
        switch value {
        case .string(let s)? where !s.trimmed.isEmpty: return s
        case nil, .null?: if required { problem(path, "missing") }; return nil
        case .string?: if required { problem(path, "must not be empty") }; return nil
        default: problem(path, "expected a text"); return nil
        }
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(_ value: JSONValue?, _ path: String, _ type: E.Type, required: Bool,
                                                              _ problem: (String, String) -> Void) -> E? where E.RawValue == String {
        guard let text = string(value, path, required: required, problem) else { return nil }
        if let e = E(rawValue: text) { return e }
        problem(path, "unknown value \"\(text)\" (expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        return nil
    }

    static func bool(_ value: JSONValue?, _ path: String, _ problem: (String, String) -> Void) -> Bool {
        switch value {
        case .bool(let b)?: return b
        case nil, .null?: return false
        default: problem(path, "expected true or false"); return false
        }
    }

    /// 75, or "1:15".
    static func seconds(_ value: JSONValue?, _ path: String, _ problem: (String, String) -> Void) -> TimeInterval? {
        switch value {
        case .number(let n)? where n >= 0: return n
        case .string(let s)?:
            let parts = s.split(separator: ":")
            if parts.count == 2, let m = Int(parts[0]), let sec = Int(parts[1]), m >= 0, (0..<60).contains(sec) {
                return TimeInterval(m * 60 + sec)
            }
            problem(path, "expected seconds (75) or minutes:seconds (\"1:15\"), got \"\(s)\"")
            return nil
        case nil: problem(path, "missing"); return nil
        default: problem(path, "expected seconds (75) or minutes:seconds (\"1:15\")"); return nil
        }
    }

    static func clock(_ t: TimeInterval) -> String { String(format: "%d:%02d", Int(t) / 60, Int(t) % 60) }
}
