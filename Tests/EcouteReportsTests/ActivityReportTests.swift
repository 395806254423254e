import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// The activity report over three months, against golden files; masked for publication; the
/// per-operator section only for supervisors.
@Suite struct ActivityReportTests {
    typealias F = ActivityFixtures

    func options(maskSmall: Bool = false, perOperator: Bool = true, byDepartement: Bool = false,
                 _ language: Language = .fr) -> ActivityReport.Options {
        ActivityReport.Options(from: F.start, to: F.end, grouping: .month, maskSmall: maskSmall, byDepartement: byDepartement,
                               perOperator: perOperator, generatedAt: F.end, timeZone: F.utc, strings: TestResources.strings(language),
                               geography: TestResources.geography)
    }

    func render(_ format: ActivityReport.Format, _ o: ActivityReport.Options) throws -> String {
        let output = StringOutput()
        try ActivityReport.write(format, from: { body in for c in F.calls { try body(c) } }, o, to: output)
        return output.text
    }

    @Test(arguments: ActivityReport.Format.allCases)
    func eachFormatMatchesItsGoldenFile(_ format: ActivityReport.Format) throws {
        try assertGolden(try render(format, options(byDepartement: true)), file: "Golden/activity.\(format.rawValue)", besides: #filePath)
    }

    @Test func maskedForPublicationInEnglish() throws {
        try assertGolden(try render(.md, options(maskSmall: true, perOperator: false, .en)), file: "Golden/activity-masked.en.md",
                         besides: #filePath)
    }

    @Test func everyFigureFromSavedCallsOnly() throws {
        let f = try ActivityReport.gather(from: { body in for c in F.calls { try body(c) } }, options())
        #expect(f.periods.map(\.label) == ["2026-09", "2026-10", "2026-11"])
        #expect(f.periods.map(\.summary.callCount) == [3, 3, 3])
        #expect(f.total.callCount == 9 && f.total.unfinished.map(\.id) == ["n9"])
        #expect(f.total.levels[.anxiety] == 2)   // n9, unsaved at level 1, is not one of them
        #expect(f.periods[2].summary.meanTimeToTake == 90)
        #expect(f.operators.map(\.name) == ["psy-a", "psy-b"] && f.operators.map(\.summary.callCount) == [5, 4])
    }

    @Test func smallCellsAreMaskedAndThePerOperatorSectionIsForSupervisors() throws {
        let masked = try render(.md, options(maskSmall: true, perOperator: false))
        #expect(masked.contains("<5") && !masked.contains("Par écoutant·e"))
        let json = try JSONSerialization.jsonObject(with: Data(try render(.json, options(maskSmall: true, perOperator: false)).utf8)) as! [String: Any]
        let total = json["total"] as! [String: Any]
        #expect(total["calls"] as? Int == 9)           // 9 is not small
        #expect(total["risky_calls"] == nil)           // 2 is: left out
        #expect(json["masked_below"] as? Int == 5)
        // With the operators (psy-a 5 calls, of levels 0–2; psy-b 4), the whole's 9 would give
        // psy-b's 4 back (9 − 5): it is masked too.
        let withOperators = try JSONSerialization.jsonObject(with: Data(try render(.json, options(maskSmall: true)).utf8)) as! [String: Any]
        #expect((withOperators["total"] as! [String: Any])["calls"] == nil)
        let operators = withOperators["operators"] as! [String: [String: Any]]
        #expect(operators["psy-a"]?["calls"] as? Int == 5 && operators["psy-b"]?["calls"] == nil)
    }
}
