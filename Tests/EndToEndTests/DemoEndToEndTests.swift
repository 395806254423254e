import EcouteTUI
import EcouteTestSupport
import Foundation
import Testing

/// `ecoute demo` as a trainer runs it: a scripted call played at ×20 in tmux, the debrief
/// written, and the real database — there, in the default place — left exactly as it was.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct DemoEndToEndTests {
    /// Every file below a folder with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                files[url.path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func aScriptedCallIsPlayedDebriefedAndTheRealDatabaseIsUntouched() throws {
        let run = try ConsoleRun()
        let home = run.folder
        let xdg = home.appendingPathComponent("xdg")
        let temp = home.appendingPathComponent("tmp")
        let out = home.appendingPathComponent("out")
        for folder in [xdg, temp, out] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        // A sandbox left by a demo that was killed (its process long gone): removed at the next start.
        let stale = temp.appendingPathComponent("ecoute-demo-stale1")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("2147483646\n".utf8).write(to: stale.appendingPathComponent("pid"))
        // The real database, where the console would open it by default.
        let real = xdg.appendingPathComponent("ecoute/ecoute.sqlite").path
        try TmuxSession.run([ConsoleRun.binary, "operator", "list", "--db", real, "--create"])
        let before = try Self.snapshot(xdg)
        #expect(before.keys.contains(real))

        let command = "LANG=C.UTF-8 HOME='\(home.path)' XDG_DATA_HOME='\(xdg.path)' TMPDIR='\(temp.path)' '\(ConsoleRun.binary)' demo "
            + "--scenario 04-infirmiere-nuit-epuisement --speed 20 --debrief-dir '\(out.path)'; echo EXIT=$?; sleep 600"
        run.tmux = try TmuxSession(command)
        let t = run.t
        try t.waitFor(TestResources.french["demo.banner"])
        try t.waitFor(TestResources.french["demo.idle.ring"])
        // The sandbox database exists while the demo runs, in the temporary folder only.
        let sandboxes = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix("ecoute-demo-") }
        #expect(sandboxes.count == 1 && !sandboxes.contains("ecoute-demo-stale1"))
        try t.press(.pickUp, in: .idle)
        try t.waitFor("Allô… pardon")                    // said at 0:05, 1/4 s of wall time at ×20
        try t.waitFor("On est deux pour douze lits")     // 0:45
        for (field, filter) in [(EcouteTUI.Action.editCaller, "infirm"), (.editStatus, "sal"), (.editDepartement, "69"), (.editSector, "hôp")] {
            try t.press(field, in: .inCall); try t.type(filter); try t.press(.confirm, in: OverlayKeymap.picker)
        }
        try t.press(.toggleRepeat, in: .inCall)   // first call
        try t.press(.hangUp, in: .inCall); try t.waitFor(TestResources.french["wrapUp.classification"])
        try t.press(.classify(.burnout), in: .wrapUp); try t.waitFor(TestResources.french["kind.psychiatrist"])
        try t.press(.toggleReferral, in: .wrapUp); try t.press(.toggleReferral, in: .wrapUp); try t.press(.save, in: .wrapUp)
        // The start of the scenario's title, the score on the row below it, and the banner.
        try t.waitFor(allOf: [TestResources.french.format("debrief.title", "Infirmière de nuit"),
                              TestResources.french.prefix("debrief.summary", "11", "11"), TestResources.french["demo.banner"]])
        try t.press(.demoWriteDebrief, in: DemoKeymap.forPhase(.saved))
        try t.waitFor(TestResources.french.prefix("demo.debriefWritten"))
        try t.press(.acknowledge, in: .saved); try t.waitFor(TestResources.french["picker.scenario"])
        try t.press(.cancel, in: OverlayKeymap.picker); try t.press(.quit, in: .idle)
        try t.waitFor("EXIT=0")

        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".md") }
        #expect(written.count == 1 && written[0].hasPrefix("debrief-04-infirmiere-nuit-epuisement-"))
        let markdown = try String(contentsOf: out.appendingPathComponent(written[0]), encoding: .utf8)
        let burnout = "3 " + TestResources.french["level.3"]
        #expect(markdown.contains("| ✓ | \(TestResources.french["debrief.field.level"]) | \(burnout) | \(burnout) |"))
        // Nothing of the real database was opened for writing, nor any file added beside it.
        #expect(try Self.snapshot(xdg) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix("ecoute-demo-") }.isEmpty)
    }
}
