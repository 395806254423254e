import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// The activity report's continuity section: repeat calls by caller code and the callbacks per
/// urgency, shown only when the command gathered them, masked like the rest.
@Suite struct ActivityContinuityTests {
    typealias F = ActivityFixtures

    static func request(_ id: String, _ urgency: CallbackUrgency, delay: TimeInterval?) -> CallbackRequest {
        var r = CallbackRequest(id: id, callID: "c", requestedBy: "alice", motif: "cadre", urgency: urgency, requestedAt: F.start + 3600)
        if let delay {
            r.status = .calledBack
            r.takenAt = r.requestedAt + 10
            r.closedAt = r.requestedAt + delay
        }
        return r
    }

    func render(_ format: ActivityReport.Format, mask: Bool, continuity: ActivityContinuity?) throws -> String {
        var o = ActivityReport.Options(from: F.start, to: F.end, grouping: .month, maskSmall: mask, byDepartement: false, perOperator: false,
                                       generatedAt: F.end, timeZone: F.utc, strings: TestResources.strings(.fr), geography: TestResources.geography)
        o.continuity = continuity
        let output = StringOutput()
        try ActivityReport.write(format, from: { body in for c in F.calls { try body(c) } }, o, to: output)
        return output.text
    }

    @Test func repeatCallsAndCallbacksAreCountedAndMasked() throws {
        let s = TestResources.strings(.fr)
        let continuity = ActivityContinuity(callerCodes: CallerCodeFigures(codesIssued: 12, callsWithCode: 20, repeatCalls: 3),
                                            callbacks: CallbackFigures([Self.request("a", .now, delay: 600), Self.request("b", .today, delay: nil)]))
        let plain = try render(.md, mask: false, continuity: continuity)
        #expect(plain.contains(s["activity.continuity"]) && plain.contains("| 12 | 20 | 3 |"))
        #expect(plain.contains("| \(s["callback.urgency.now"]) | 1 | 1 | 0 | 0 | 0 | 10:00 | 10:00 |"))
        // Masked: 3 repeat calls and single callbacks become « x », delays over fewer than five are withheld.
        let masked = try render(.md, mask: true, continuity: continuity)
        #expect(masked.contains("| 12 | 20 | x |") && masked.contains("| \(s["callback.urgency.now"]) | x | x | 0 | 0 | 0 | x | x |"))
        let json = try render(.json, mask: true, continuity: continuity)
        #expect(json.contains("\"codes_issued\" : 12") && !json.contains("\"repeat_calls\" : 3"))
        // Without it (a report for one operator, or the tests' goldens), no section.
        #expect(try !render(.md, mask: false, continuity: nil).contains(s["activity.continuity"]))
    }
}
