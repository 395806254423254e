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
        #expect(failure([ConsoleRun.binary, "report", "--db", "postgresql:///ecoute"]).contains("not supported by this version"))
    }

    @Test func aReportFileIsPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("ecoute.sqlite").path
        let output = folder.appendingPathComponent("report.csv").path
        _ = try TmuxSession.run(["env", "USER=e2e", ConsoleRun.binary, "report", "--db", db, "--format", "csv", "-o", output])
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).starts(with: Array("\u{FEFF}call_id,".utf8)))
        // Only the report is left in the folder: no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
