import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// One rule per figure in every format: a call's duration in whole seconds rounded one way, the
/// 25-minute reference reached or not the same everywhere, every time with its UTC offset.
@Suite struct OneRulePerFigureTests {
    typealias F = ReviewFixtures
    static let paris = TimeZone(identifier: "Europe/Paris")!

    /// By hand: x1 lasts 1499.6 s → 1500 s, « 25:00 », reaches the reference; x2 lasts 600.4 s →
    /// 600 s, « 10:00 ». Total 2100 s « 35:00 », mean 1050 s « 17:30 », one call over 25 minutes.
    static let calls: [CallDraft] = {
        var x1 = F.nightShift[0]
        x1.id = "x1"
        x1.endedAt = x1.pickedUpAt + 1499.6
        var x2 = F.nightShift[1]
        x2.id = "x2"
        x2.endedAt = x2.pickedUpAt + 600.4
        return [x1, x2]
    }()

    func scope(_ tz: TimeZone = F.utc) -> CallReport.Scope {
        CallReport.Scope(query: CallQuery(), withNotes: false, generatedAt: F.at(9, 0, nextDay: true), timeZone: tz,
                         strings: TestResources.french)
    }

    @Test func durationsAreRoundedOneWayInEveryFormat() throws {
        let csv = try CSV.parse(CallReport.render(.csv, calls: Self.calls, scope: scope()))
        let column = try #require(csv[0].fields.firstIndex(of: "duration_seconds"))
        #expect(csv.dropFirst().map { $0.fields[column] } == ["1500", "600"])

        let json = try JSONSerialization.jsonObject(with: Data(CallReport.render(.json, calls: Self.calls, scope: scope()).utf8)) as! [String: Any]
        #expect((json["calls"] as! [[String: Any]]).map { $0["duration_seconds"] as? Int } == [1500, 600])
        let summary = json["summary"] as! [String: Any]
        #expect(summary["total_seconds"] as? Int == 2100 && summary["mean_seconds"] as? Int == 1050)
        #expect(summary["longest_seconds"] as? Int == 1500 && summary["over_25_minutes"] as? Int == 1)

        let md = CallReport.render(.md, calls: Self.calls, scope: scope())
        let s = TestResources.french
        #expect(md.contains("| \(s["report.total"]) | 35:00 |") && md.contains("| \(s["report.mean"]) | 17:30 |"))
        #expect(md.contains("| \(s["report.longest"]) | 25:00 |") && md.contains("| \(s["report.over25"]) | 1 |"))
        #expect(md.contains("| 25:00 |") && !md.contains("24:59"))
        #expect(Formatting.duration(1499.6) == "25:00" && Formatting.duration(1499.4) == "24:59")
        #expect(WholeSeconds.of(1499.5) == 1500 && WholeSeconds.of(1499.4994) == 1499)
    }

    /// By hand: c1 picked up 2026-11-24 22:10 UTC is 23:10 in Paris (winter, +01:00).
    @Test func everyTimeCarriesItsOffsetInEveryFormat() throws {
        let stamp = "2026-11-24T23:10:00+01:00"
        let csv = try CSV.parse(CallReport.render(.csv, calls: [F.nightShift[0]], scope: scope(Self.paris)))
        let column = try #require(csv[0].fields.firstIndex(of: "picked_up_at"))
        #expect(csv[1].fields[column] == stamp)
        #expect(csv[1].fields[csv[0].fields.firstIndex(of: "ended_at")!] == "2026-11-24T23:30:00+01:00")
        let json = CallReport.render(.json, calls: [F.nightShift[0]], scope: scope(Self.paris))
        #expect(json.contains("\"picked_up_at\" : \"\(stamp)\""))
        let md = CallReport.render(.md, calls: [F.nightShift[0]], scope: scope(Self.paris))
        #expect(md.contains("| \(stamp) · psy-a |"))
        #expect(md.contains("2026-11-25T10:00:00+01:00"))   // generated at 09:00 UTC
        // In summer, +02:00.
        var july = F.nightShift[0]
        july.pickedUpAt = Date(timeIntervalSince1970: 1_784_000_000)   // 2026-07-14 03:33:20 UTC
        july.endedAt = july.pickedUpAt + 600
        let summer = try CSV.parse(CallReport.render(.csv, calls: [july], scope: scope(Self.paris)))
        #expect(summer[1].fields[column] == "2026-07-14T05:33:20+02:00")
    }
}
