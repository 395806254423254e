import EcouteCore
import Foundation

/// `ecoute review` as a program for the runtime, reloading when another console saves.
public enum ReviewProgram {
    public static var program: Program<ReviewModel, ReviewEvent, ReviewEffect> {
        Program(update: ReviewUpdate.update, view: ReviewView.render, isFinished: { $0.shouldQuit },
                key: ReviewEvent.key, resize: { ReviewEvent.resize(width: $0, height: $1) }, paste: ReviewEvent.paste,
                externalChange: .externalChange, startEffects: [.loadShifts])
    }

    public typealias Runner = Runtime<ReviewModel, ReviewEvent, ReviewEffect, ReviewEffects>
}

/// The review's effects, against the store seam.
public final class ReviewEffects: EffectHandler {
    let review: any CallReview
    let shifts: any ShiftLog
    let leases: (any CallLeases)?
    let viewer: Viewer
    let clock: () -> Date
    let timeZone: TimeZone
    /// Caller codes: the call's links to the same caller's other calls (nil: none shown).
    let callerCodes: (any CallerCodes)?
    /// Follow-ups: the call's, with its outcome (nil: none shown).
    let followUps: (any FollowUps)?

    public init(review: any CallReview, shifts: any ShiftLog, leases: (any CallLeases)? = nil, viewer: Viewer,
                clock: @escaping () -> Date = Date.init, timeZone: TimeZone = .current, callerCodes: (any CallerCodes)? = nil,
                followUps: (any FollowUps)? = nil) {
        self.followUps = followUps
        self.callerCodes = callerCodes
        self.timeZone = timeZone
        self.review = review
        self.shifts = shifts
        self.leases = leases
        self.viewer = viewer
        self.clock = clock
    }

    public func run(_ effect: ReviewEffect, send: (ReviewEvent) -> Void) {
        do {
            switch effect {
            case .loadShifts:
                send(.shifts(try shifts.shifts(visibleTo: viewer)))
            case .loadCalls(let shiftID):
                let calls = try review.calls(CallQuery(shiftID: shiftID), visibleTo: viewer)
                send(.calls(shiftID: shiftID, calls))
                if let leases {
                    send(.holders(try leases.holders(of: calls.filter { $0.phase != .saved }.map(\.id))))
                }
            case .loadActivity:
                let now = clock()
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = timeZone
                let start = calendar.date(byAdding: .month, value: -11, to: calendar.dateInterval(of: .month, for: now)!.start)!
                let query = CallQuery(from: start, to: now)
                send(.activity(try ActivityFigures.gather(from: { body in try review.forEachCall(query, visibleTo: viewer, body) }, from: start,
                                                          to: now, by: .month, timeZone: timeZone, perOperator: false)))
            case .loadAudit(let callID):
                send(.audit(callID: callID, try review.auditLog(callID: callID)))
                if let leases { send(.takeovers(callID: callID, try leases.takeovers(of: callID))) }
                if let callerCodes { send(.linkedCalls(callID: callID, try callerCodes.linkedCalls(ofCall: callID, visibleTo: viewer))) }
                if let followUps { send(.followUpStatus(callID: callID, try followUps.followUp(ofCall: callID, visibleTo: viewer, now: clock()))) }
            case .correct(let callID, let field, let value, let reason):
                do {
                    try review.correct(callID: callID, field: field, to: value, reason: reason, by: viewer, at: clock())
                    send(.corrected(callID: callID, error: nil))
                } catch {
                    send(.corrected(callID: callID, error: String(describing: error)))
                }
            case .quit:
                break
            }
        } catch {
            send(.failed(String(describing: error)))
        }
    }
}
