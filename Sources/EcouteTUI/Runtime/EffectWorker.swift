import Foundation

/// Runs a program's effects on a thread of their own, in the order they were asked for, and
/// keeps their answers until the drawing thread collects them: the drawing thread never waits on
/// a store, a file or the network, so a locked or unreachable database never freezes a screen.
/// What an effect keeps on the workstation (`EffectHandler.keep`: the call's journal) runs on a
/// second lane as soon as it is asked for, in order too, so that a store held by a lock or a
/// server out of reach never delays the local copy of the call on screen. Effects that only read
/// what no write changes (`EffectHandler.runsApart`: the directory) run on a third lane, so that
/// referrals and searches answer while a write waits.
///
/// The handler is used from the worker's three threads only, once given to the worker.
final class EffectWorker<Handler: EffectHandler>: @unchecked Sendable {
    private let handler: Handler
    private let queue: DispatchQueue
    private let keepQueue: DispatchQueue
    private let apartQueue: DispatchQueue
    private let lock = NSCondition()
    private var answers: [Handler.Event] = []
    private var running = 0

    init(_ handler: Handler, label: String = "ecoute.effects") {
        self.handler = handler
        queue = DispatchQueue(label: label, qos: .userInitiated)
        keepQueue = DispatchQueue(label: label + ".keep", qos: .userInitiated)
        apartQueue = DispatchQueue(label: label + ".apart", qos: .userInitiated)
    }

    /// Queues one effect; its answers are collected later.
    func submit(_ effect: Handler.Effect) {
        lock.lock()
        running += 2
        lock.unlock()
        let boxed = Unchecked(effect)
        keepQueue.async { [self] in
            handler.keep(boxed.value, send: answer)
            finished()
        }
        (handler.runsApart(effect) ? apartQueue : queue).async { [self] in
            handler.run(boxed.value, send: answer)
            finished()
        }
    }

    private func answer(_ event: Handler.Event) {
        lock.lock()
        answers.append(event)
        lock.broadcast()
        lock.unlock()
    }

    private func finished() {
        lock.lock()
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    /// Runs `work` on the worker's thread, after the effects already queued (a poll of the change
    /// feed, which shares nothing with the drawing thread either).
    func submit(work: @escaping () -> Handler.Event?) {
        lock.lock()
        running += 1
        lock.unlock()
        let boxed = Unchecked(work)
        queue.async { [self] in
            let event = boxed.value()
            lock.lock()
            if let event { answers.append(event) }
            running -= 1
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The answers that have arrived, oldest first; the worker keeps none of them.
    func collect() -> [Handler.Event] {
        lock.lock()
        defer { answers = []; lock.unlock() }
        return answers
    }

    /// Effects asked for and not finished.
    var inFlight: Int {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// Whether answers are waiting to be collected.
    var hasAnswers: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !answers.isEmpty
    }

    /// Waits until every effect asked for has finished or `deadline` passes; true when idle.
    @discardableResult
    func waitUntilIdle(before deadline: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while running > 0 {
            if !lock.wait(until: deadline) { return running == 0 }
        }
        return true
    }

    /// Waits until an answer is waiting, every effect has finished, or `deadline` passes.
    func waitForAnswer(before deadline: Date) {
        lock.lock()
        defer { lock.unlock() }
        while answers.isEmpty, running > 0 {
            if !lock.wait(until: deadline) { return }
        }
    }
}

/// A value handed from the drawing thread to the worker's, which alone uses it from then on.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
