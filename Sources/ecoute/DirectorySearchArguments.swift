import ArgumentParser
import EcouteCore

/// What `ecoute directory search` was asked, and the search's plain command lines read without
/// ArgumentParser.
///
/// ArgumentParser learns a command's options by reflecting its type at every start (`Mirror`,
/// and a cast per property wrapper): in the static binary each new cast is a scan of its 9,400
/// protocol conformances, about a third of a cold search's time (docs/benchmarks.md). A search is
/// typed often and must answer like the sqlite3 shell would, so `Ecoute.main` reads the forms a
/// search is typed in here: the words, `--kind`, `--departement`, `--region`, `--limit`,
/// `--teleconsultation`, `--db`/`--database` and `--create`, each option at most once, as
/// `--name value` or `--name=value`. Anything else — help, `--`, a short option, an unknown or
/// repeated option, a value ArgumentParser would refuse or read otherwise — is not read here and
/// goes to ArgumentParser, which parses it, explains it or refuses it as for any command.
/// `DirectorySearchArgumentsTests` checks that every command line read here means what
/// ArgumentParser reads from it, and that the options read here are the command's options.
struct DirectorySearchArguments: Equatable {
    var words: [String] = []
    var kind: ReferralKind?
    var departement: String?
    var region: String?
    var teleconsultation = false
    var limit = 20
    var database: String?
    var create = false

    /// The options this reader knows, as `--help` lists them (`--db` and `--database` are one).
    static let optionNames = ["--db", "--database", "--create", "--kind", "--departement", "--region", "--teleconsultation", "--limit"]

    /// The arguments after `directory search`, or nil when they are not a plain search.
    static func readPlainly(_ arguments: [String]) -> DirectorySearchArguments? {
        var read = DirectorySearchArguments()
        var seen: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                read.words.append(argument)
                continue
            }
            // `--name=value` or `--name value`; the value of a flag is never attached.
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let option = name == "--database" ? "--db" : name   // one option, two names
            guard optionNames.contains(name), !seen.contains(option) else { return nil }
            seen.append(option)
            if name == "--teleconsultation" || name == "--create" {
                guard parts.count == 1 else { return nil }
                if name == "--teleconsultation" { read.teleconsultation = true } else { read.create = true }
                continue
            }
            let value: String
            if parts.count == 2 {
                value = String(parts[1])
            } else {
                guard index < arguments.count else { return nil }
                value = arguments[index]
                index += 1
            }
            // A value that looks like an option, or none at all, is ArgumentParser's to judge.
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "--kind":
                guard let kind = ReferralKind(argument: value) else { return nil }
                read.kind = kind
            case "--departement": read.departement = value
            case "--region": read.region = value
            case "--limit":
                guard let limit = Int(argument: value) else { return nil }
                read.limit = limit
            default: read.database = value
            }
        }
        return read
    }
}

extension DirectoryCommand.Search {
    /// What this search was asked.
    var arguments: DirectorySearchArguments {
        DirectorySearchArguments(words: text, kind: kind, departement: departement, region: region, teleconsultation: teleconsultation,
                                 limit: limit, database: store.db, create: store.create)
    }

    /// The search these arguments ask for, as ArgumentParser would have made it from them.
    init(_ arguments: DirectorySearchArguments) {
        self.init()
        var store = StoreOptions()
        store.db = arguments.database
        store.create = arguments.create
        self.store = store
        text = arguments.words
        kind = arguments.kind
        departement = arguments.departement
        region = arguments.region
        teleconsultation = arguments.teleconsultation
        limit = arguments.limit
    }
}
