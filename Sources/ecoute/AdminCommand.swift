import ArgumentParser
import EcouteCore
import EcoutePostgres
import EcouteStore
import Foundation

/// `ecoute admin …`: setting up a platform database (PostgreSQL), run by its administrator.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Set up a platform database on PostgreSQL (docs/deployment.md).",
        subcommands: [Init.self, MigrateFromSQLite.self, Lines.self])

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

    /// `ecoute admin lines`: which lines each supervisor's role supervises (row-level security on
    /// calls, alerts, seals and callback requests). A supervisor with no assignment sees every line.
    struct Lines: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lines", abstract: "Assign supervisors to the lines they see (docs/operations.md).",
            subcommands: [Assign.self, Unassign.self, List.self], defaultSubcommand: List.self)

        struct Assign: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "assign", abstract: "Let a supervisor's role see a line's calls (and only its lines' from then on).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The supervisor's PostgreSQL role.") var supervisor: String
            @Argument(help: "The line's id (Resources/lines/lines.txt).") var line: String

            func run() throws {
                let url = try AdminCommand.serverURL(store)
                let lines = try CallLines.load()
                guard lines.contains(where: { $0.id == line }) else {
                    throw fail("ecoute admin lines assign: \(line): not a line of this platform (\(lines.map(\.id).joined(separator: ", ")))")
                }
                do {
                    try PostgresLineAssignments.assign(supervisor, to: line, url)
                    print("\(supervisor): supervises \(line)")
                } catch {
                    throw fail("ecoute admin lines assign: \(url): \(error)")
                }
            }
        }

        struct Unassign: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Take a line from a supervisor's role (with none left, it sees every line).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The supervisor's PostgreSQL role.") var supervisor: String
            @Argument(help: "The line's id.") var line: String

            func run() throws {
                let url = try AdminCommand.serverURL(store)
                do {
                    let removed = try PostgresLineAssignments.unassign(supervisor, from: line, url)
                    guard removed else { throw fail("ecoute admin lines unassign: \(supervisor) was not assigned to \(line)") }
                    print("\(supervisor): no longer supervises \(line)")
                } catch let exit as ExitCode {
                    throw exit
                } catch {
                    throw fail("ecoute admin lines unassign: \(url): \(error)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "The assignments, one a line (supervisor, line, by, at).")
            @OptionGroup var store: StoreOptions

            func run() throws {
                let url = try AdminCommand.serverURL(store)
                do {
                    let assignments = try PostgresLineAssignments.list(url)
                    if assignments.isEmpty { print("no assignment: every supervisor sees every line") }
                    for a in assignments {
                        print("\(a.supervisor)\t\(a.line)\t\(a.assignedBy)\t\(ISO8601DateFormatter().string(from: a.assignedAt))")
                    }
                } catch {
                    throw fail("ecoute admin lines list: \(url): \(error)")
                }
            }
        }
    }
}
