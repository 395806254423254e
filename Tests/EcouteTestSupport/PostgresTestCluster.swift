import EcouteStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder, its socket in
/// that folder (no TCP port), started on first use and stopped when the test process exits.
/// The schema is created once in a template database (`ecoute admin init`'s code); each test
/// gets a fresh copy of it. Run as root (CI), the cluster runs as the `postgres` system user,
/// since PostgreSQL refuses to run as root. Local connections are trusted: the tests connect as
/// whichever role they play (a psychologist, a supervisor), as peer authentication would let
/// those users do on a real host.
public final class PostgresTestCluster: @unchecked Sendable {
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
    public static let shared: Result<PostgresTestCluster, Failure> = {
        do {
            let cluster = try PostgresTestCluster()
            atexit { PostgresTestCluster.stopShared() }
            return .success(cluster)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    public static func get() throws -> PostgresTestCluster { try shared.get() }

    private static func stopShared() {
        guard case .success(let cluster) = shared else { return }
        _ = try? cluster.asOwner([PostgresTools.path("pg_ctl"), "stop", "-D", cluster.folder + "/data", "-m", "immediate", "-w"])
        try? FileManager.default.removeItem(atPath: cluster.folder)
    }

    private init() throws {
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
        _ = try asOwner([PostgresTools.path("pg_ctl"), "start", "-D", folder + "/data", "-w", "-l", folder + "/server.log", "-o",
                         "-k \(folder) -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"])
        try initialiseTemplate()
    }

    /// Runs a PostgreSQL program as the cluster's owner.
    private func asOwner(_ arguments: [String]) throws -> String {
        try TestProcess.run(geteuid() == 0 ? ["runuser", "-u", "postgres", "--"] + arguments : arguments)
    }

    /// The URL of a database of this cluster, connecting as `role`.
    public func url(database: String, role: String = PostgresTestCluster.superuser) -> String {
        "postgresql://\(role)@/\(database)?host=\(folder)"
    }

    /// A new database with ecoute's schema, roles and policies; dropped by `drop`.
    public func newDatabase() throws -> String {
        lock.lock()
        counter += 1
        let name = "ecoute_t\(counter)"
        lock.unlock()
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE \(Self.template)")
        return name
    }

    public func drop(_ database: String) {
        _ = try? psql("postgres", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }

    /// Runs SQL with psql as `role` (what an operator can do by hand); returns what it printed
    /// (unaligned, tuples only), or throws with the server's refusal.
    @discardableResult
    public func psql(_ database: String, _ sql: String, as role: String = PostgresTestCluster.superuser) throws -> String {
        try TestProcess.run([PostgresTools.path("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-U", role,
                             "-d", database, "-c", sql])
    }

    private func initialiseTemplate() throws {
        try psql("postgres", "CREATE DATABASE \(Self.template)")
        _ = try PostgresStore.initialise(PostgresURL.parse(url(database: Self.template), systemUser: Self.superuser))
    }
}
