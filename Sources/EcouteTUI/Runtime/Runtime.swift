import EcouteCore
import Foundation

/// The one loop every screen runs on (console, review, training, and the tests that drive them):
/// read the keys that have arrived, as one batch; tick; feed each to the pure update; run the
/// effects it returns through the handler, whose answers are events in turn; poll the change
/// feed; draw one frame per batch. A paste of thousands of characters is one batch and one
/// frame, so a key typed after it (F9) is handled at once.
public final class Runtime<Model, Event, Effect, Handler: EffectHandler> where Handler.Effect == Effect, Handler.Event == Event {
    public internal(set) var model: Model
    let program: Program<Model, Event, Effect>
    let terminal: any TerminalDevice
    let handler: Handler
    let clock: () -> Date
    let changes: (any ChangeFeed)?
    private var queue: [Event] = []
    private var draining = false
    private var lastPoll: Date?
    public private(set) var framesDrawn = 0

    /// At most this many inputs make one batch; the rest wait for the next turn.
    public static var batchLimit: Int { 8192 }
    /// The longest wait for a key, so ticks, signals and the change feed are seen in time.
    public static var pollInterval: Int32 { 250 }

    public init(program: Program<Model, Event, Effect>, model: Model, terminal: any TerminalDevice, handler: Handler,
                clock: @escaping () -> Date = Date.init, changes: (any ChangeFeed)? = nil) {
        self.program = program
        self.model = model
        self.terminal = terminal
        self.handler = handler
        self.clock = clock
        self.changes = changes
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
        while !isFinished {
            if let signal = terminal.pendingSignal { return signal }
            step(timeoutMs: timeout())
        }
        return nil
    }

    /// How long to wait for a key: the poll interval, or less when the model has a deadline.
    func timeout() -> Int32 {
        guard let deadline = program.deadline?(model) else { return Self.pollInterval }
        let ms = deadline.timeIntervalSince(clock()) * 1000
        return Int32(max(0, min(Double(Self.pollInterval), ms.rounded(.up))))
    }

    /// One turn: waits up to `timeoutMs` for input, then handles everything that has arrived.
    public func step(timeoutMs: Int32) {
        var inputs: [TerminalInput] = []
        if let first = terminal.read(timeoutMs: timeoutMs) {
            inputs.append(first)
            while inputs.count < Self.batchLimit, let next = terminal.read(timeoutMs: 0) { inputs.append(next) }
        }
        let now = clock()
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
        handler.run(effect) { queue.append($0) }
    }

    private func pollChanges(_ now: Date) {
        guard let changes, let event = program.externalChange else { return }
        if let lastPoll, now.timeIntervalSince(lastPoll) < 0.2, now >= lastPoll { return }
        lastPoll = now
        if (try? changes.poll()) == true { send(event) }
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
