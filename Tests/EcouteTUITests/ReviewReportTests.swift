import EcouteCore
import Foundation
import Testing
@testable import EcouteTUI

/// `ecoute report` in each format, against golden files (Tests/EcouteTUITests/Golden/).
@Suite struct ReviewReportTests {
    typealias F = ReviewFixtures
    static let period = ReviewReport.Period(from: F.at(20, 0), to: F.at(8, 0, nextDay: true), operatorName: "psy-a")
    static let generated = F.at(9, 0, nextDay: true)

    func render(_ format: ReviewReport.Format, withNotes: Bool = false, _ language: Language = .fr) -> String {
        ReviewReport.render(format, calls: F.nightShift, period: Self.period, withNotes: withNotes, generatedAt: Self.generated,
                            timeZone: F.utc, strings: TUIFixtures.strings(language))
    }

    @Test(arguments: [ReviewReport.Format.csv, .json, .md])
    func eachFormatMatchesItsGoldenFile(_ format: ReviewReport.Format) throws {
        try assertGolden(render(format), file: "Golden/night-shift.\(format.rawValue)")
    }

    @Test func markdownInEnglishAndWithNotes() throws {
        try assertGolden(render(.md, withNotes: true, .en), file: "Golden/night-shift-notes.en.md")
    }

    @Test func csvIsOneRowPerCallAndKeepsNotesOutUnlessAsked() throws {
        let csv = render(.csv)
        #expect(csv.hasPrefix("\u{FEFF}call_id,"))
        let records = try CSV.parse(csv)
        #expect(records.count == 1 + F.nightShift.count)
        #expect(records.allSatisfy { $0.fields.count == records[0].fields.count })
        #expect(!csv.contains("Note de c1"))
        let withNotes = try CSV.parse(render(.csv, withNotes: true))
        #expect(withNotes[0].fields.last == "notes" && withNotes[1].fields.last == "Note de c1")
        #expect(records[3].fields[ReviewReport.csvColumns.firstIndex(of: "referrals_given")!] == "emergency;emergency;emergency;unit")
    }

    @Test func jsonParsesAndCarriesTheSummary() throws {
        let object = try JSONSerialization.jsonObject(with: Data(render(.json).utf8)) as! [String: Any]
        let summary = object["summary"] as! [String: Any]
        #expect(summary["calls"] as? Int == 5 && summary["median_seconds"] as? Int == 1350)
        #expect(summary["risky_calls_incomplete"] as? [String] == ["c3", "c4"])
        #expect((object["calls"] as! [[String: Any]]).allSatisfy { $0["notes"] == nil })
    }
}
