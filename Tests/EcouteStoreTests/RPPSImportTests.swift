import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// France's register (RPPS extract), from a small file of our own making: both encodings, a
/// trailing `|`, CRLF, a professional with two places, Corsica and overseas postcodes, a missing
/// phone, other professions, a reordered header, a missing column, a re-import that retires.
@Suite struct RPPSImportTests {
    /// The columns read, in the extract's own order, with a few others around them.
    static let columns = ["Type d'identifiant PP", "Identifiant PP", "Code civilité d'exercice", "Libellé civilité d'exercice",
                          "Nom d'exercice", "Prénom d'exercice", "Code profession", "Libellé profession", "Libellé savoir-faire",
                          "Identifiant technique de la structure", "Raison sociale site", "Numéro Voie (coord. structure)",
                          "Indice répétition voie (coord. structure)", "Libellé type de voie (coord. structure)",
                          "Libellé Voie (coord. structure)", "Code postal (coord. structure)", "Libellé commune (coord. structure)",
                          "Téléphone (coord. structure)", "Adresse e-mail (coord. structure)", "Code Département (structure)"]

    static func line(_ values: [String: String]) -> String {
        columns.map { values[$0] ?? "" }.joined(separator: "|")
    }

    static func person(_ id: String, _ first: String, _ last: String, profession: String, skill: String, site: String,
                       number: String = "12", street: String = "rue de la République", postcode: String, town: String,
                       phone: String = "0472000000", dep: String = "") -> [String: String] {
        ["Type d'identifiant PP": "8", "Identifiant PP": id, "Libellé civilité d'exercice": profession == "Médecin" ? "Docteur" : "",
         "Nom d'exercice": last, "Prénom d'exercice": first, "Libellé profession": profession, "Libellé savoir-faire": skill,
         "Identifiant technique de la structure": site, "Raison sociale site": "Cabinet \(last)", "Numéro Voie (coord. structure)": number,
         "Libellé Voie (coord. structure)": street, "Code postal (coord. structure)": postcode, "Libellé commune (coord. structure)": town,
         "Téléphone (coord. structure)": phone, "Code Département (structure)": dep]
    }

    static var lines: [String] {
        [
            columns.joined(separator: "|"),
            line(person("10001", "Hélène", "Martin", profession: "Médecin", skill: "Médecine Générale", site: "S1", postcode: "69003", town: "Lyon", dep: "69")),
            // The same doctor at a second place: a second entry.
            line(person("10001", "Hélène", "Martin", profession: "Médecin", skill: "Médecine Générale", site: "S2", postcode: "69100", town: "Villeurbanne")),
            // The same doctor at the first place again (another line of the extract): one entry.
            line(person("10001", "Hélène", "Martin", profession: "Médecin", skill: "Médecine générale", site: "S1", postcode: "69003", town: "Lyon")),
            line(person("10002", "Paul", "Santoni", profession: "Médecin", skill: "Psychiatrie", site: "S3", postcode: "20090", town: "Ajaccio")),
            line(person("10003", "Anna", "Leca", profession: "Médecin", skill: "Psychiatrie de l'enfant et de l'adolescent", site: "S4",
                        postcode: "20200", town: "Bastia")),
            line(person("10004", "Rose", "Payet", profession: "Psychologue", skill: "", site: "S5", postcode: "97400", town: "Saint-Denis",
                        phone: "+262 262 00 00 00")),
            // No phone, but an address: kept.
            line(person("10005", "Marc", "Dubois", profession: "Psychologue", skill: "", site: "S6", postcode: "59000", town: "Lille", phone: "")),
            // Neither address nor phone: skipped.
            line(person("10006", "Léa", "Blanc", profession: "Psychologue", skill: "", site: "S7", number: "", street: "", postcode: "75001",
                        town: "Paris", phone: "")),
            line(person("10007", "Jean", "Roux", profession: "Pharmacien", skill: "", site: "S8", postcode: "75001", town: "Paris")),
            line(person("10008", "Luc", "Noir", profession: "Médecin", skill: "Cardiologie", site: "S9", postcode: "75001", town: "Paris")),
        ]
    }

    func write(_ lines: [String], ending: String = "\n", trailingBar: Bool = false, encoding: String.Encoding = .utf8) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rpps-\(UUID().uuidString).txt").path
        let text = lines.map { $0 + (trailingBar ? "|" : "") + ending }.joined()
        try text.data(using: encoding)!.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func eachColumnsOrdinalIsItsPlaceAmongAllColumns() {
        // The importer keeps column positions in an array indexed by the ordinal.
        for (place, column) in RPPSExtract.Column.allCases.enumerated() { #expect(column.ordinal == place, "\(column)") }
    }

    @Test(arguments: [(String.Encoding.utf8, "\n", false), (.windowsCP1252, "\r\n", true)])
    func kindsPlacesDepartementsAndSkipsInEitherEncoding(_ encoding: String.Encoding, _ ending: String, _ trailingBar: Bool) throws {
        let t = try TemporaryDatabase()
        let path = try write(Self.lines, ending: ending, trailingBar: trailingBar, encoding: encoding)
        defer { unlink(path) }
        let report = try RPPSImporter(file: t.directoryFile, geography: TestResources.geography).importFile(path)
        #expect(report.encoding == (encoding == .utf8 ? "UTF-8" : "Windows-1252"))
        #expect(report.lines == 10)
        #expect(report.kept == [.gp: 2, .psychiatrist: 2, .psychologist: 2])
        #expect(report.duplicates == 1 && report.skippedNoContact == 1)
        #expect(report.skippedProfessions == ["Pharmacien": 1, "Médecin — Cardiologie": 1])
        let entries = Dictionary(uniqueKeysWithValues: try t.directory.allEntries().filter { $0.source == "rpps" }.map { ($0.sourceID, $0) })
        #expect(entries["10001-S1-gp"]?.name == "Dr Hélène Martin" && entries["10001-S1-gp"]?.kind == .gp)
        #expect(entries["10001-S1-gp"]?.phones == ["04 72 00 00 00"] && entries["10001-S1-gp"]?.address == "12 rue de la République")
        #expect(entries["10001-S2-gp"]?.departement == "69")                 // from the postcode
        #expect(entries["10002-S3-psychiatrist"]?.departement == "2A" && entries["10003-S4-psychiatrist"]?.departement == "2B")
        #expect(entries["10004-S5-psychologist"]?.departement == "974" && entries["10004-S5-psychologist"]?.name == "Rose Payet")
        #expect(entries["10005-S6-psychologist"]?.phones == [])
        // Proposals use them.
        let ranked = try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 5)
        #expect(ranked.map(\.entry.name).contains("Dr Hélène Martin"))
    }

    @Test func aReorderedHeaderIsReadByNameAndAMissingColumnIsNamed() throws {
        let t = try TemporaryDatabase()
        let reordered = Self.lines.map { line -> String in
            var fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            fields.swapAt(1, 4)
            return fields.joined(separator: "|")
        }
        let path = try write(reordered)
        defer { unlink(path) }
        #expect(try RPPSImporter(file: t.directoryFile, geography: TestResources.geography).importFile(path).kept[.gp] == 2)
        let missing = try write([Self.lines[0].replacingOccurrences(of: "|Code postal (coord. structure)", with: "")] + Array(Self.lines.dropFirst()))
        defer { unlink(missing) }
        do {
            _ = try RPPSImporter(file: t.directoryFile, geography: TestResources.geography).importFile(missing)
            Issue.record("a file without a postcode column was accepted")
        } catch {
            #expect(String(describing: error).contains("required column « Code postal (coord. structure) » missing"))
        }
    }

    @Test func aReimportRetiresWhoLeftAndLeavesCuratedEntriesAlone() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("u1", .unit, "69")])
        let importer = RPPSImporter(file: t.directoryFile, geography: TestResources.geography)
        let first = try write(Self.lines)
        defer { unlink(first) }
        _ = try importer.importFile(first)
        // The next extract no longer has Dr Santoni: one of six, more than the guard lets go
        // unless told (RPPSGuardTests).
        let second = try write(Self.lines.filter { !$0.contains("Santoni") })
        defer { unlink(second) }
        let report = try importer.importFile(second, options: RPPSImportOptions(allowShrink: true))
        #expect(report.retired == 1)
        let all = try t.directory.allEntries()
        #expect(all.first { $0.sourceID == "10002-S3-psychiatrist" }?.active == false)
        #expect(all.first { $0.sourceID == "10001-S1-gp" }?.active == true)
        #expect(all.first { $0.sourceID == "u1" }?.active == true)
        // Full-text search follows.
        #expect(try t.directory.search("santoni", limit: 5).isEmpty)
        #expect(try t.directory.search("martin", limit: 5).count == 2)
    }
}

@Suite struct RPPSMappingTests {
    @Test func phonesAndDepartements() {
        #expect(RPPSExtract.phone("04.72.00.00.00") == "04 72 00 00 00")
        #expect(RPPSExtract.phone("+33472000000") == "04 72 00 00 00")
        #expect(RPPSExtract.phone("") == nil)
        let g = TestResources.geography
        #expect(RPPSExtract.departement(code: "", postcode: "20000", geography: g) == "2A")
        #expect(RPPSExtract.departement(code: "", postcode: "20600", geography: g) == "2B")
        #expect(RPPSExtract.departement(code: "", postcode: "97100", geography: g) == "971")
        #expect(RPPSExtract.departement(code: "13", postcode: "75001", geography: g) == "13")
        #expect(RPPSExtract.kind(profession: "MÉDECIN", skill: "médecine générale") == .gp)
        #expect(RPPSExtract.kind(profession: "Infirmier", skill: "") == nil)
    }
}
