import Foundation
import Testing
@testable import EcouteCore

/// Every (state, event) pair of the call session, with the expected outcome.
@Suite struct TransitionTableTests {
    enum Expected: Equatable, CustomStringConvertible {
        case to(SessionPhase)
        case refused(SessionRefusal)
        var description: String {
            switch self {
            case .to(let p): return "→ \(p)"
            case .refused(let r): return "refused: \(r)"
            }
        }
    }

    // Columns: idle, inCall, dropped, emergency, wrapUp, saved, interrupted.
    static let columns: [SessionPhase] = [.idle, .inCall, .dropped, .emergency, .wrapUp, .saved, .interrupted]
    static let noCall = Expected.refused(.noCallInProgress)
    static let finish = Expected.refused(.finishCallFirst)
    static let notInterrupted = Expected.refused(.notInterrupted)
    static let notSaved = Expected.refused(.notSaved)

    static let table: [String: [Expected]] = [
        "pickUp": [.to(.inCall), .refused(.callInProgress), .refused(.callInProgress), .refused(.callInProgress), .refused(.callInProgress), .to(.inCall), finish],
        "hangUp": [noCall, .to(.wrapUp), .refused(.callAlreadyEnded), .to(.emergency), .refused(.callAlreadyEnded), noCall, finish],
        "lineDropped": [noCall, .to(.dropped), .refused(.callAlreadyEnded), .to(.emergency), .refused(.callAlreadyEnded), noCall, finish],
        "callerBack": [noCall, .refused(.notDropped), .to(.inCall), .refused(.notDropped), .refused(.notDropped), noCall, finish],
        "wrapUpAfterDrop": [noCall, .refused(.notDropped), .to(.wrapUp), .refused(.notDropped), .refused(.notDropped), noCall, finish],
        "updateProfile": [noCall, .to(.inCall), .to(.dropped), .to(.emergency), .to(.wrapUp), noCall, finish],
        "setNotes": [noCall, .to(.inCall), .to(.dropped), .to(.emergency), .to(.wrapUp), noCall, finish],
        "setFollowUp": [noCall, .to(.inCall), .to(.dropped), .to(.emergency), .to(.wrapUp), noCall, finish],
        "classify": [noCall, .refused(.classificationAtWrapUp), .refused(.classificationAtWrapUp), .refused(.classificationAtWrapUp), .to(.wrapUp), noCall, finish],
        "setAddiction": [noCall, .refused(.classificationAtWrapUp), .refused(.classificationAtWrapUp), .refused(.classificationAtWrapUp), .to(.wrapUp), noCall, finish],
        "setHospitalisation": [noCall, .refused(.classificationAtWrapUp), .refused(.classificationAtWrapUp), .refused(.classificationAtWrapUp), .to(.wrapUp), noCall, finish],
        "referralsProposed": [noCall, .refused(.outdatedProposal), .refused(.outdatedProposal), .to(.emergency), .refused(.outdatedProposal), noCall, finish],
        "setReferralStatus": [noCall, .refused(.noSuchReferral), .refused(.noSuchReferral), .refused(.noSuchReferral), .refused(.noSuchReferral), noCall, finish],
        "replaceReferral": [noCall, .refused(.noSuchReferral), .refused(.noSuchReferral), .refused(.noSuchReferral), .refused(.noSuchReferral), noCall, finish],
        "addReferral": [noCall, .to(.inCall), .to(.dropped), .to(.emergency), .to(.wrapUp), noCall, finish],
        "justifyReferralGap": [noCall, .refused(.notInWrapUp), .refused(.notInWrapUp), .refused(.notInWrapUp), .to(.wrapUp), noCall, finish],
        "openEmergency": [noCall, .to(.emergency), .to(.emergency), .refused(.emergencyAlreadyOpen), .to(.emergency), noCall, finish],
        "toggleEmergencyStep": [noCall, .refused(.notInEmergency), .refused(.notInEmergency), .to(.emergency), .refused(.notInEmergency), noCall, finish],
        "explainSkippedStep": [noCall, .refused(.notInEmergency), .refused(.notInEmergency), .to(.emergency), .refused(.notInEmergency), noCall, finish],
        "closeEmergency": [noCall, .refused(.notInEmergency), .refused(.notInEmergency), .to(.inCall), .refused(.notInEmergency), noCall, finish],
        "save": [noCall, .refused(.notInWrapUp), .refused(.notInWrapUp), .refused(.notInWrapUp), .refused(.classificationRequired), noCall, finish],
        "acknowledge": [notSaved, notSaved, notSaved, notSaved, notSaved, .to(.idle), notSaved],
        "resume": [notInterrupted, notInterrupted, notInterrupted, notInterrupted, notInterrupted, notInterrupted, .to(.inCall)],
        "wrapUpInterrupted": [notInterrupted, notInterrupted, notInterrupted, notInterrupted, notInterrupted, notInterrupted, .to(.wrapUp)],
    ]

    @Test func tableCoversEveryEventAndPhase() {
        #expect(Set(Self.table.keys) == Set(Fixtures.events.map(\.0)))
        #expect(Set(Self.columns) == Set(SessionPhase.allCases))
        for row in Self.table.values { #expect(row.count == Self.columns.count) }
    }

    @Test(arguments: Fixtures.events.map(\.0))
    func everyPhaseAnswersTheEvent(_ name: String) throws {
        let event = try #require(Fixtures.events.first { $0.0 == name }?.1)
        let row = try #require(Self.table[name])
        for (phase, expected) in zip(Self.columns, row) {
            let state = Fixtures.state(phase)
            #expect(state.phase == phase)
            let outcome = CallSession.reduce(state, event, now: Fixtures.start + 60)
            let actual: Expected
            switch outcome {
            case .success(let (next, _)): actual = .to(next.phase)
            case .failure(let refusal): actual = .refused(refusal)
            }
            #expect(actual == expected, "\(name) in \(phase)")
        }
    }

    /// Every accepted change to a call is written at once: no transition without its effect.
    @Test(arguments: Fixtures.events.map(\.0))
    func everyAcceptedChangeIsPersisted(_ name: String) throws {
        let event = try #require(Fixtures.events.first { $0.0 == name }?.1)
        for phase in Self.columns {
            guard case .success(let (next, effects)) = CallSession.reduce(Fixtures.state(phase), event, now: Fixtures.start + 60)
            else { continue }
            switch next {
            case .idle:
                #expect(effects.isEmpty, "\(name) in \(phase)")
            case .saved(let draft):
                #expect(effects == [.finalize(draft)], "\(name) in \(phase)")
            case .call(let draft), .interrupted(let draft):
                #expect(effects.first == .persist(draft), "\(name) in \(phase)")
            }
        }
    }
}
