import ArgumentParser
import EcouteCore
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
        let (store, _) = try self.store.open()
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
        let (store, _) = try self.store.open()
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
        guard case .sqlite(let target) = store.location else { throw fail("ecoute: restore works on a database file") }
        if FileManager.default.fileExists(atPath: target) {
            let (current, _) = try store.open()
            let now = Date()
            let host = ProcessInfo.processInfo.hostName
            let running = try current.alerts.presences().filter { $0.isAlive(now: now, localHost: host, processExists: ConsoleEffects.processExists) }
            if let console = running.first {
                throw fail("ecoute: \(target) is in use by the console of \(console.console.operatorName) on \(console.console.host) (pid \(console.console.pid)): close every console, then restore")
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

/// `ecoute purge --notes-older-than 90d`: retention of the free-text notes.
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Erase the notes of calls saved before a retention period, keeping the anonymous record (supervisors).")
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Retention: notes of calls saved longer ago than this are erased (days, as 90d).", valueName: "days"))
    var notesOlderThan: String = "90d"
    @Flag(help: "Only list what would be erased.") var dryRun = false

    var days: Int? {
        guard notesOlderThan.hasSuffix("d"), let n = Int(notesOlderThan.dropLast()), n >= 1 else { return nil }
        return n
    }

    func validate() throws {
        guard days != nil else { throw ValidationError("--notes-older-than takes a number of days, as 90d, not \"\(notesOlderThan)\"") }
    }

    func run() throws {
        let (store, _) = try self.store.open()
        let viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
        let now = Date()
        let cutoff = now.addingTimeInterval(-Double(days!) * 86_400)
        do {
            let ids = try store.review.purgeNotes(savedBefore: cutoff, reason: "retention \(notesOlderThan)", by: viewer, at: now,
                                                  dryRun: dryRun)
            for id in ids { print("\(dryRun ? "would erase" : "erased") the notes of call \(id)") }
            print("\(ids.count) call(s)\(dryRun ? " would be" : "") purged of their notes (saved before \(Formatting.timestamp(cutoff, timeZone: .current)))")
        } catch let denied as AccessDenied {
            throw fail("ecoute: \(denied.description)")
        }
    }
}
