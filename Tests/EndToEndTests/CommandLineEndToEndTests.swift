import EcouteTestSupport
import Foundation
import Testing

/// The command line as swift-argument-parser gives it: a version, choices checked with their
/// list, and files that may hold calls created 0600.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CommandLineEndToEndTests {
    func failure(_ arguments: [String]) -> String {
        do {
            let out = try TmuxSession.run(arguments)
            Issue.record("\(arguments.joined(separator: " ")) succeeded: \(out)")
            return ""
        } catch {
            return String(describing: error)
        }
    }

    @Test func versionAndChoices() throws {
        let version = try TmuxSession.run([ConsoleRun.binary, "--version"])
        #expect(version.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("ecoute.sqlite").path
        #expect(failure([ConsoleRun.binary, "report", "--db", db, "--format", "xml"]).contains("'csv', 'json' or 'md'"))
        #expect(failure([ConsoleRun.binary, "review", "--db", db, "--lang", "de"]).contains("'fr' and 'en'"))
        let nowhere = "postgresql:///ecoute?host=/nonexistent"
        #expect(failure([ConsoleRun.binary, "report", "--db", nowhere]).contains(TestResources.french.prefix("store.unreachable", nowhere)))
    }

    @Test func aReportFileIsPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("ecoute.sqlite").path
        let output = folder.appendingPathComponent("report.csv").path
        _ = try TmuxSession.run([ConsoleRun.binary, "operator", "list", "--db", db, "--create"])
        _ = try TmuxSession.run([ConsoleRun.binary, "report", "--db", db, "--format", "csv", "-o", output])
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).starts(with: Array("\u{FEFF}call_id,".utf8)))
        // Only the report is left in the folder: no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func badEnvironmentsGetOneSentenceOfAdvice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Not a database: named, advice given, the file left byte for byte as it was.
        let notes = folder.appendingPathComponent("notes.txt").path
        try Data("des notes, pas une base\n".utf8).write(to: URL(fileURLWithPath: notes))
        let said = failure(["env", "LANG=C.UTF-8", ConsoleRun.binary, "directory", "stats", "--db", notes])
        #expect(said.contains(TestResources.french.format("store.notADatabase", notes)))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "des notes, pas une base\n")
        // A terminal that cannot run the console is refused before anything is opened or drawn.
        let db = folder.appendingPathComponent("jamais.sqlite").path
        let dumb = failure(["env", "TERM=dumb", ConsoleRun.binary, "--db", db])
        #expect(dumb.contains(TestResources.french.format("terminal.dumb", "dumb")))
        #expect(!dumb.contains("\u{1B}["))
        #expect(!FileManager.default.fileExists(atPath: db))
        let unknown = failure(["env", "TERM=vt-inconnu", "LANG=en_US.UTF-8", ConsoleRun.binary, "review", "--db", db])
        #expect(unknown.contains(TestResources.english.format("terminal.unknown", "vt-inconnu")))
    }

    @Test func aMistypedPathCreatesNothing() throws {
        let nowhere = "/tmp/ecoute-no-such-\(UUID().uuidString)/dir/x.sqlite"
        let parent = URL(fileURLWithPath: nowhere).deletingLastPathComponent().deletingLastPathComponent().path
        // Said with the advice to add --create where the command may create one, without where it never does.
        let missing = ["store.missingFile", "store.missingFileReadOnly"].map { TestResources.french.format($0, nowhere) }
        for command in [["report"], ["check"], ["purge"], ["directory", "stats"], ["directory", "stats", "--create"],
                        ["operator", "list"], ["backup", "/tmp/ecoute-never-\(UUID().uuidString).sqlite"]] {
            let said = failure(["env", "LANG=C.UTF-8"] + [ConsoleRun.binary] + command + ["--db", nowhere])
            #expect(missing.contains(where: { said.contains($0) }), "\(command): \(said)")
            #expect(!FileManager.default.fileExists(atPath: parent), "\(command) created \(parent)")
        }
        // The console and the board, in a terminal: refused too, nothing created.
        for command in ["", "board", "review"] {
            let pane = try TmuxSession("LANG=C.UTF-8 '\(ConsoleRun.binary)' \(command) --db '\(nowhere)'; echo EXIT=$?; sleep 600")
            let screen = try pane.waitFor("EXIT=")
            // The console and the board say how to create one; the review only reads, and never creates.
            #expect(screen.contains(missing[command == "review" ? 1 : 0]) && screen.contains("EXIT=1"), "\(screen)")
            #expect(!FileManager.default.fileExists(atPath: parent))
        }
        // Asked for explicitly, it is created (folder included), then used as it is.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let asked = folder.appendingPathComponent("sub/ecoute.sqlite").path
        _ = try TmuxSession.run([ConsoleRun.binary, "operator", "list", "--db", asked, "--create"])
        #expect(FileManager.default.fileExists(atPath: asked))
        _ = try TmuxSession.run([ConsoleRun.binary, "report", "--db", asked])
    }

    @Test func noTerminalIsRefusedAtOnce() throws {
        // Standard input from /dev/null, output into a pipe: refused with exit 2, well within 2 s.
        let started = Date()
        let out = try TmuxSession.run(["bash", "-c", "TERM=xterm LANG=C.UTF-8 '\(ConsoleRun.binary)' --db /tmp/ecoute-never-\(UUID().uuidString).sqlite </dev/null | cat; echo \"EXIT=${PIPESTATUS[0]}\""])
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(out.contains("EXIT=2"), "\(out)")
        #expect(out.contains(TestResources.french["terminal.notATerminal"]), "\(out)")
    }

    /// NO_COLOR (no-color.org): attributes only. The header is reverse video, not a colour.
    @Test func noColorMeansAttributesOnly() throws {
        let run = try ConsoleRun()
        run.tmux = try TmuxSession("env -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 '\(ConsoleRun.binary)' --db '\(run.database)' --create ; sleep 600")
        try run.t.waitFor(TestResources.french["idle.title"])
        let coloured = try run.t.screenWithAttributes()
        #expect(coloured.contains("46m"), "\(coloured.prefix(200).debugDescription)")
        let plain = try ConsoleRun()
        plain.tmux = try TmuxSession("NO_COLOR=1 TERM=xterm-256color LANG=C.UTF-8 '\(ConsoleRun.binary)' --db '\(plain.database)' --create ; sleep 600")
        try plain.t.waitFor(TestResources.french["idle.title"])
        let attributes = try plain.t.screenWithAttributes()
        #expect(!attributes.contains("46m") && !attributes.contains("41m"))
        #expect(attributes.contains("\u{1B}[7m"))
    }

    /// The register's extract is recognised by its header and imported, with a summary.
    @Test func theRegistersExtractIsRecognisedAndImported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-rpps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = ["Identifiant PP", "Libellé civilité d'exercice", "Nom d'exercice", "Prénom d'exercice", "Libellé profession",
                      "Libellé savoir-faire", "Identifiant technique de la structure", "Raison sociale site", "Numéro Voie (coord. structure)",
                      "Indice répétition voie (coord. structure)", "Libellé type de voie (coord. structure)", "Libellé Voie (coord. structure)",
                      "Code postal (coord. structure)", "Libellé commune (coord. structure)", "Téléphone (coord. structure)",
                      "Adresse e-mail (coord. structure)", "Code Département (structure)"]
        let gp = ["10009", "Docteur", "Quentel", "Ève", "Médecin", "Médecine Générale", "S1", "Cabinet", "3", "", "rue", "Pasteur",
                  "48000", "Mende", "0466000000", "", "48"]
        let nurse = ["10010", "", "Petit", "Zoé", "Infirmier", "", "S2", "", "1", "", "place", "du Marché", "48000", "Mende", "", "", "48"]
        let file = folder.appendingPathComponent("PS_LibreAcces_Personne_activite.txt")
        try Data(([header, gp, nurse].map { $0.joined(separator: "|") + "|" }.joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
        let db = folder.appendingPathComponent("ecoute.sqlite").path
        let said = try TmuxSession.run([ConsoleRun.binary, "directory", "import", file.path, "--db", db, "--create"])
        #expect(said.contains("2 lines read (UTF-8)") && said.contains("kept gp: 1") && said.contains("Infirmier: 1"))
        let found = try TmuxSession.run([ConsoleRun.binary, "directory", "search", "quentel", "--db", db])
        #expect(found.contains("Dr Ève Quentel") && found.contains("04 66 00 00 00"))
    }

    /// A plain search, read without ArgumentParser, prints what the same search read by
    /// ArgumentParser prints (a `--` at the end leaves the line to ArgumentParser and means
    /// nothing more), and refuses what it refuses: a database that does not exist, a kind that
    /// is not one.
    @Test func aPlainSearchPrintsAndRefusesAsArgumentParsersReading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("ecoute.sqlite").path
        try TmuxSession.run([ConsoleRun.binary, "operator", "list", "--db", db, "--create"])
        for words in [["martin"], ["psychiatre", "lyon"], ["--kind", "gp", "--limit", "3", "69"], ["--teleconsultation", "--departement=13"]] {
            let plain = try TmuxSession.run([ConsoleRun.binary, "directory", "search", "--db", db] + words)
            let parsed = try TmuxSession.run([ConsoleRun.binary, "directory", "search", "--db", db] + words + ["--"])
            #expect(!plain.isEmpty && plain == parsed, "\(words)")
        }
        // The seeded sample is fictitious: each of its entries says so in a fourth column.
        let sample = try TmuxSession.run([ConsoleRun.binary, "directory", "search", "--db", db, "martin"]).split(separator: "\n")
        #expect(!sample.isEmpty && sample.allSatisfy { $0.split(separator: "\t").count == 4 && $0.hasSuffix("\tsample") })
        /// What the command printed when it failed (the failure's text after the command line).
        func refusal(_ arguments: [String]) -> String? {
            do { _ = try TmuxSession.run([ConsoleRun.binary, "directory", "search"] + arguments); return nil } catch {
                return "\(error)".components(separatedBy: "): ").dropFirst().joined(separator: "): ")
            }
        }
        let missing = folder.appendingPathComponent("absent.sqlite").path
        let refused = try #require(refusal(["--db", missing, "martin"]))
        #expect(refused.contains(missing) && refusal(["--db", missing, "martin", "--"]) == refused)
        #expect(!FileManager.default.fileExists(atPath: missing))
        // Results that cannot be written (a full disk) are a failure said, not a silent success;
        // a refusal that cannot be said still ends as a failure, not as a crash.
        func shellFailure(_ command: String) -> String? {
            do { _ = try TmuxSession.run(["sh", "-c", command]); return nil } catch { return "\(error)" }
        }
        let full = try #require(shellFailure("'\(ConsoleRun.binary)' directory search --db '\(db)' martin > /dev/full"))
        #expect(full.contains("could not be written"))
        let unsaid = try #require(shellFailure("'\(ConsoleRun.binary)' directory search --db '\(missing)' martin 2> /dev/full"))
        #expect(unsaid.contains("failed (status 256)"), "\(unsaid)")
        let kind = try #require(refusal(["--db", db, "--kind", "astrologue", "martin"]))
        #expect(kind.contains("astrologue") && kind.contains("psychiatrist") && refusal(["--db", db, "--kind", "astrologue", "martin", "--"]) == kind)
    }

    /// The FINESS extract is recognised by its first line (`finess;…`) and imported, with a summary.
    @Test func theEstablishmentsExtractIsRecognisedAndImported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-finess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/finess-sample.csv")
        let db = folder.appendingPathComponent("ecoute.sqlite").path
        let said = try TmuxSession.run([ConsoleRun.binary, "directory", "import", fixture.path, "--db", db, "--create"])
        #expect(said.contains("10 establishments read (UTF-8; finess;etalab;113;2026-05-12)") && said.contains("kept addiction: 4")
                && said.contains("kept unit: 2"))
        let found = try TmuxSession.run([ConsoleRun.binary, "directory", "search", "addicto", "lyon", "--db", db])
        #expect(found.contains("CENTRE DE SOINS EN ADDICTOLOGIE LES TILLEULS") && found.contains("04 65 71 00 01"))
    }
}
