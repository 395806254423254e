import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// One console per call, as the psychologist sees it: a call another live console holds is
/// shown, never offered; once that console is gone, it is offered and the takeover recorded.
@Suite struct LeaseFlowTests {
    static let other = ConsoleIdentity(id: "other", host: "poste-2", pid: 99, operatorName: "psy-test")

    static func open() -> CallDraft {
        var d = TUIFixtures.draft()
        d.id = "held"
        return d
    }

    @Test func aCallHeldByALiveConsoleIsShownNotOfferedThenTakenOverWhenItDies() throws {
        let now = TUIFixtures.t0 + 754
        let h = ConsoleHarness { h in
            h.calls.unfinished = [Self.open()]
            h.leases.held["held"] = CallHolder(console: Self.other, heartbeatAt: now - 2)   // another host, beating
        }
        #expect(h.model.session == .idle)
        let s = h.model.strings
        #expect(h.screen.contains(s.prefix("idle.heldElsewhere", "poste-2", "99")))
        h.press(.function(2))
        #expect(h.model.draft?.id == "call-1")   // a new call, never the held one
        h.press(.function(5), .character("0"), .escape, .function(10))
        h.justifyEveryGap()
        h.press(.function(10), .enter)
        #expect(h.model.session == .idle)
        // The other console stops beating: after its silence limit, the call is offered here.
        h.advance(CallHolder.silenceLimit + 1)
        h.advance(AppModel.heartbeatInterval)
        guard case .interrupted(let offered) = h.model.session else { Issue.record("not offered: \(h.model.session)"); return }
        #expect(offered.id == "held")
        #expect(h.screen.contains(s.prefix("interrupted.takeover", "poste-2", "99")))
        h.press(.enter)
        #expect(h.model.session.phase == .inCall)
        #expect(h.leases.takeoversDone.map(\.from?.console) == [Self.other])
        #expect(h.leases.held["held"]?.console == ConsoleHarness.console)
    }

    @Test func aTakeoverSomeoneElseWonLeavesTheCallAlone() throws {
        let h = ConsoleHarness { h in
            h.calls.unfinished = [Self.open()]
            h.leases.held["held"] = CallHolder(console: Self.other, heartbeatAt: TUIFixtures.t0 - 3600)   // long dead
        }
        guard case .interrupted = h.model.session else { Issue.record("not offered"); return }
        // Meanwhile a third console takes it over.
        let third = ConsoleIdentity(id: "third", host: "poste-3", pid: 7, operatorName: "psy-test")
        h.leases.held["held"] = CallHolder(console: third, heartbeatAt: TUIFixtures.t0 + 754)
        let writes = h.calls.persisted.count
        h.press(.enter)
        #expect(h.model.session == .idle)
        let s = h.model.strings
        #expect(h.model.message?.text == s.format("takenOver.by", "psy-test", "poste-3", Formatting.clock(TUIFixtures.t0 + 754,
                                                                                                           timeZone: h.model.timeZone)))
        #expect(h.leases.takeoversDone.isEmpty)
        #expect(h.model.writeFailure == nil)
        _ = writes
    }

    @Test func aConsoleBeatsEveryFiveSecondsDuringACall() {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.advance(0.1)
        let beats = h.leases.heartbeats
        h.advance(2)
        #expect(h.leases.heartbeats == beats)
        h.advance(AppModel.heartbeatInterval)
        #expect(h.leases.heartbeats == beats + 1)
    }

    @Test func aCallTakenOverElsewhereSaysWhoAndWhenKeepsThisVersionAndGoesBackToIdle() throws {
        let h = ConsoleHarness()
        h.press(.function(2), .character("n"))
        h.type("ce que ce poste avait")
        h.press(.enter)
        let other = ConsoleIdentity(id: "autre", host: "poste-9", pid: 99, operatorName: "psy-b")
        h.calls.heldElsewhere = CallHeldElsewhere(callID: h.model.draft!.id, holder: CallHolder(console: other, heartbeatAt: h.model.now),
                                                  takenOverAt: TUIFixtures.t0 + 60)
        h.press(.character("r"))
        // No retry loop, no identifier on screen: who, when, and that this version is kept.
        let s = h.model.strings
        #expect(h.model.session == .idle && h.model.writeFailure == nil)
        #expect(h.calls.kept.last?.notes == "ce que ce poste avait" && h.calls.kept.last?.profile.isRepeatCaller != nil)
        let said = s.format("takenOver.by", "psy-b", "poste-9", Formatting.clock(TUIFixtures.t0 + 60, timeZone: h.model.timeZone))
        #expect(h.model.message?.text == said + " " + s["takenOver.kept"])
        #expect(!h.screen.contains("call-") && !h.screen.contains(s["header.storeError"]))
    }

    @Test func aVersionThatCannotBeKeptStaysOnScreen() throws {
        let h = ConsoleHarness()
        h.press(.function(2))
        h.calls.heldElsewhere = CallHeldElsewhere(callID: h.model.draft!.id, holder: nil, alreadySaved: true)
        h.calls.failing = true
        h.press(.character("r"))
        #expect(h.model.session.phase == .inCall && h.calls.kept.isEmpty)
        #expect(h.model.message?.text.hasPrefix(h.model.strings["takenOver.saved"]) == true)
    }
}
