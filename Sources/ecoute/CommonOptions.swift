import ArgumentParser
import EcouteCore
import EcouteResources
import EcouteStore
import Foundation
import GRDB

/// Options shared by every subcommand that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/ecoute/ecoute.sqlite).")
    var db: String?

    var path: String { db ?? EcouteDatabase.defaultPath() }

    /// Opens (creating and seeding if new) the database.
    func open() throws -> (DatabasePool, Geography) {
        let geography = try GeographyLoader.load(from: ResourceLocator.url("geography"))
        let pool = try EcouteDatabase.open(path: path)
        try DefaultData.seed(pool, geography: geography, sampleDirectory: ResourceLocator.url("directory/sample-directory.csv"))
        return (pool, geography)
    }
}

/// Prints to standard error and exits with a failure status.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode.failure
}
