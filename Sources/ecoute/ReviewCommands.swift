import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute operator …`: pseudonymous operators, their role, and the system user each maps to.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Register operators and their roles (psychologist, supervisor, trainer).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or change an operator. Only a supervisor may, except to register the first supervisor.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The operator's pseudonym, as recorded with calls.") var name: String
        @Option(help: "psychologist, supervisor or trainer.") var role: String
        @Option(help: "The system user who acts as this operator.") var systemUser: String?

        func run() throws {
            guard let role = OperatorRole(rawValue: role) else {
                throw fail("--role takes psychologist, supervisor or trainer, not \"\(role)\"")
            }
            let (pool, _) = try database.open()
            let review = SQLiteReview(pool: pool)
            let me = try review.viewer(systemUser: EcouteCLI.systemUser())
            if try review.hasSupervisor(), me.role != .supervisor {
                throw fail("\(me.name) is not a supervisor: only a supervisor can register operators")
            }
            try review.saveOperator(name: name, role: role, systemUser: self.systemUser, now: Date())
            print("\(name): \(role.rawValue)\(self.systemUser.map { " (system user \($0))" } ?? "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the operators.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let (pool, _) = try database.open()
            for o in try SQLiteReview(pool: pool).operators() {
                print("\(o.name)\t\(o.role.rawValue)\t\(o.systemUser ?? "-")")
            }
        }
    }
}

enum EcouteCLI {
    /// The system user running the command: who is looking.
    static func systemUser() -> String {
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "operateur"
    }

    /// "2026-11-24" or "2026-11-24 08:00" in local time.
    static func date(_ text: String, option: String) throws -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            f.dateFormat = format
            if let d = f.date(from: text) { return d }
        }
        throw ValidationError("\(option): expected a date as YYYY-MM-DD or YYYY-MM-DD HH:MM, not \"\(text)\"")
    }
}

/// `ecoute report`: the calls of a period, an operator or a shift, as CSV, JSON or Markdown.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report on calls (CSV: one row per call; JSON; Markdown to print). Notes only with --with-notes.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "From this date (YYYY-MM-DD or YYYY-MM-DD HH:MM, local time), included.") var from: String?
    @Option(help: "To this date, excluded (a day alone means its midnight).") var to: String?
    @Option(name: .customLong("operator"), help: "Only this operator's calls (supervisors only, for others').") var operatorName: String?
    @Option(help: "Only the calls of this shift (see `ecoute review`).") var shift: String?
    @Option(help: "csv, json or md.") var format: String = "md"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Include the free-text notes.") var withNotes = false
    @Option(help: "Language of the Markdown report: fr (default) or en.") var lang: String?

    func run() throws {
        guard let format = ReviewReport.Format(rawValue: format) else { throw fail("--format takes csv, json or md, not \"\(format)\"") }
        let period = ReviewReport.Period(from: try from.map { try EcouteCLI.date($0, option: "--from") },
                                         to: try to.map { try EcouteCLI.date($0, option: "--to") },
                                         operatorName: operatorName, shiftID: shift)
        let (pool, _) = try database.open()
        let review = SQLiteReview(pool: pool)
        let viewer = try review.viewer(systemUser: EcouteCLI.systemUser())
        let calls: [CallDraft]
        do {
            calls = try review.calls(period, visibleTo: viewer)
        } catch let denied as SQLiteReview.AccessDenied {
            throw fail(denied.description)
        }
        let strings = try Strings.load(Language.resolve(option: lang, environment: ProcessInfo.processInfo.environment),
                                       from: ResourceLocator.url("strings"))
        let text = ReviewReport.render(format, calls: calls, period: period, withNotes: withNotes, generatedAt: Date(),
                                       timeZone: .current, strings: strings)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            print(text, terminator: "")
        }
    }
}
