import ArgumentParser

/// The `ecoute` command: the console by default, and the tools around it.
@main
struct Ecoute: ParsableCommand {
    /// The version `ecoute --version` prints.
    static let version = "0.4.0"

    static let configuration = CommandConfiguration(
        commandName: "ecoute",
        abstract: "Console d'écoute pour la ligne de soutien psychologique des professionnels de santé.",
        version: version,
        subcommands: [ConsoleCommand.self, BoardCommand.self, DirectoryCommand.self, DemoCommand.self, ReviewCommand.self, ReportCommand.self,
                      OperatorCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self, PurgeCommand.self],
        defaultSubcommand: ConsoleCommand.self)
}
