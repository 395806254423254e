import ArgumentParser

/// Shell completion that knows the console is the default subcommand: ArgumentParser's scripts
/// offer only the root's own flags before a subcommand, so `ecoute --l<Tab>` offered nothing
/// though `ecoute --lang en` opens the console. Bash hands options typed first to the console's
/// completion; zsh offers the console's options at the root. Fish's script is ArgumentParser's own.
enum DefaultSubcommandCompletion {
    /// `ecoute --generate-completion-script SHELL` (or `=SHELL`), when those are the arguments.
    static func requestedShell(_ arguments: [String]) -> CompletionShell? {
        let flag = "--generate-completion-script"
        if arguments.count == 2, arguments[0] == flag { return CompletionShell(rawValue: arguments[1]) }
        if arguments.count == 1, arguments[0].hasPrefix(flag + "=") {
            return CompletionShell(rawValue: String(arguments[0].dropFirst(flag.count + 1)))
        }
        return nil
    }

    static func script(for shell: CompletionShell) -> String {
        let generated = Ecoute.completionScript(for: shell)
        switch shell {
        case .bash: return bash(generated)
        case .zsh: return zsh(generated)
        default: return generated
        }
    }

    /// A first word that is an option makes the console's completion the one offered (in the
    /// root's function only).
    static func bash(_ script: String) -> String {
        let offer = "    __ecoute_offer_flags_options 0\n"
        guard let root = script.range(of: "\n_ecoute() {\n"),
              let end = script.range(of: "\n}\n", range: root.upperBound..<script.endIndex),
              let first = script.range(of: offer, range: root.upperBound..<end.lowerBound) else { return script }
        var patched = script
        patched.insert(contentsOf: """
                if [[ "${unparsed_words[0]}" = -* ]]; then
                    # Options before any subcommand are the console's, the default subcommand.
                    _ecoute_console
                    return
                fi

            """, at: first.lowerBound)
        return patched
    }

    /// The console's option specs (and the arrays they name) added to the root's.
    static func zsh(_ script: String) -> String {
        let lines = script.components(separatedBy: "\n")
        guard let console = lines.firstIndex(of: "_ecoute_console() {"),
              let consoleSpecs = lines[console...].firstIndex(of: "    local -ar arg_specs=("),
              let consoleEnd = lines[consoleSpecs...].firstIndex(of: "    )"),
              let root = lines.firstIndex(of: "_ecoute() {"),
              let rootSpecs = lines[root...].firstIndex(of: "    local -ar arg_specs=(") else { return script }
        let arrays = lines[console..<consoleSpecs].filter { $0.hasPrefix("    local -ar ___") }
        let specs = lines[(consoleSpecs + 1)..<consoleEnd].filter { !$0.contains("--version[") && !$0.contains("--help}") }
        var patched = lines
        patched.insert(contentsOf: specs, at: rootSpecs + 1)
        patched.insert(contentsOf: arrays, at: rootSpecs)
        return patched.joined(separator: "\n")
    }
}
