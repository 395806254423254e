import EcoutePostgres
import EcouteStore
import Foundation
import ScratchPostgres

/// The floor of a console's save on PostgreSQL: pgbench replaying the very transactions a
/// console's save sent (`StatementCapture`), as the same role, at the same concurrency, each
/// client on calls of its own written beforehand by the same console's earlier transactions
/// (pick-up, profile, end), replayed by a first pgbench run that is not timed.
struct PgbenchFloor {
    let host: String
    let port: Int
    let database: String
    let role: String
    let folder: URL

    /// Per-save latencies, from pgbench's per-transaction log (`-l`). `rate`: saves per second for
    /// all clients together (pgbench's `-R`, the consoles' own rate when they take calls at a
    /// person's pace; nil: as fast as they go).
    func run(clients: Int, savesEach: Int, earlier: String, save: String, rate: Double? = nil) throws -> Latencies {
        let earlierScript = folder.appendingPathComponent("pgbench-earlier.sql")
        let saveScript = folder.appendingPathComponent("pgbench-save.sql")
        try Data(earlier.utf8).write(to: earlierScript)
        try Data(save.utf8).write(to: saveScript)
        let common = [PostgresTools.path("pgbench"), "-n", "-h", host, "-p", "\(port)", "-U", role, "-c", "\(clients)", "-j", "2",
                      "-t", "\(savesEach)", "-D", "k=0"]
        _ = try TestProcess.run(common + ["-f", earlierScript.path, database])
        let prefix = folder.appendingPathComponent("pgbench-save").path
        let paced = rate.map { ["-R", String(format: "%.2f", $0)] } ?? []
        let summary = try TestProcess.run(common + paced + ["-l", "--log-prefix=\(prefix)", "-f", saveScript.path, database])
        var latencies = Latencies()
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pgbench-save.") }
        for name in logs {
            // client_id transaction_no time(µs) script_no time_epoch time_us
            for line in try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count >= 3, let micros = Int64(fields[2]) else { continue }
                latencies.record(.microseconds(micros))
            }
        }
        guard latencies.count == clients * savesEach else {
            throw BenchError("pgbench logged \(latencies.count) saves, not \(clients * savesEach): \(summary)")
        }
        return latencies
    }
}
