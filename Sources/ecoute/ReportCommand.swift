import ArgumentParser
import EcouteCore
import EcouteReports
import Foundation

/// `ecoute report`: the calls of a period (`calls`, the default) or the line's activity over time.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports: the calls of a period (default), or the line's activity period by period.",
        subcommands: [CallsReportCommand.self, ActivityReportCommand.self, ShiftsReportCommand.self, CallbacksReportCommand.self], defaultSubcommand: CallsReportCommand.self)
}

/// `ecoute report [calls]`: the calls of a period, an operator or a shift, as CSV, JSON or
/// Markdown, streamed from the store to the output as they are read.
struct CallsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Report on calls (CSV: one row per call; JSON; Markdown to print). Notes only with --with-notes.")
    @OptionGroup var store: StoreOptions
    @Option(help: "From this date (YYYY-MM-DD or YYYY-MM-DD HH:MM, local time), included.") var from: String?
    @Option(help: "To this date, excluded (a day alone means its midnight).") var to: String?
    @Option(name: .customLong("operator"), help: "Only this operator's calls (supervisors only, for others').") var operatorName: String?
    @Option(help: "Only the calls of this shift: its id or the start of it (`ecoute report shifts` lists them).") var shift: String?
    @Option(help: "The report's format.") var format: CallReport.Format = .md
    @Option(name: .shortAndLong, help: "Write to this file (created 0600) instead of standard output.") var output: String?
    @Flag(help: "Include the free-text notes.") var withNotes = false
    @OptionGroup var language: LanguageOptions

    func run() throws {
        var query = CallQuery(from: try from.map { try EcouteCLI.date($0, option: "--from") },
                              to: try to.map { try EcouteCLI.date($0, option: "--to") },
                              operatorName: operatorName)
        if let start = query.from, let end = query.to, start >= end {
            throw ValidationError("--from (\(from!)) must come before --to (\(to!))")
        }
        let (store, _) = try self.store.open(access: .readOnlyCalls)
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        let shiftAsked: Shift?
        do {
            shiftAsked = try shift.map { try ShiftReference.resolve($0, among: store.shifts.shifts(visibleTo: viewer)) }
        } catch let unresolved as ShiftReference.Unresolved {
            throw fail(unresolved.description)
        }
        query.shiftID = shiftAsked?.id
        let source: CallReport.CallSource = { body in try store.review.forEachCall(query, visibleTo: viewer, body) }
        do {
            let scope = CallReport.Scope(query: query, withNotes: withNotes, generatedAt: Date(), timeZone: .current,
                                         strings: try language.strings(), shift: shiftAsked,
                                         corrections: try store.review.corrections(query, visibleTo: viewer),
                                         takeovers: try store.review.takeovers(query, visibleTo: viewer))
            if let output {
                let file = try FileOutput(path: output)
                try CallReport.write(format, from: source, scope: scope, to: file)
                // CSV is one table: the corrections go to their own file beside it.
                let correctionsFile = format == .csv && !scope.corrections.isEmpty ? try FileOutput(path: Self.correctionsPath(output)) : nil
                if let correctionsFile { try CallReport.writeCorrectionsCSV(scope, to: correctionsFile) }
                try file.commit()
                try correctionsFile?.commit()
                if let correctionsFile { writeToStandardError("\(scope.corrections.count) correction(s) in \(correctionsFile.path)\n") }
            } else {
                let out = StandardOutput()
                try CallReport.write(format, from: source, scope: scope, to: out)
                out.flush()
                if format == .csv, !scope.corrections.isEmpty {
                    writeToStandardError("\(scope.corrections.count) correction(s) of these calls are not in this CSV: with -o FILE.csv they go to FILE.corrections.csv\n")
                }
            }
        } catch let denied as AccessDenied {
            throw fail(denied.description)
        } catch let failure as FileOutput.Failure {
            throw fail(failure.description)
        }
    }
}

extension CallsReportCommand {
    /// « appels.csv » → « appels.corrections.csv ».
    static func correctionsPath(_ output: String) -> String {
        output.hasSuffix(".csv") ? String(output.dropLast(4)) + ".corrections.csv" : output + ".corrections.csv"
    }
}

extension ActivityReport.Grouping: EnumArgument {}
extension ActivityReport.Format: EnumArgument {}

/// `ecoute report activity`: calls per week, month or quarter, the classification mix, who
/// called, regions, durations, referrals, level 4–5 calls and alerts; per operator for supervisors.
struct ActivityReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "The line's activity period by period (saved calls only); --mask-small for publication outside the team.")
    @OptionGroup var store: StoreOptions
    @Option(help: "From this date (YYYY-MM-DD), included; default: twelve months ago.") var from: String?
    @Option(help: "To this date, excluded; default: now.") var to: String?
    @Option(help: "Periods, the calls' motifs (with urgence counts and suggested-versus-chosen levels), or the lines (calls by level).") var by: ActivityBy = .month
    @Option(help: "The report's format.") var format: ActivityReport.Format = .md
    @Option(name: .customLong("operator"), help: "Only this operator's calls (supervisors only, for others').") var operatorName: String?
    @Flag(help: "Mask counts under 5 (« <5 ») for publication outside the team.") var maskSmall = false
    @Flag(help: "Also count calls by département.") var departements = false
    @Option(name: .shortAndLong, help: "Write to this file (created 0600) instead of standard output.") var output: String?
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let now = Date()
        let start = try from.map { try EcouteCLI.date($0, option: "--from") }
            ?? Calendar(identifier: .gregorian).date(byAdding: .month, value: -12, to: now)!
        let end = try to.map { try EcouteCLI.date($0, option: "--to") } ?? now
        guard start < end else { throw ValidationError("--from must come before --to") }
        // Masking proves that no small count comes back by arithmetic: fast by month or quarter,
        // minutes over 53 weeks and their operators.
        if maskSmall, by == .week { throw ValidationError("--mask-small works by month or quarter: use --by month or --by quarter") }
        let (store, geography) = try self.store.open(access: .readOnlyCalls)
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        let query = CallQuery(from: start, to: end, operatorName: operatorName)
        var options = ActivityReport.Options(from: start, to: end, grouping: by.grouping ?? .month, maskSmall: maskSmall, byDepartement: departements,
                                             perOperator: viewer.role == .supervisor, generatedAt: now, timeZone: .current,
                                             strings: try language.strings(), geography: geography)
        // Repeat calls by caller code and the callbacks, over the whole time (not per operator).
        if operatorName == nil {
            options.continuity = ActivityContinuity(
                callerCodes: try store.callerCodes.figures(from: start, to: end, visibleTo: viewer),
                callbacks: CallbackFigures(try store.callbacks.requests(since: start, visibleTo: viewer).filter { $0.requestedAt < end }))
        }
        let source: CallReport.CallSource = { body in try store.review.forEachCall(query, visibleTo: viewer, body) }
        let lines = by == .line ? try CallLines.load() : []
        func write(_ output: any ReportOutput) throws {
            switch by {
            case .motif: try RiskActivityReport.write(format, from: source, options, to: output)
            case .line: try LineActivityReport.write(format, from: source, options, lines: lines, to: output)
            case .week, .month, .quarter: try ActivityReport.write(format, from: source, options, to: output)
            }
        }
        do {
            if let output {
                let file = try FileOutput(path: output)
                try write(file)
                try file.commit()
            } else {
                let out = StandardOutput()
                try write(out)
                out.flush()
            }
        } catch let denied as AccessDenied {
            throw fail(denied.description)
        }
    }
}

/// `ecoute report shifts`: the shifts the viewer may see, newest first, with the ids
/// `ecoute report --shift` takes and their dates.
struct ShiftsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shifts", abstract: "List the shifts you may see, newest first, with their ids (for report --shift) and dates.")
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("operator"), help: "Only this operator's shifts.") var operatorName: String?
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let (store, _) = try self.store.open(access: .readOnlyCalls)
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        let shifts = try store.shifts.shifts(visibleTo: viewer).filter { operatorName == nil || $0.operatorName == operatorName }
        print(ShiftListReport.text(shifts, timeZone: .current, strings: try language.strings()), terminator: "")
    }
}
