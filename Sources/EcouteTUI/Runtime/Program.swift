import Foundation

/// A screen as the runtime runs it, bubbletea's `Program`: a model, the pure update that is the
/// only place it changes, the pure view that draws it, and how terminal inputs, the clock and
/// other processes' changes become its events.
public struct Program<Model, Event, Effect> {
    public var update: (inout Model, Event) -> [Effect]
    public var view: (Model) -> Grid
    /// The program ends when this becomes true.
    public var isFinished: (Model) -> Bool
    public var key: (Key) -> Event
    public var resize: (_ width: Int, _ height: Int) -> Event
    /// Pasted text; without it a paste is dropped (a screen that takes no text).
    public var paste: ((String) -> Event)?
    /// When the model next needs a tick (a write due, a retry): the runtime waits no longer.
    public var deadline: ((Model) -> Date?)?
    /// How many times the bell should have rung: the runtime rings each increase.
    public var bells: ((Model) -> Int)?
    /// Sent before each batch of keys and at least every 250 ms, with the time.
    public var tick: ((Date) -> Event)?
    /// Sent when the store's change feed says another process committed something.
    public var externalChange: Event?
    /// Effects to run once the program has its size (first loads, a first call id).
    public var startEffects: [Effect]
    /// Sent once the first frame is up: what the screen does not need drawn first (a console's
    /// presence on the board).
    public var shown: Event?
    /// The longest wait for a key when nothing else is due, in milliseconds (nil: the runtime's
    /// `pollInterval`). Shorter for a screen that must show other processes' news soon (the
    /// board): the change feed's notices are looked at each turn.
    public var idleInterval: Int32?

    public init(update: @escaping (inout Model, Event) -> [Effect], view: @escaping (Model) -> Grid,
                isFinished: @escaping (Model) -> Bool, key: @escaping (Key) -> Event,
                resize: @escaping (_ width: Int, _ height: Int) -> Event, paste: ((String) -> Event)? = nil,
                tick: ((Date) -> Event)? = nil, deadline: ((Model) -> Date?)? = nil, bells: ((Model) -> Int)? = nil,
                externalChange: Event? = nil, startEffects: [Effect] = [], shown: Event? = nil, idleInterval: Int32? = nil) {
        self.idleInterval = idleInterval
        self.update = update
        self.view = view
        self.isFinished = isFinished
        self.key = key
        self.resize = resize
        self.paste = paste
        self.deadline = deadline
        self.bells = bells
        self.tick = tick
        self.externalChange = externalChange
        self.startEffects = startEffects
        self.shown = shown
    }
}

/// Runs a program's effects (store reads and writes, files) and answers with events.
public protocol EffectHandler<Effect, Event>: AnyObject {
    associatedtype Effect
    associatedtype Event
    func run(_ effect: Effect, send: (Event) -> Void)
    /// What of an effect is kept at once on the workstation (a local file), on a lane of its own
    /// that no slower effect queued before it delays; `run` does the rest of it afterwards.
    func keep(_ effect: Effect, send: (Event) -> Void)
    /// Whether the effect only reads what none of this handler's writes changes (the directory):
    /// it then runs on a lane of its own, in order with the others of its kind, so a write waiting
    /// for a lock or a server never delays it; its answer may come before those of effects asked
    /// earlier.
    func runsApart(_ effect: Effect) -> Bool
}

extension EffectHandler {
    /// Nothing to keep: every effect waits its turn in `run`.
    public func keep(_ effect: Effect, send: (Event) -> Void) {}

    /// No effect runs apart: each waits its turn in `run`.
    public func runsApart(_ effect: Effect) -> Bool { false }
}
