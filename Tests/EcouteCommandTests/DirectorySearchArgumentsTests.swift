import ArgumentParser
import EcouteCore
import Testing
@testable import ecoute

/// `ecoute directory search` read without ArgumentParser (`DirectorySearchArguments`) means what
/// ArgumentParser reads from the same command line, or is left to ArgumentParser.
@Suite struct DirectorySearchArgumentsTests {
    /// ArgumentParser's reading of the arguments after `directory search`, or nil when it refuses them.
    static func parsed(_ arguments: [String]) -> DirectorySearchArguments? {
        guard let command = try? Ecoute.parseAsRoot(["directory", "search"] + arguments) else { return nil }
        return (command as? DirectoryCommand.Search)?.arguments
    }

    static let plain: [[String]] = [
        [], ["martin"], ["psychiatre", "lyon"], ["médecin", "généraliste", "69"], ["addicto", "13", "téléconsultation"],
        ["--kind", "psychiatrist", "lyon"], ["lyon", "--kind=gp"], ["x", "--limit", "5", "y"], ["--limit=0"],
        ["--teleconsultation", "dupont"], ["--departement", "2A", "--region", "94", "ajaccio"],
        ["--db", "/tmp/a.sqlite", "--create", "martin"], ["--database=/tmp/b.sqlite", "martin"],
        ["--db", "postgresql://ecoute@localhost/ecoute", "martin"], [""], ["jean=marc"], ["l'hôpital", "saint-étienne"],
        ["--limit", "+7", "a"], ["help"], ["martin", "help"], ["search"],
    ]

    @Test(arguments: plain)
    func aPlainSearchIsReadAsArgumentParserReadsIt(_ arguments: [String]) throws {
        let plainly = try #require(DirectorySearchArguments.readPlainly(arguments))
        #expect(plainly == Self.parsed(arguments))
    }

    static let leftToArgumentParser: [[String]] = [
        ["--help"], ["-h"], ["help"] + ["--help"], ["--", "-x"], ["martin", "--"], ["--kind", "nope"], ["--kind"],
        ["--limit", "x"], ["--limit", "-1"], ["--limit="], ["--kind", "gp", "--kind", "psychiatrist"], ["--db", "a", "--database", "b"],
        ["--teleconsultation", "--teleconsultation"], ["--teleconsultation=true"], ["--create=yes"], ["--lang", "en"],
        ["--version"], ["-"], ["--generate-completion-script", "bash"], ["--departement", "--region", "84"],
    ]

    @Test(arguments: leftToArgumentParser)
    func anythingElseIsLeftToArgumentParser(_ arguments: [String]) {
        #expect(DirectorySearchArguments.readPlainly(arguments) == nil)
    }

    /// Command lines drawn from the words and options a search is typed with, in any order: each
    /// one read plainly is read the same by ArgumentParser.
    @Test func randomCommandLinesReadPlainlyMeanWhatArgumentParserReads() {
        let tokens = ["martin", "lyon", "69", "2A", "gp", "psychiatrist", "--kind", "--kind=gp", "--limit", "3", "--limit=12",
                      "--departement", "--region", "--teleconsultation", "--db", "/tmp/x.sqlite", "--database=/tmp/y", "--create",
                      "--", "-x", "--nope", "", "é"]
        var generator = SeededGenerator(seed: 26)
        var readPlainly = 0
        for _ in 0..<1200 {
            let count = Int.random(in: 0...6, using: &generator)
            let arguments = (0..<count).map { _ in tokens.randomElement(using: &generator)! }
            guard let plainly = DirectorySearchArguments.readPlainly(arguments) else { continue }
            readPlainly += 1
            #expect(plainly == Self.parsed(arguments), "\(arguments)")
        }
        #expect(readPlainly > 150)
    }

    /// The reader knows every option the command has, and only those: an option added to the
    /// command and not here would otherwise be read as a word.
    @Test func theReaderKnowsTheCommandsOptions() {
        let help = DirectoryCommand.Search.helpMessage(columns: 400)
        let listed = Set(help.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "<" || $0 == "=" })
            .filter { $0.hasPrefix("--") }.map(String.init))
        #expect(listed.subtracting(["--help"]) == Set(DirectorySearchArguments.optionNames))
    }
}
