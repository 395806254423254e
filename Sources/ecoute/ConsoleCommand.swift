import ArgumentParser

/// `ecoute` / `ecoute console`: the live call console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the call console (default).")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        print("console not yet wired")
    }
}
