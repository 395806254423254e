import EcoutePostgres
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests and the benchmarks (`ScratchPostgres` target): `initdb` in a temporary
/// folder, its socket in that folder; the tests' one (`shared`) has no TCP port, skips fsync and
/// is started on first use and stopped when the test process exits; the benchmarks' one is
/// durable (fsync and synchronous commit, PostgreSQL's defaults) and listens on loopback.
/// The schema is created once in a template database (`ecoute admin init`'s code); each test
/// gets a fresh copy of it. Run as root (CI), the cluster runs as the `postgres` system user,
/// since PostgreSQL refuses to run as root. Local connections are trusted: the tests connect as
/// whichever role they play (a psychologist, a supervisor), as peer authentication would let
/// those users do on a real host.
public final class ScratchPostgresCluster: @unchecked Sendable {
    public let folder: String
    /// The database superuser (the administrator of the tests' databases).
    public static let superuser = "ecoute_superuser"
    private static let template = "ecoute_template"
    private let lock = NSLock()
    private var counter = 0

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The cluster of this test process, started on first use.
    public static let shared: Result<ScratchPostgresCluster, Failure> = {
        do {
            let cluster = try ScratchPostgresCluster(durable: false, loopback: false)
            atexit { ScratchPostgresCluster.stopShared() }
            return .success(cluster)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    public static func get() throws -> ScratchPostgresCluster { try shared.get() }

    private static func stopShared() {
        guard case .success(let cluster) = shared else { return }
        cluster.stop()
    }

    /// Stops the server and removes its folder.
    public func stop() {
        _ = try? asOwner([PostgresTools.path("pg_ctl"), "stop", "-D", folder + "/data", "-m", "immediate", "-w"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Stops the server, keeping its data (a server gone down under running programs).
    public func pause() throws {
        _ = try asOwner([PostgresTools.path("pg_ctl"), "stop", "-D", folder + "/data", "-m", "fast", "-w"])
    }

    /// Starts the server again on the same data, socket and port.
    public func resume() throws {
        _ = try asOwner([PostgresTools.path("pg_ctl"), "start", "-D", folder + "/data", "-w", "-l", folder + "/server.log", "-o", settings])
    }

    /// The server's options (`pg_ctl -o`).
    private var settings = ""

    /// The loopback port, when the cluster listens on one.
    public let port: Int?

    /// `durable`: fsync and synchronous commit on, as in production (the benchmarks); `loopback`:
    /// also listen on 127.0.0.1, on a free port.
    public init(durable: Bool = false, loopback: Bool = false) throws {
        port = loopback ? try Self.freePort() : nil
        folder = "/tmp/ecoute-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        if geteuid() == 0 {
            guard getpwnam("postgres") != nil else {
                throw Failure(description: "running as root, the test cluster needs the postgres system user (apt-get install postgresql)")
            }
            _ = try TestProcess.run(["chown", "postgres:", folder])
        }
        let initdb = PostgresTools.path("initdb")
        guard FileManager.default.isExecutableFile(atPath: initdb) else {
            throw Failure(description: "initdb not found (PostgreSQL 15: apt-get install postgresql, or make deps)")
        }
        _ = try asOwner([initdb, "-D", folder + "/data", "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                         "--no-sync"])
        var settings = "-k \(folder) -c max_connections=300"
        settings += port.map { " -c listen_addresses=127.0.0.1 -p \($0)" } ?? " -c listen_addresses="
        if !durable { settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" }
        self.settings = settings
        _ = try asOwner([PostgresTools.path("pg_ctl"), "start", "-D", folder + "/data", "-w", "-l", folder + "/server.log", "-o", settings])
        try initialiseTemplate()
    }

    /// Runs a PostgreSQL program as the cluster's owner.
    private func asOwner(_ arguments: [String]) throws -> String {
        try TestProcess.run(geteuid() == 0 ? ["runuser", "-u", "postgres", "--"] + arguments : arguments)
    }

    /// The URL of a database of this cluster, connecting as `role` (through the socket, or over
    /// loopback TCP without TLS).
    public func url(database: String, role: String = ScratchPostgresCluster.superuser, overLoopback: Bool = false) -> String {
        if overLoopback, let port { return "postgresql://\(role)@127.0.0.1:\(port)/\(database)?sslmode=disable" }
        return "postgresql://\(role)@/\(database)?host=\(folder)&port=\(port ?? 5432)"
    }

    /// A port nobody listens on now (the kernel's choice for port 0).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A new database with ecoute's schema, roles and policies; dropped by `drop`.
    public func newDatabase() throws -> String {
        lock.lock()
        counter += 1
        let name = "ecoute_t\(counter)"
        lock.unlock()
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE \(Self.template)")
        // A database's own privileges are not copied from its template: who may connect is set
        // again, as `admin init` sets it.
        try psql(name, PostgresDatabaseAccess.script)
        return name
    }

    public func drop(_ database: String) {
        _ = try? psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }

    /// Runs SQL with psql as `role` (what an operator can do by hand); returns what it printed
    /// (unaligned, tuples only), or throws with the server's refusal.
    @discardableResult
    public func psql(_ database: String, _ sql: String, as role: String = ScratchPostgresCluster.superuser) throws -> String {
        try TestProcess.run([PostgresTools.path("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", "\(port ?? 5432)", "-U", role,
                             "-d", database, "-c", sql])
    }

    private func initialiseTemplate() throws {
        try psql("postgres", "CREATE DATABASE \(Self.template)")
        _ = try PostgresStore.initialise(PostgresURL.parse(url(database: Self.template), systemUser: Self.superuser))
        // A database is copied from its template only once no session uses the template: the
        // initialising connection's backend may outlive its close on a busy machine.
        let deadline = Date() + 30
        while Date() < deadline,
              try psql("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(Self.template)'")
                .trimmingCharacters(in: .whitespacesAndNewlines) != "0" {
            usleep(50_000)
        }
    }
}
