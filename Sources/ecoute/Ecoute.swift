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
        subcommands: [ConsoleCommand.self, BoardCommand.self, DirectoryCommand.self, DemoCommand.self, ReviewCommand.self, ReportCommand.self,
                      OperatorCommand.self, AdminCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self, PurgeCommand.self,
                      CallbacksCommand.self],
        defaultSubcommand: ConsoleCommand.self)

    /// ArgumentParser's entry, except for completion scripts, which know the default subcommand.
    static func main() {
        if let shell = DefaultSubcommandCompletion.requestedShell(Array(CommandLine.arguments.dropFirst())) {
            print(DefaultSubcommandCompletion.script(for: shell))
            return
        }
        main(nil)
    }
}
