import Foundation

/// The clock of a training call: wall time, sped up (×1 to ×20) or paused by the trainer. Pure:
/// it is told the wall time, never reads it.
public struct DemoClock: Equatable, Sendable {
    public static let speeds = [1, 2, 5, 10, 20]

    /// The wall time and demo time at the last change of speed or pause.
    private var anchorWall: Date
    private var anchorDemo: Date
    public private(set) var speed: Int
    public private(set) var isPaused: Bool

    public init(start: Date, speed: Int = 1) {
        anchorWall = start
        anchorDemo = start
        self.speed = Self.speeds.contains(speed) ? speed : 1
        isPaused = false
    }

    /// The demo time at a wall time.
    public func time(at wall: Date) -> Date {
        isPaused ? anchorDemo : anchorDemo + wall.timeIntervalSince(anchorWall) * Double(speed)
    }

    public mutating func setSpeed(_ newSpeed: Int, at wall: Date) {
        guard Self.speeds.contains(newSpeed) else { return }
        rebase(at: wall)
        speed = newSpeed
    }

    /// The next speed up (or down), staying within ×1…×20.
    public mutating func faster(at wall: Date) {
        setSpeed(Self.speeds.first { $0 > speed } ?? speed, at: wall)
    }

    public mutating func slower(at wall: Date) {
        setSpeed(Self.speeds.last { $0 < speed } ?? speed, at: wall)
    }

    public mutating func togglePause(at wall: Date) {
        rebase(at: wall)
        isPaused.toggle()
    }

    private mutating func rebase(at wall: Date) {
        anchorDemo = time(at: wall)
        anchorWall = wall
    }
}
