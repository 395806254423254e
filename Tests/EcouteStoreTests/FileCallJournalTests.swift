import EcouteCore
import EcouteStore
import Foundation
import Testing

/// The journal's files: the operator's own (0600 in a 0700 folder), per database, replaced whole.
@Suite struct FileCallJournalTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-journal-\(UUID().uuidString)")
    let me = ConsoleIdentity(id: "console/1", host: "poste", pid: 10, operatorName: "psy")

    @Test func theSupervisorsToCallAreKeptPerDatabaseWithTheirPhones() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try FileCallJournal(folder: folder, console: me, location: "postgresql://psy@/ecoute")
        journal.keepSupervisors([OperatorRecord(name: "chef", role: .supervisor, systemUser: nil, phone: "06 99 00 00 01"),
                                 OperatorRecord(name: "sans-tel", role: .supervisor, systemUser: nil)])
        #expect(journal.knownSupervisors() == [OperatorRecord(name: "chef", role: .supervisor, systemUser: nil, phone: "06 99 00 00 01")])
        let elsewhere = try FileCallJournal(folder: folder, console: me, location: "/autre.sqlite")
        #expect(elsewhere.knownSupervisors().isEmpty)
        let folderMode = (try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(folderMode == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let mode = (try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(name)")
        }
    }

    @Test func aCallIsKeptThenDroppedOnceWrittenAndOnlyAStoppedConsolesCopyIsOffered() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try FileCallJournal(folder: folder, console: me, location: "/a.sqlite")
        var draft = CallDraft(id: "c1", operatorName: "psy", pickedUpAt: Date(timeIntervalSince1970: 1_795_500_000))
        draft.notes = "nuit difficile"
        try journal.keep(draft)
        let other = ConsoleIdentity(id: "console-2", host: "poste", pid: 20, operatorName: "psy")
        let next = try FileCallJournal(folder: folder, console: other, location: "/a.sqlite")
        #expect(next.leftovers(processExists: { $0 == 10 }).isEmpty)          // still running: not offered
        #expect(next.leftovers(processExists: { _ in false }) == [draft])     // stopped: offered, byte for byte
        // An older version written does not drop a newer copy; the same version does.
        var older = draft
        older.updatedAt = draft.updatedAt - 1
        journal.written(older)
        #expect(next.leftovers(processExists: { _ in false }).count == 1)
        journal.written(draft)
        #expect(next.leftovers(processExists: { _ in false }).isEmpty)
    }
}
