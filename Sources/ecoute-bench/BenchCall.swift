import EcouteCore
import EcouteTUI
import Foundation

extension BenchConsole {
    /// A save as the psychologist sees it: from F10 to the frame that says the call is saved.
    struct Save {
        var callID: String
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant
        var duration: Duration { end - start }
    }

    /// What a psychologist saw go wrong: each a distinct appearance on screen, with when it came.
    struct ErrorLog {
        var count = 0
        var first: [String] = []
        var times: [ContinuousClock.Instant] = []
        mutating func note(_ text: String) {
            count += 1
            times.append(.now)
            if first.count < 5 { first.append(text) }
        }
    }

    /// One call taken as a psychologist takes it, key by key (pick-up, département, end, level 1,
    /// each proposal given, save); its save once the screen says it is saved (nil: not saved
    /// within a minute). What the screen shows wrong on the way is noted. `pace`: the mean time
    /// between two keys, each drawn from 0.5–1.5× of it so that consoles do not press in step (0:
    /// each key as soon as the last one settled).
    func takeCall(errors: inout ErrorLog, who: String, pace: TimeInterval = 0) throws -> Save? {
        var shown = false
        func watch() {
            let model = runtime.model
            let wrong = model.readError ?? (model.writeFailure.flatMap { $0.isAlarm(at: model.now) ? $0.reason : nil })
            if let wrong, !shown { errors.note("\(who): \(wrong)") }
            shown = wrong != nil
        }
        func press(_ keys: Key...) {
            for key in keys {
                if pace > 0 { Thread.sleep(forTimeInterval: pace * Double.random(in: 0.5...1.5)) }
                self.press(key)
                runtime.settle(timeout: 60)
                watch()
            }
        }
        press(.function(2))
        guard runtime.model.session.phase == .inCall, let callID = runtime.model.draft?.id else {
            throw BenchError("\(who): the call was not picked up")
        }
        press(.character("d"))
        for c in "69" { press(.character(c)) }
        press(.enter, .function(5), .character("1"))
        // Each proposed referral given (the required ones among them), then saved.
        let proposed = runtime.model.draft?.referrals.count ?? 0
        for _ in 0..<proposed { press(.character(" ")) }
        if pace > 0 { Thread.sleep(forTimeInterval: pace * Double.random(in: 0.5...1.5)) }
        let start = ContinuousClock.now
        self.press(.function(10))
        // Waits for the store's answers as the console's runtime does, drawing when one is handled:
        // the bench's terminal returns at once, so a loop of steps would draw a frame per turn on
        // every console and take the cores from the store it measures.
        let deadline = Date().addingTimeInterval(60)
        while runtime.model.session.phase != .saved, Date() < deadline {
            runtime.settle(timeout: 1)
            watch()
            if runtime.model.session.phase != .saved, !runtime.effectsPending {
                // Nothing in flight (a refused save waits for its retry on the clock): the runtime's
                // own wait for a key, then its turn.
                usleep(UInt32(max(1, runtime.timeout())) * 1000)
                runtime.step(timeoutMs: 0)
            }
        }
        guard runtime.model.session.phase == .saved else {
            let model = runtime.model
            errors.note("\(who): not saved within 60 s (phase \(model.session.phase), writes in flight \(model.writesInFlight), "
                        + "last failure \(model.writeFailure.map { "\($0.reason), \($0.attempts) attempts" } ?? "none"), "
                        + "message \(model.message?.text ?? "none"), overlay \(model.overlay.map { "\($0)".prefix(60) } ?? "none"), "
                        + "referrals \(model.draft?.referrals.map(\.status.rawValue) ?? []))")
            return nil
        }
        let save = Save(callID: callID, start: start, end: .now)
        press(.escape)
        if runtime.model.session.phase != .idle { press(.enter) }
        return save
    }
}
