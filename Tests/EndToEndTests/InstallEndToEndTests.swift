import Foundation
import Testing

/// `make install`'s copy step into a temporary prefix: the binary runs from anywhere with its
/// resources, the man page reads, the bash completion loads.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct InstallEndToEndTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func installedIntoAPrefixItRunsFromAnotherFolder() throws {
        let manual = try #require(ProcessInfo.processInfo.environment["ECOUTE_MANUAL"], "make test generates the man page")
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-prefix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let build = URL(fileURLWithPath: ConsoleRun.binary).deletingLastPathComponent().path
        _ = try TmuxSession.run([Self.root.appendingPathComponent("scripts/install-files.sh").path, build, manual, prefix.path])
        let ecoute = prefix.appendingPathComponent("bin/ecoute").path
        #expect(try TmuxSession.run([ecoute, "--version"]).range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        // From another folder, with the resources found in the prefix, not in the build: an entry
        // added to the installed sample directory only is what a new database is seeded with.
        let sample = prefix.appendingPathComponent("share/ecoute/ecoute_EcouteResources.resources/directory/sample-directory.csv")
        let marker = "national,repere-installation,emergency,Repère d'installation,,,,,,,0800 000 000,,,no,fr,urgence,,,yes,2026-01-15\n"
        let handle = try FileHandle(forWritingTo: sample)
        handle.seekToEndOfFile()
        handle.write(Data(marker.utf8))
        handle.closeFile()
        let db = prefix.appendingPathComponent("data/ecoute.sqlite").path
        _ = try TmuxSession.run(["sh", "-c", "cd / && '\(ecoute)' operator list --db '\(db)' --create"])
        let found = try TmuxSession.run(["sh", "-c", "cd / && '\(ecoute)' directory search --db '\(db)' --kind emergency"])
        #expect(found.contains("3114 — prévention du suicide") && found.contains("Repère d'installation"))
        let page = try TmuxSession.run(["sh", "-c", "MANWIDTH=80 man -l '\(prefix.path)/share/man/man1/ecoute.1' | col -b"])
        #expect(page.contains("ecoute") && page.contains("--version"))
        let completion = try TmuxSession.run(["bash", "-c", "source '\(prefix.path)/share/bash-completion/completions/ecoute' && complete -p ecoute"])
        #expect(completion.contains("ecoute"))
        // The console is the default subcommand: its options complete before any subcommand.
        let script = "\(prefix.path)/share/bash-completion/completions/ecoute"
        #expect(try Self.bashCompletes(script, ["ecoute", "--la"]) == ["--lang"])
        #expect(try Self.bashCompletes(script, ["ecoute", "--lang", ""]) == ["fr", "en"])
        #expect(try Self.bashCompletes(script, ["ecoute", "--db", "x.sqlite", "--no-"]) == ["--no-bell"])
        #expect(try Self.bashCompletes(script, ["ecoute", "rep"]) == ["report"])
        let zsh = try String(contentsOf: prefix.appendingPathComponent("share/zsh/site-functions/_ecoute"), encoding: .utf8)
        let zshRoot = try #require(zsh.range(of: "\n_ecoute() {").flatMap { start in zsh.range(of: "\n}\n", range: start.upperBound..<zsh.endIndex).map { zsh[start.lowerBound..<$0.lowerBound] } })
        #expect(zshRoot.contains("'--lang[") && zshRoot.contains("'--no-bell["))
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/zsh/site-functions/_ecoute").path))
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/doc/ecoute/guide-utilisateur.md").path))
    }

    /// What bash offers for `words` (the last one being completed) with the installed script.
    static func bashCompletes(_ script: String, _ words: [String]) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let output = try TmuxSession.run(["bash", "-c", """
            source '\(script)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
            _ecoute ecoute "${COMP_WORDS[$COMP_CWORD]}" "${COMP_WORDS[$COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """])
        return output.split(separator: "\n").map(String.init)
    }
}
