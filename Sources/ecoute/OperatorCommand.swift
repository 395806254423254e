import ArgumentParser
import EcouteCore
import EcoutePostgres
import EcouteStore
import Foundation

/// `ecoute operator …`: pseudonymous operators, their role, and the system user each maps to.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Register operators and their roles (psychologist, supervisor, trainer).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add or change an operator. Only a supervisor may, except to register the first supervisor; on PostgreSQL, the database administrator.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The operator's pseudonym, as recorded with calls.") var name: String
        @Option(help: "The operator's role.") var role: OperatorRole
        @Option(help: "The system user who acts as this operator (embedded database; on PostgreSQL the operator logs in as the role NAME, mapped by pg_ident.conf).")
        var systemUser: String?
        @Option(help: "A phone number where this supervisor can be called (shown on the protocol screen).") var phone: String?

        func validate() throws {
            if let problem = OperatorName.problem(name) { throw ValidationError(problem) }
        }

        /// Whether this process's user owns the file (the database's owner).
        static func ownsFile(_ path: String) -> Bool {
            var info = stat()
            return stat(path, &info) == 0 && info.st_uid == geteuid()
        }

        func run() throws {
            let (store, _) = try self.store.open()
            let me = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
            if case .server = self.store.location {
                // On PostgreSQL the engine decides who registers operators: a role that may create
                // roles and write ecoute.operators (saveOperator says which is missing).
            } else if try store.operators.hasSupervisor() {
                guard me.role == .supervisor else {
                    throw fail("ecoute: " + (try EcouteCLI.environmentStrings()).format("operator.notSupervisor", me.name))
                }
            } else if case .sqlite(let path) = self.store.location, !Self.ownsFile(path) {
                // The first supervisor is registered by whoever owns the database file.
                throw fail("ecoute: " + (try EcouteCLI.environmentStrings()).format("operator.notOwner", me.name, path))
            }
            if case .server = self.store.location, let systemUser, systemUser != name {
                // On PostgreSQL an operator logs in as their own role: the system user is tied to it by
                // the server's authentication (pg_ident.conf), not by ecoute.
                throw fail("ecoute: " + (try EcouteCLI.environmentStrings()).format("operator.systemUserOnPostgres", systemUser, name))
            }
            do {
                try store.operators.saveOperator(OperatorRecord(name: name, role: role, systemUser: systemUser, phone: phone), now: Date())
            } catch let needed as PlatformAdministratorRequired {
                throw fail("ecoute: " + (try EcouteCLI.environmentStrings()).format("operator.platformAdministratorRequired", needed.connectedAs,
                                                                                   needed.operatorName, needed.grants.joined(separator: " ")))
            }
            print("\(name): \(role.rawValue)\(systemUser.map { " (system user \($0))" } ?? "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the operators.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let (store, _) = try self.store.open()
            for o in try store.operators.operators() {
                print("\(o.name)\t\(o.role.rawValue)\t\(o.systemUser ?? "-")\t\(o.phone ?? "-")")
            }
        }
    }
}
