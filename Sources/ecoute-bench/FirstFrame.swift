import Foundation
import ScratchPostgres

/// How long a terminal program takes to show its first screen, as a user waits for it: the
/// program started in a new window of a private tmux server already running, and its pane read
/// (`capture-pane`) until a marker appears. The floor is `cat` of a file holding the marker,
/// started and read the same way, so both pay the same polling.
struct FirstFrame {
    let folder: URL
    private let socket = "ecoute-bench-\(getpid())"

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    init(folder: URL) throws {
        self.folder = folder
        _ = try TestProcess.run(["tmux", "-L", socket, "new-session", "-d", "-s", "bench", "-x", "100", "-y", "30", "sleep 3600"])
    }

    func stop() { _ = try? TestProcess.run(["tmux", "-L", socket, "kill-server"]) }

    /// Time from starting `command` (a shell command line) until the pane shows `marker`.
    func time(_ command: String, marker: String, limit: TimeInterval = 30) throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let window = try TestProcess.run(["tmux", "-L", socket, "new-window", "-d", "-P", "-F", "#{window_id}", "-t", "bench:",
                                          command]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? TestProcess.run(["tmux", "-L", socket, "kill-window", "-t", window]) }
        while clock.now - start < .seconds(limit) {
            let screen = try TestProcess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", window])
            if screen.contains(marker) { return clock.now - start }
        }
        throw Timeout(description: "\(command): no « \(marker) » after \(limit) s")
    }

    /// `ours` and the floor alternately, `runs` times each, after a warm-up of each. The floor is
    /// `floor` (a shell command line showing `marker` when done), else `cat` of the marker.
    func compare(ours: String, marker: String, floor given: String? = nil, runs: Int) throws -> (ours: Latencies, floor: Latencies) {
        let file = folder.appendingPathComponent("first-frame.txt")
        try Data("ecoute · \(marker)\n".utf8).write(to: file)
        let floor = given ?? "cat '\(file.path)'; sleep 60"
        _ = try time(floor, marker: marker)
        _ = try time(ours, marker: marker)
        var o = Latencies(), f = Latencies()
        for i in 0..<runs {
            if i % 2 == 0 { o.record(try time(ours, marker: marker)) }
            f.record(try time(floor, marker: marker))
            if i % 2 == 1 { o.record(try time(ours, marker: marker)) }
        }
        return (o, f)
    }
}
