import ArgumentParser
import EcouteCore
import EcouteSQLite
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute backup DEST`: a consistent copy while consoles run.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database consistently while consoles run (0600, checked after writing).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file to write.") var destination: String

    func run() throws {
        let (store, _) = try self.store.open(access: .readOnly)
        do {
            try store.maintenance.backup(to: destination)
        } catch {
            throw fail("ecoute: \(error)")
        }
        print("\(destination): backup written and checked")
    }
}

/// `ecoute check`: integrity, foreign keys, the audit log's protection, the schema version.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the database: integrity, foreign keys, audit log protection, schema. Non-zero exit on a problem.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (store, _) = try self.store.open(mayCreate: false)
        let problems = try store.maintenance.check()
        for p in problems { print("\(store.location): \(p)") }
        guard problems.isEmpty else { throw ExitCode.failure }
        print("\(store.location): ok")
    }
}

/// `ecoute restore SRC`: puts a backup in place, never under a running console.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the database with a backup; refused while a console uses it.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file to restore.") var source: String

    func run() throws {
        guard case .sqlite(let target) = store.location else {
            throw fail("ecoute: " + (try EcouteCLI.environmentStrings())["restore.fileOnly"])
        }
        if FileManager.default.fileExists(atPath: target) {
            let (current, _) = try store.open()
            let now = Date()
            let host = ProcessInfo.processInfo.hostName
            let running = try current.alerts.presences().filter { $0.isAlive(now: now, localHost: host, processExists: ConsoleEffects.processExists) }
            if let console = running.first {
                throw fail("ecoute: " + (try EcouteCLI.environmentStrings()).format("restore.inUse", target, console.console.operatorName,
                                                                                   console.console.host, "\(console.console.pid)"))
            }
        }
        do {
            try SQLiteRestore.restore(from: source, to: target)
        } catch {
            throw fail("ecoute: \(error)")
        }
        print("\(target): restored from \(source)")
    }
}

/// `ecoute purge [--notes-older-than 90d]`: retention of the free-text notes, by the period given,
/// else the line's own (`--set-retention`), else 90 days.
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Erase the notes of calls saved before a retention period, keeping the anonymous record (supervisors), callback numbers past their limit and shift handoff notes past theirs.")
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Retention for this run: notes of calls saved longer ago than this are erased (days, as 90d). Default: the line's retention (--set-retention), else 90d.", valueName: "days"))
    var notesOlderThan: String?
    @Option(help: ArgumentHelp("Set the line's retention (days, as 180d) used when --notes-older-than is not given; erases nothing.", valueName: "days"))
    var setRetention: String?
    @Option(help: ArgumentHelp("Set how long shift handoff notes are kept (days, as 30d; 1 to 365, default 30d); erases nothing.", valueName: "days"))
    var setHandoffRetention: String?
    @Flag(help: "Only list what would be erased.") var dryRun = false

    static let fallbackDays = 90

    static func days(_ text: String) -> Int? {
        guard text.hasSuffix("d"), let n = Int(text.dropLast()), n >= 1 else { return nil }
        return n
    }

    func validate() throws {
        for (option, value) in [("--notes-older-than", notesOlderThan), ("--set-retention", setRetention),
                                ("--set-handoff-retention", setHandoffRetention)] {
            if let value, Self.days(value) == nil {
                throw ValidationError("\(option) takes a number of days, as 90d, not \"\(value)\"")
            }
        }
        if setRetention != nil && (notesOlderThan != nil || dryRun || setHandoffRetention != nil) {
            throw ValidationError("--set-retention only sets the line's retention: run the purge on its own")
        }
        if setHandoffRetention != nil && (notesOlderThan != nil || dryRun) {
            throw ValidationError("--set-handoff-retention only sets how long handoff notes are kept: run the purge on its own")
        }
    }

    func run() throws {
        let (store, _) = try self.store.open(mayCreate: false)
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        let now = Date()
        do {
            if let setRetention, let days = Self.days(setRetention) {
                try store.review.setNotesRetention(days: days, by: viewer, at: now)
                print("the line's retention of notes is now \(days) days (set by \(viewer.name)); nothing erased")
                return
            }
            if let setHandoffRetention, let days = Self.days(setHandoffRetention) {
                try store.handoffs.setRetention(days: days, by: viewer, at: now)
                print("handoff notes are now kept \(days) days (set by \(viewer.name)); nothing erased")
                return
            }
            // Callback numbers past the line's limit, by the engine's clock (PostgreSQL: the server's).
            if dryRun {
                print("\(try store.callbacks.numbersPastLimit(now: now)) callback number(s) would be erased (past the line's limit)")
            } else {
                let erased = try store.callbacks.eraseExpiredNumbers(now: now)
                print("\(erased.count) callback number(s) erased (past the line's limit of \(Int(try store.callbacks.numberLimit() / 3600)) h)")
            }
            // Handoff notes past the line's retention (free text: kept no longer than needed).
            let handoffs = try store.handoffs.purge(by: viewer, now: now, dryRun: dryRun)
            print("\(handoffs.count) handoff note(s)\(dryRun ? " would be" : "") removed (older than \(try store.handoffs.retentionDays()) days)")
            let (days, source): (Int, String)
            if let given = notesOlderThan.flatMap(Self.days) {
                (days, source) = (given, "--notes-older-than")
            } else if let configured = try store.review.notesRetentionDays() {
                (days, source) = (configured, "the line's retention")
            } else {
                (days, source) = (Self.fallbackDays, "the default, no retention set for the line")
            }
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            let ids = try store.review.purgeNotes(savedBefore: cutoff, reason: "retention \(days)d", by: viewer, at: now,
                                                  dryRun: dryRun)
            for id in ids { print("\(dryRun ? "would erase" : "erased") the notes of call \(id)") }
            print("\(ids.count) call(s)\(dryRun ? " would be" : "") purged of their notes (saved before \(Formatting.timestamp(cutoff, timeZone: .current)); \(days) days: \(source))")
        } catch let denied as AccessDenied {
            throw fail("ecoute: \(denied.description)")
        } catch let refused as CorrectionRefused {
            throw fail("ecoute: \(refused.description)")
        }
    }
}
