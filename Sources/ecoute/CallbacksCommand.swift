import ArgumentParser
import EcouteCore
import EcouteReports
import EcouteStore
import Foundation

/// `ecoute callbacks [--json] [--numbers]`: the supervisors' callback queue, oldest first;
/// refused to psychologists. Numbers are printed only with `--numbers`, each read audited.
struct CallbacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "List the callback requests not closed yet (supervisors); --set-number-limit sets how long numbers are kept.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOptions
    @Flag(help: "Write the queue as JSON (one array, keys sorted).") var json = false
    @Flag(help: "Print each request's callback number (each read is written to the callback audit).") var numbers = false
    @Option(help: ArgumentHelp("Set how long a callback number is kept at most, in hours (1 to 72, default 72); erases nothing itself.",
                               valueName: "hours"))
    var setNumberLimit: Int?

    func validate() throws {
        if let hours = setNumberLimit, !(1...CallbackLifecycle.maximumNumberLimitHours).contains(hours) {
            throw ValidationError("--set-number-limit takes 1 to \(CallbackLifecycle.maximumNumberLimitHours) hours, not \(hours)")
        }
        if setNumberLimit != nil && (json || numbers) { throw ValidationError("--set-number-limit only sets the limit: run the list on its own") }
    }

    func run() throws {
        let strings = try language.strings()
        let (store, _) = try self.store.open(mayCreate: false)
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        guard viewer.role == .supervisor else {
            throw fail("ecoute: " + strings.format("callbacks.supervisorsOnly", viewer.name, strings["role.\(viewer.role.rawValue)"]))
        }
        let queue = store.callbacks
        let now = Date()
        do {
            if let hours = setNumberLimit {
                try queue.setNumberLimit(hours: hours, by: viewer, at: now)
                print("callback numbers are now kept at most \(hours) h (set by \(viewer.name))")
                return
            }
            // The limit holds for this listing too.
            try queue.eraseExpiredNumbers(now: now)
            let requests = try queue.open(visibleTo: viewer)
            var shown: [String: CallbackNumber] = [:]
            if numbers {
                for r in requests { shown[r.id] = try queue.number(of: r.id, by: viewer, at: now) }
            }
            if json {
                print(Self.json(requests, numbers: shown, now: now))
            } else if requests.isEmpty {
                print(strings["callbacks.none"])
            } else {
                for r in requests {
                    var line = strings.format("callbacks.line", Formatting.timestamp(r.requestedAt, timeZone: .current), r.id, r.requestedBy,
                                              strings["callback.urgency.\(r.urgency.rawValue)"], Formatting.duration(r.age(at: now)),
                                              Self.status(r, strings), r.motif)
                    if let number = shown[r.id] { line += " · " + number.spoken }
                    print(line)
                }
            }
        } catch let denied as AccessDenied {
            throw fail("ecoute: \(denied.description)")
        } catch let refused as CallbackRefusedInput {
            throw fail("ecoute: \(refused.description)")
        }
    }

    static func status(_ r: CallbackRequest, _ s: Strings) -> String {
        switch r.status {
        case .taken where r.attempts > 0: s.format("callback.status.unreachable", r.takenBy ?? "?", "\(r.attempts)")
        case .taken: s.format("callback.status.taken", r.takenBy ?? "?")
        default: s["callback.status.\(r.status.rawValue)"]
        }
    }

    static func json(_ requests: [CallbackRequest], numbers: [String: CallbackNumber], now: Date) -> String {
        let iso = ISO8601DateFormatter()
        let rows: [[String: Any]] = requests.map { r in
            var row: [String: Any] = ["id": r.id, "call_id": r.callID, "requested_by": r.requestedBy, "motif": r.motif,
                                      "urgency": r.urgency.rawValue, "requested_at": iso.string(from: r.requestedAt),
                                      "age_seconds": Int(r.age(at: now)), "status": r.status.rawValue, "attempts": r.attempts,
                                      "late": r.isLate(at: now)]
            if let by = r.takenBy { row["taken_by"] = by }
            if let at = r.takenAt { row["taken_at"] = iso.string(from: at) }
            if let number = numbers[r.id] { row["number"] = number.digits }
            return row
        }
        guard !rows.isEmpty else { return "[]" }
        let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension CallbackReport.Format: EnumArgument {}

/// `ecoute report callbacks`: requests and delays to « rappelé » per urgency over a period
/// (a psychologist: their own requests).
struct CallbacksReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks", abstract: "Callback requests per urgency over a period: outcomes, delay to « rappelé » (p50, p90).")
    @OptionGroup var store: StoreOptions
    @Option(help: "From this date (YYYY-MM-DD), included; default: thirty days ago.") var from: String?
    @Option(help: "To this date, excluded; default: now.") var to: String?
    @Option(help: "The report's format.") var format: CallbackReport.Format = .md
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let now = Date()
        let start = try from.map { try EcouteCLI.date($0, option: "--from") } ?? now.addingTimeInterval(-30 * 86_400)
        let end = try to.map { try EcouteCLI.date($0, option: "--to") } ?? now
        guard start < end else { throw ValidationError("--from must come before --to") }
        let (store, _) = try self.store.open(access: .readOnlyCalls)
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        let requests = try store.callbacks.requests(since: start, visibleTo: viewer).filter { $0.requestedAt < end }
        print(CallbackReport.render(format, CallbackFigures(requests), from: start, to: end, timeZone: .current, strings: try language.strings()),
              terminator: "")
    }
}
