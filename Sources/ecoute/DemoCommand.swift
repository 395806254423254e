import ArgumentParser
import EcouteCore
import EcouteReports
import EcouteResources
import EcouteStore
import EcouteTUI
import Foundation

/// `ecoute demo`: the real console on scripted calls, for training. It runs on a temporary
/// database of its own, seeded from Resources/, and has no option that could point it at the
/// real one.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Training mode: scripted calls on a temporary database (never the real one), then a debrief.")

    @Flag(help: "List the scenarios and exit.") var list = false
    @Option(help: "The scenario to play (a name from --list); without it, a picker opens.",
            completion: .custom { _, _, _ in DemoCommand.shippedScenarioNames() })
    var scenario: String?
    @Option(help: "A folder of scenario files to use instead of the ones shipped (docs/scenarios.md).") var scenarios: String?
    @Option(help: "Clock speed at start: 1, 2, 5, 10 or 20 (Ctrl-F / Ctrl-B change it, Ctrl-P pauses).") var speed = 1
    @OptionGroup var language: LanguageOptions
    @Option(help: "Trainee's name recorded with the demo calls and in the debrief.") var `operator` = "stagiaire"
    @Option(help: "Folder where debriefs are written with w (default: the current folder).") var debriefDir: String?

    /// The names of the scenarios shipped in Resources/, for shell completion (read only when a
    /// shell asks, never at start).
    static func shippedScenarioNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ResourceLocator.url("scenarios").path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    func validate() throws {
        guard DemoClock.speeds.contains(speed) else {
            throw ValidationError("--speed takes one of \(DemoClock.speeds.map(String.init).joined(separator: ", ")), not \(speed)")
        }
    }

    func run() throws {
        let geography = try Geography.load(from: ResourceLocator.url("geography"))
        let folder = scenarios.map { URL(fileURLWithPath: $0) } ?? ResourceLocator.url("scenarios")
        // The lines first: a scenario names its line and its caller's category there.
        let lines = try CallLines.load()
        let (loaded, problems) = ScenarioLoader.loadFolder(folder, geography: geography, callLines: lines)
        guard problems.isEmpty else {
            throw fail((["\(folder.path): \(problems.count) problem(s) in the scenarios:"] + problems.map { "  \($0)" }).joined(separator: "\n"))
        }
        guard !loaded.isEmpty else { throw fail("ecoute: " + (try language.strings()).format("demo.noScenario", folder.path)) }
        if list {
            for s in loaded { print("\(s.name)\tniveau \(s.expected.level.rawValue)\(s.expected.addiction ? " + addiction" : "")\t\(s.title)") }
            return
        }
        var chosen: Scenario?
        if let scenario {
            guard let found = loaded.first(where: { $0.name == scenario }) else {
                throw fail("ecoute: " + (try language.strings()).format("demo.unknownScenario", scenario,
                                                                          loaded.map(\.name).joined(separator: ", ")))
            }
            chosen = found
        }

        try TerminalSession.checkTerminal(try language.strings())
        // A private folder for the demo database, removed when the demo ends.
        let sandbox = try Self.makeSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let store = try StoreFactory.open(.sqlite(path: sandbox.appendingPathComponent("demo.sqlite").path), seed: StoreSeed(
            geography: geography, sampleDirectory: ResourceLocator.url("directory/sample-directory.csv")))

        let strings = try language.strings()
        let now = Date()
        var model = AppModel(session: .idle, strings: strings, geography: geography, operatorName: self.operator,
                             now: now, timeZone: .current)
        model.motifList = try MotifList.load(from: ResourceLocator.url("motifs/motifs.txt"))
        model.lines = lines
        model.line = model.lines[0].id
        model.startDemo(DemoSession(scenarios: loaded, scenario: chosen, speed: speed, start: now))
        let debriefFolder = debriefDir.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        try ConsoleShift.run(model: model, store: store) { debrief, trainee in
            Self.write(DebriefReport.markdown(debrief, operatorName: trainee, timeZone: .current, strings: strings),
                       scenario: debrief.scenario.name, in: debriefFolder)
        }
    }

    /// Writes a debrief beside the others, 0600 (it describes a trainee's work), in one piece.
    static func write(_ markdown: String, scenario: String, in folder: URL) -> Result<String, DebriefWriteError> {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let path = folder.appendingPathComponent("debrief-\(scenario)-\(formatter.string(from: Date())).md").path
        do {
            let output = try FileOutput(path: path)
            try output.write(markdown)
            try output.commit()
            return .success(path)
        } catch {
            return .failure(DebriefWriteError(reason: String(describing: error)))
        }
    }

    /// A new 0700 folder under the system's temporary folder, marked with this process's pid;
    /// sandboxes left by a demo that was killed (its pid gone) are removed first.
    static func makeSandbox() throws -> URL {
        let temp = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? [] where name.hasPrefix("ecoute-demo-") {
            let folder = temp.appendingPathComponent(name)
            let owner = (try? String(contentsOf: folder.appendingPathComponent("pid"), encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let owner, kill(owner, 0) == 0 || errno == EPERM { continue }   // a demo still running
            try? FileManager.default.removeItem(at: folder)
        }
        let sandbox = try newSandbox()
        try Data("\(getpid())\n".utf8).write(to: sandbox.appendingPathComponent("pid"))
        return sandbox
    }

    static func newSandbox() throws -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/ecoute-demo-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw fail("cannot create a temporary folder for the demo database")
        }
        return URL(fileURLWithPath: String(cString: made))
    }
}
