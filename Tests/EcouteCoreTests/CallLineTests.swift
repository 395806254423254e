import Foundation
import Testing
@testable import EcouteCore

@Suite struct CallLineTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/lines/lines.txt")

    @Test func theShippedFileHasTheHealthLineFirstAndThePoliceLineWithItsCategories() throws {
        let lines = try LineList.load(from: Self.shipped)
        #expect(lines.map(\.id) == [CallLine.healthID, "police"])
        #expect(lines[0] == CallLine.health)
        #expect(!lines[0].hasOwnCategories)
        let police = lines[1]
        #expect(police.number == nil)
        #expect(police.categories.count == 12)
        #expect(police.category("eleve")?.kind == .student)
        #expect(police.category("proche")?.kind == .family)
        #expect(police.category("gardienDeLaPaix")?.kind == .professional)
    }

    @Test func aBadFileNamesItsLineAndField() {
        func problem(_ text: String) -> LineList.Problem? {
            do { _ = try LineList.parse(text, file: "l.txt"); return nil } catch { return error as? LineList.Problem }
        }
        #expect(problem("line|a|A|0 805 23 23 36|A|A\nline|a|B||B|B") == LineList.Problem(file: "l.txt", line: 2, field: "id", reason: "line « a » is listed twice"))
        #expect(problem("# c\nline|a|A|08052|A|A")?.line == 2)
        #expect(problem("# c\nline|a|A|08052|A|A")?.field == "number")
        #expect(problem("line|a b|A||A|A")?.field == "id")
        #expect(problem("line|a|A||A|")?.field == "name en")
        #expect(problem("line|a|A||A")?.field == nil)
        #expect(problem("line|a|A||A")?.line == 1)
        #expect(problem("category|x|c|professional|C|C")?.field == "line id")
        #expect(problem("line|a|A||A|A\ncategory|a|c|chief|C|C")?.field == "kind")
        #expect(problem("line|a|A||A|A\ncategory|a|c|family|C|C\ncategory|a|c|other|D|D") ==
                LineList.Problem(file: "l.txt", line: 3, field: "id", reason: "category « c » is listed twice"))
        #expect(problem("line|a|Beaucoup trop long||A|A")?.field == "short")
        #expect(problem("lines|a|A||A|A")?.field == nil)
        #expect(problem("# nothing\n\n")?.reason == "no line listed")
        #expect(problem("line|a|A||A|A\ncategory|a|c|family|C|C") == nil)
        #expect(LineList.Problem(file: "l.txt", line: 3, field: "kind", reason: "r").description == "l.txt:3: kind: r")
    }

    @Test func aBOMAndCarriageReturnsAreRead() throws {
        let lines = try LineList.parse("\u{FEFF}line|a|A|01 23 45 67 89|A|A en\r\ncategory|a|c|student|C|C en\r\n", file: "l.txt")
        #expect(lines == [CallLine(id: "a", short: "A", number: "01 23 45 67 89", names: [.fr: "A", .en: "A en"],
                                   categories: [.init(id: "c", kind: .student, labels: [.fr: "C", .en: "C en"])])])
    }

    @Test func theCallRecordsItsLineAndAChangeOfLineClearsTheOtherLinesCategory() throws {
        let police = try #require(try LineList.load(from: Self.shipped).last)
        let (s, _) = try CallSession.reduce(.idle, .pickUp(callID: "c", operatorName: "op", line: "police"), now: Date()).get()
        #expect(s.draft?.line == "police")
        var profile = CallerProfile()
        profile.setLineCategory(try #require(police.category("eleve")))
        #expect(profile.status == .student && profile.category == .student && profile.lineCategory == "eleve")
        let (s2, _) = try CallSession.reduce(s, .updateProfile(profile), now: Date()).get()
        let (s3, _) = try CallSession.reduce(s2, .setLine(CallLine.healthID), now: Date()).get()
        #expect(s3.draft?.line == nil)
        #expect(s3.draft?.lineID == CallLine.healthID)
        #expect(s3.draft?.profile.lineCategory == nil && s3.draft?.profile.category == nil)
        let (h, _) = try CallSession.reduce(.idle, .pickUp(callID: "c", operatorName: "op", line: CallLine.healthID), now: Date()).get()
        #expect(h.draft?.line == nil)
    }
}
