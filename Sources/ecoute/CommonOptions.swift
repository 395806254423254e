import ArgumentParser
import EcouteCore
import EcouteReports
import EcouteResources
import EcouteSQLite
import EcouteStore
import Foundation

/// Where the data lives, for every subcommand that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: [.customLong("db"), .customLong("database")], help: ArgumentHelp(
        "Database: a file path, or a postgresql:// URL in platform mode (docs/deployment.md). Default: $ECOUTE_DATABASE, else $XDG_DATA_HOME/ecoute/ecoute.sqlite.",
        valueName: "path-or-url"), completion: .file(extensions: ["sqlite"]))
    var db: String?

    @Flag(help: "Create the database (and its folder) if the file does not exist. Without it only the default location is created: any other path must name an existing database, so a mistyped path is refused instead of opening an empty one. Commands that only read never create.")
    var create = false

    /// Where the data is: the option, else `ECOUTE_DATABASE` (a platform host sets it for
    /// everyone), else the embedded default. Only the place: who connects comes from the OS.
    /// The variable is read alone (`getenv`): `ProcessInfo.environment` copies the whole
    /// environment into a dictionary at each use (about 0.6 million instructions each).
    var location: StoreLocation {
        let environment = getenv("ECOUTE_DATABASE").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        return StoreLocation.parse(db ?? environment ?? EcouteDatabase.defaultPath())
    }

    /// Opens the store through the one factory (creating, migrating and seeding a new one); what
    /// goes wrong is said in one sentence naming the place and what to do.
    /// `mayCreate` false: a command that only checks or reads never creates a database (by default,
    /// those that open read-only).
    /// `interactive`: a screen's store, whose statements have the console's limits on PostgreSQL.
    func open(lockWait: TimeInterval = 5, access: StoreAccess = .readWrite, mayCreate: Bool? = nil,
              interactive: Bool = false) throws -> (any Store, Geography) {
        try refuseMissingFile(mayCreate: mayCreate ?? (access == .readWrite))
        let geography = try Geography.load(from: ResourceLocator.url("geography"))
        do {
            let store = try StoreFactory.open(location, seed: StoreSeed(
                geography: geography, sampleDirectory: ResourceLocator.url("directory/sample-directory.csv")), lockWait: lockWait,
                access: access, interactive: interactive)
            return (store, geography)
        } catch let failure as StoreOpenFailure {
            let strings = try EcouteCLI.environmentStrings()
            // {2}: how long this command waited for a lock (the console waits less than the tools).
            throw fail("ecoute: " + strings.format("store.\(failure.reason.rawValue)", failure.location, String(format: "%g", lockWait))
                        + " (\(failure.detail))")
        } catch let unsupported as StoreFactory.Unsupported {
            throw fail("ecoute: \(unsupported.description)")
        }
    }
}

extension StoreOptions {
    /// The directory alone, for a command that reads nothing else (`directory search`): an
    /// embedded store's directory file opened by itself, read-only (`StoreFactory.directoryAlone`),
    /// or nil when the whole store must be opened instead (`open(access: .readOnly)`).
    func openDirectoryAlone() throws -> (any DirectoryMaintenance)? {
        try refuseMissingFile(mayCreate: false)
        return StoreFactory.directoryAlone(location, geography: try Geography.load(fromFolder: ResourceLocator.path("geography")))
    }
}

extension StoreOptions {
    /// A database file that does not exist is created only at the default location or when
    /// `--create` asks for it, and never by a command that only reads (`mayCreate` false): a
    /// mistyped `--db` would otherwise make a folder and a seeded database and read it as empty.
    func refuseMissingFile(mayCreate: Bool) throws {
        guard case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) else { return }
        if mayCreate, create || path == EcouteDatabase.defaultPath() { return }
        let strings = try EcouteCLI.environmentStrings()
        throw fail("ecoute: " + strings.format(mayCreate ? "store.missingFile" : "store.missingFileReadOnly", path))
    }
}

extension Language: EnumArgument {}
extension OperatorRole: EnumArgument {}
extension ExchangeFormat: EnumArgument {}
extension CallReport.Format: EnumArgument {}

/// The interface language, shared by every command that shows or writes text.
struct LanguageOptions: ParsableArguments {
    @Option(help: "Interface language (fr or en). Without it, an English locale gives English, anything else French.")
    var lang: Language?

    var language: Language { Language.resolve(option: lang?.rawValue, environment: ProcessInfo.processInfo.environment) }

    func strings() throws -> Strings { try Strings.load(language, from: ResourceLocator.url("strings")) }
}

/// Prints to standard error and exits with a failure status.
func fail(_ message: String) -> ExitCode {
    writeToStandardError(message + "\n")
    return ExitCode.failure
}

/// Writes to standard error. One that cannot be written (closed, a full disk) loses the text
/// instead of stopping the command: FileHandle's non-throwing `write` traps on a failed write.
func writeToStandardError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
}

enum EcouteCLI {
    /// The system user running the command, from the OS (the effective uid), never from an
    /// environment variable: `USER=chef ecoute report` is still whoever runs it.
    static func systemUser() -> String { SystemUser.name() }

    /// The UI strings in the language the environment asks for (a command's own messages, where
    /// no --lang option applies).
    static func environmentStrings() throws -> Strings {
        try Strings.load(Language.resolve(option: nil, environment: ProcessInfo.processInfo.environment), from: ResourceLocator.url("strings"))
    }

    /// "2026-11-24" or "2026-11-24 08:00" in local time.
    static func date(_ text: String, option: String) throws -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .current
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            f.dateFormat = format
            if let d = f.date(from: text) { return d }
        }
        throw ValidationError("\(option): expected a date as YYYY-MM-DD or YYYY-MM-DD HH:MM, not \"\(text)\"")
    }
}
