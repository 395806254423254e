import Foundation

/// A child process timed from spawn to exit, with its peak resident memory as GNU time reports it.
/// Not from our own `wait4`: Linux carries a process's peak over `exec`, so a child spawned from
/// the benchmark would inherit the benchmark's own peak; GNU time's child is forked from a small
/// process, and its figure is the child's own.
struct MeasuredProcess {
    var duration: Duration
    /// Peak resident set size, in MiB.
    var peakMiB: Double

    /// A short command timed from spawn to exit (no peak memory: nothing in between).
    static func quick(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> Duration {
        try spawnAndWait(executable, arguments, stdin: stdin, stdout: "/dev/null", quietErrors: true)
    }

    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil, stdout: String = "/dev/null") throws -> MeasuredProcess {
        let peakFile = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-bench-peak-\(getpid())").path
        defer { unlink(peakFile) }
        let duration = try spawnAndWait("/usr/bin/time", ["-f", "%M", "-o", peakFile, executable] + arguments, stdin: stdin,
                                        stdout: stdout, quietErrors: false)
        guard let kib = (try? String(contentsOfFile: peakFile, encoding: .utf8))?.split(separator: "\n").last.flatMap({ Double($0) }) else {
            throw BenchError("GNU time (/usr/bin/time) gave no peak memory for \(executable)")
        }
        return MeasuredProcess(duration: duration, peakMiB: kib / 1024)
    }

    /// Spawns `executable` and waits for it; throws unless it exits with status 0.
    private static func spawnAndWait(_ executable: String, _ arguments: [String], stdin: String?, stdout: String,
                                     quietErrors: Bool) throws -> Duration {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if quietErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        guard waitpid(pid, &status, 0) == pid else { throw BenchError("\(executable): waitpid failed") }
        let duration = clock.now - start
        // Exited normally with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw BenchError("\(executable) \(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return duration
    }
}
