import EcouteTestSupport
import Foundation
import Testing

/// A console saves a call while France's register is being imported into the same database's
/// directory: the save is neither refused nor delayed, and the console proposes from the new
/// directory once the import is in place.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct DirectoryImportEndToEndTests {
    /// A register extract of `lines` GPs in Lozère (48), each at a place of their own.
    static func register(_ path: URL, lines: Int) throws {
        var text = "Identifiant PP|Libellé civilité d'exercice|Nom d'exercice|Prénom d'exercice|Libellé profession|Libellé savoir-faire|"
            + "Identifiant technique de la structure|Raison sociale site|Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|"
            + "Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Code postal (coord. structure)|"
            + "Libellé commune (coord. structure)|Téléphone (coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|\r\n"
        for i in 0..<lines {
            text += "2\(i)|Docteur|Registre\(i)|Ève|Médecin|Médecine Générale|S\(i)|Cabinet|3||rue|Pasteur|48000|Mende|0466000000||48|\r\n"
        }
        try Data(text.utf8).write(to: path)
    }

    @Test func aCallIsSavedWhileTheRegisterIsImported() throws {
        let run = try ConsoleRun()
        let extract = run.folder.appendingPathComponent("PS_LibreAcces_Personne_activite.txt")
        try Self.register(extract, lines: 150_000)
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        try TruthfulRecordEndToEndTests.readyToSave(run)

        let importer = Process()
        importer.executableURL = URL(fileURLWithPath: ConsoleRun.binary)
        importer.arguments = ["directory", "import", extract.path, "--db", run.database]
        importer.standardOutput = FileHandle.nullDevice
        try importer.run()
        // The import is building its copy of the directory.
        let deadline = Date().addingTimeInterval(30)
        func building() throws -> Bool {
            try FileManager.default.contentsOfDirectory(atPath: run.folder.path).contains { $0.hasSuffix(".building") }
        }
        while try !building(), Date() < deadline, importer.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try building(), "the import never started building")

        try TruthfulRecordEndToEndTests.saveGivingReasons(run)
        // Saved while the import was still running: consoles and imports share no lock.
        #expect(importer.isRunning, "the import ended before the save: make the extract larger")
        let calls = try run.calls()
        #expect(calls.count == 1 && calls.first?["phase"] == "saved")

        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        let found = try TmuxSession.run([ConsoleRun.binary, "directory", "search", "registre149999", "--db", run.database])
        #expect(found.contains("Dr Ève Registre149999"))
    }
}
