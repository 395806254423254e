import EcouteCore
import Foundation

/// The one loop every screen runs on (console, review, training, and the tests that drive them):
/// read the keys that have arrived, as one batch; feed the effects' answers that have come back,
/// a tick and each key to the pure update; hand the effects it returns to the effect worker,
/// which runs them off this thread and answers with events; poll the change feed the same way;
/// draw one frame per turn. The drawing thread never waits on I/O: a key's own change is on screen
/// while its write waits for a busy or absent database. A paste of thousands of characters is
/// one batch and one frame, so a key typed after it (F9) is handled at once.
public final class Runtime<Model, Event, Effect, Handler: EffectHandler> where Handler.Effect == Effect, Handler.Event == Event {
    public internal(set) var model: Model
    let program: Program<Model, Event, Effect>
    let terminal: any TerminalDevice
    private let worker: EffectWorker<Handler>
    /// The change feed's polls: a thread of their own, so a write that waits does not delay
    /// another process's news.
    private let feedWorker: EffectWorker<Handler>
    let clock: () -> Date
    let changes: Unchecked<any ChangeFeed>?
    private var queue: [Event] = []
    private var draining = false
    private var lastPoll: Date?
    public private(set) var framesDrawn = 0

    /// At most this many inputs make one batch; the rest wait for the next turn.
    public static var batchLimit: Int { 8192 }
    /// The longest wait for a key, so ticks, signals and the change feed are seen in time.
    public static var pollInterval: Int32 { 250 }
    /// The longest wait for a key while effects are running: their answers are drawn this soon.
    public static var answerPollInterval: Int32 { 10 }
    /// How long the end of a run waits for effects still running (a call's last write).
    public static var shutdownGrace: TimeInterval { 0.8 }

    public init(program: Program<Model, Event, Effect>, model: Model, terminal: any TerminalDevice, handler: Handler,
                clock: @escaping () -> Date = Date.init, changes: (any ChangeFeed)? = nil) {
        self.program = program
        self.model = model
        self.terminal = terminal
        worker = EffectWorker(handler)
        feedWorker = EffectWorker(handler, label: "ecoute.changes")
        self.clock = clock
        self.changes = changes.map(Unchecked.init)
    }

    public var isFinished: Bool { program.isFinished(model) }

    /// Sizes the model to the terminal, runs the start effects, draws the first frame.
    public func start() {
        let (width, height) = terminal.size
        send(program.resize(width, height))
        for effect in program.startEffects { run(effect) }
        drain()
        draw()
    }

    /// Tells the program its first frame is up (its `shown` event), as `run` does after `start`.
    public func firstFrameShown() {
        if let shown = program.shown { send(shown) }
    }

    /// Runs until the program finishes or a signal asks to stop; returns that signal.
    public func run() -> Int32? {
        // A closure that does not throw: the run does not either.
        try! run(onceShown: {})
    }

    /// The same, with `onceShown` run after the first frame and before the first key is read:
    /// work the screen does not show but every key needs done (a console's shift row). What it
    /// throws ends the run, no key read.
    public func run(onceShown: () throws -> Void) throws -> Int32? {
        start()
        firstFrameShown()
        try onceShown()
        defer { finishEffects() }
        while !isFinished {
            if let signal = terminal.pendingSignal { return signal }
            step(timeoutMs: timeout())
        }
        return nil
    }

    /// At the end of a run: the effects still running (the call's last write, leaving the board)
    /// are given `shutdownGrace` to finish, and their answers reach the model.
    private func finishEffects() {
        worker.waitUntilIdle(before: clockFreeDeadline(Self.shutdownGrace))
        for event in worker.collect() { queue.append(event) }
        drain()
    }

    /// Real time, whatever clock the program is given (tests move theirs by hand).
    private func clockFreeDeadline(_ seconds: TimeInterval) -> Date { Date().addingTimeInterval(seconds) }

    /// Waits (tests only) until every effect asked for has answered and its answer was handled,
    /// including the effects those answers asked for, then draws the frame they give.
    public func settle(timeout: TimeInterval = 10) {
        let deadline = clockFreeDeadline(timeout)
        var handled = false
        while true {
            // Idle seen before collecting: every answer of a finished effect is then collected.
            let idle = worker.inFlight == 0 && feedWorker.inFlight == 0
            let answers = worker.collect() + feedWorker.collect()
            if !answers.isEmpty {
                handled = true
                for event in answers where !isFinished { send(event) }
                continue
            }
            if idle { break }
            if Date() >= deadline { break }
            worker.waitForAnswer(before: min(deadline, clockFreeDeadline(0.005)))
        }
        if handled, !isFinished { draw() }
    }

    /// Effects running or answers waiting.
    public var effectsPending: Bool { worker.inFlight > 0 || worker.hasAnswers || feedWorker.inFlight > 0 || feedWorker.hasAnswers }

    /// How long to wait for a key: the poll interval, or less when the model has a deadline.
    public func timeout() -> Int32 {
        let longest = effectsPending ? Self.answerPollInterval : (program.idleInterval ?? Self.pollInterval)
        guard let deadline = program.deadline?(model) else { return longest }
        let ms = deadline.timeIntervalSince(clock()) * 1000
        return Int32(max(0, min(Double(longest), ms.rounded(.up))))
    }

    /// One turn: waits up to `timeoutMs` for input, then handles everything that has arrived.
    public func step(timeoutMs: Int32) {
        var inputs: [TerminalInput] = []
        if let first = terminal.read(timeoutMs: timeoutMs) {
            inputs.append(first)
            while inputs.count < Self.batchLimit, let next = terminal.read(timeoutMs: 0) { inputs.append(next) }
        }
        let now = clock()
        for answer in worker.collect() + feedWorker.collect() where !isFinished { send(answer) }
        if let tick = program.tick { send(tick(now)) }
        for input in inputs where !isFinished {
            switch input {
            case .key(let key): send(program.key(key))
            case .resize(let w, let h): send(program.resize(w, h))
            case .paste(let text): if let paste = program.paste { send(paste(text)) }
            }
        }
        pollChanges(now)
        if !isFinished { draw() }
    }

    /// Feeds one event to the update, and the events its effects answer with, in order.
    public func send(_ event: Event) {
        queue.append(event)
        drain()
    }

    private func drain() {
        guard !draining else { return }
        draining = true
        defer { draining = false }
        while !queue.isEmpty {
            let event = queue.removeFirst()
            for effect in program.update(&model, event) { run(effect) }
        }
    }

    private func run(_ effect: Effect) {
        worker.submit(effect)
    }

    /// Asks the feed, on its own thread, whether another process committed something; one poll
    /// at a time, at most every 200 ms unless the feed already has a notice.
    private func pollChanges(_ now: Date) {
        guard let changes, let event = program.externalChange.map(Unchecked.init) else { return }
        if let lastPoll, now.timeIntervalSince(lastPoll) < 0.2, now >= lastPoll, !changes.value.hasNotice { return }
        guard feedWorker.inFlight == 0 else { return }
        lastPoll = now
        feedWorker.submit(work: { (try? changes.value.poll()) == true ? event.value : nil })
    }

    private var bellsRung = 0

    private func draw() {
        terminal.draw(program.view(model))
        framesDrawn += 1
        if let bells = program.bells?(model), bells > bellsRung {
            bellsRung = bells
            terminal.bell()
        }
    }
}
