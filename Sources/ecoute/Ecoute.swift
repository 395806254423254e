import ArgumentParser

/// The `ecoute` command: the console by default, and the tools around it.
@main
struct Ecoute: ParsableCommand {
    /// The version `ecoute --version` prints.
    static let version = "0.4.0"

    static let configuration = CommandConfiguration(
        commandName: "ecoute",
        abstract: "The call console of the psychological support line for health professionals and students.",
        discussion: "The console opens by default (ecoute console). French by default, --lang en for English. User guide: docs/guide-utilisateur.md.",
        version: version,
        subcommands: subcommands,
        defaultSubcommand: namesAnotherSubcommand(CommandLine.arguments.dropFirst().first) ? nil : ConsoleCommand.self)

    static var subcommands: [ParsableCommand.Type] {
        [
            ConsoleCommand.self, BoardCommand.self, DirectoryCommand.self, DemoCommand.self, ReviewCommand.self, ReportCommand.self,
            OperatorCommand.self, AdminCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self, PurgeCommand.self,
            CallbacksCommand.self,
        ]
    }

    /// Whether `word`, the first argument, names a subcommand other than the console. The console
    /// is the default subcommand only otherwise: ArgumentParser reflects the default subcommand's
    /// whole option tree (its option groups, each a conformance scan of the static binary) at
    /// every parse, even when another subcommand is named, and a named subcommand is always taken
    /// before the default is looked at, so the parse is the same without it (a cold `ecoute
    /// directory search` runs about 2.5 million instructions and five scans fewer,
    /// docs/benchmarks.md). `ecoute`, `ecoute --lang en`, `ecoute --help`, `ecoute help`,
    /// completion scripts and the manual keep the console as the default.
    static func namesAnotherSubcommand(_ word: String?) -> Bool {
        guard let word else { return false }
        return subcommands.contains { command in
            command != ConsoleCommand.self
                && (command.configuration.commandName == word || command.configuration.aliases.contains(word))
        }
    }

    /// ArgumentParser's entry, except for completion scripts, which know the default subcommand,
    /// and for a plain directory search, read without reflecting the command types
    /// (`DirectorySearchArguments`).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let shell = DefaultSubcommandCompletion.requestedShell(arguments) {
            print(DefaultSubcommandCompletion.script(for: shell))
            return
        }
        if arguments.starts(with: ["directory", "search"]),
           let search = DirectorySearchArguments.readPlainly(Array(arguments.dropFirst(2))) {
            do {
                try DirectoryCommand.Search(search).run()
            } catch {
                exit(withError: error)   // as ArgumentParser ends any of its commands
            }
            return
        }
        main(nil)
    }
}
