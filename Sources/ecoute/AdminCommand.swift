import ArgumentParser
import EcouteCore
import EcouteStore
import Foundation

/// `ecoute admin …`: setting up a platform database (PostgreSQL), run by its administrator.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Set up a platform database on PostgreSQL (docs/deployment.md).",
        subcommands: [Init.self, MigrateFromSQLite.self])

    /// The platform database named by --database or ECOUTE_DATABASE.
    static func serverURL(_ store: StoreOptions) throws -> PostgresURL {
        guard case .server(let text) = store.location else {
            throw fail("ecoute admin: --database must name a PostgreSQL database (postgresql:///ecoute); the embedded file needs no setting up")
        }
        do {
            return try PostgresURL.parse(text, systemUser: SystemUser.name())
        } catch {
            throw fail("ecoute admin: \(error)")
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create or update the schema, roles (ecoute_psychologist, ecoute_supervisor, ecoute_trainer) and row-level security. Idempotent.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let url = try AdminCommand.serverURL(store)
            do {
                let applied = try PostgresStore.initialise(url)
                print(applied.isEmpty ? "\(url): already up to date" : "\(url): applied \(applied.joined(separator: ", "))")
            } catch {
                throw fail("ecoute admin init: \(url): \(error)")
            }
        }
    }

    struct MigrateFromSQLite: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-from-sqlite",
            abstract: "Copy an embedded database (calls, shifts, operators, alerts, audit log) into a new platform database, in one transaction, checked by counts.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The embedded database file to copy.") var file: String

        func run() throws {
            let url = try AdminCommand.serverURL(store)
            do {
                let counts = try SQLiteToPostgres.copy(from: file, to: url)
                for (table, rows) in counts { print("\(table)\t\(rows)") }
                print("\(file) → \(url): copied, every count checked")
            } catch {
                throw fail("ecoute admin migrate-from-sqlite: \(error)")
            }
        }
    }
}
