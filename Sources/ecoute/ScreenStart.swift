import EcouteCore
import EcouteStore
import Foundation

/// What a live screen (console, board, review) starts from, opened in this order so that what
/// the user can fix is refused before anything is opened: the strings, the platform's lines (and
/// the line asked for), a terminal the screen can run on, then the store with a screen's limits
/// and the viewer at the keyboard.
struct ScreenStart {
    let strings: Strings
    let lines: [CallLine]
    /// The line this screen answers: `--line`'s, else the platform's first.
    let line: CallLine
    private(set) var store: any Store
    private(set) var geography: Geography
    /// Who runs the screen: the system user, under the pseudonym it is registered with (`ecoute
    /// operator add NAME --system-user LOGIN`), else its login.
    let viewer: Viewer

    /// `interactive`: a statement waits up to 5 s for another writer on the effect worker's thread
    /// (the screen never waits on it; a write still refused stays on screen and is retried), and
    /// on PostgreSQL has the console's limits (`ConsoleLimits`).
    init(store options: StoreOptions, language: LanguageOptions, access: StoreAccess = .readWrite, line: String? = nil) throws {
        strings = try language.strings()
        lines = try CallLines.load()
        self.line = try CallLines.choose(line, in: lines)
        try TerminalSession.checkTerminal(strings)
        (store, geography) = try options.open(lockWait: 5, access: access, interactive: true)
        viewer = try store.operators.viewer(systemUser: EcouteCLI.systemUser())
    }

    /// Opens the store again for writing (a store first opened read-only, until the viewer was known).
    mutating func reopenForWriting(_ options: StoreOptions) throws {
        store.close()
        (store, geography) = try options.open(lockWait: 5, interactive: true)
    }
}
