import Foundation

/// Where a platform database is, from a `postgresql://` URL as libpq writes them:
/// `postgresql:///ecoute` (the local socket in /var/run/postgresql, peer authentication),
/// `postgresql:///ecoute?host=/path/to/socket/folder`, `postgresql://db.example:5432/ecoute?sslmode=require`.
///
/// The role connected as is the system user running the program (`getpwuid(geteuid())`) unless
/// the URL names one, in which case the server authenticates it (password, scram over TLS): who
/// the user is always comes from the OS or from the engine, never from an environment variable.
/// The password, when one is needed, comes from the URL or from `~/.pgpass` (mode 0600, as libpq).
public struct PostgresURL: Equatable, Sendable, CustomStringConvertible {
    public enum Endpoint: Equatable, Sendable {
        case socket(path: String)
        case tcp(host: String, port: Int)
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    /// `sslmode`: `disable` (plain TCP, loopback only), `prefer` (the default: TLS when the
    /// server offers it), `require` / `verify-ca` / `verify-full` (TLS or no connection; the
    /// server's certificate is always verified against the system's trust store).
    public var tls: TLSMode

    public enum TLSMode: String, Equatable, Sendable {
        case disable, prefer, require
    }
    /// The URL as given, without its password (for messages).
    public var description: String

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ text: String, systemUser: String) throws -> PostgresURL {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "postgresql" || scheme == "postgres" else {
            throw Invalid(description: "\(text): not a postgresql:// URL (postgresql:///ecoute, postgresql://host:5432/ecoute)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw Invalid(description: "\(text): the URL names no database (postgresql:///ecoute)")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? systemUser
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"]
        let endpoint: Endpoint
        if let host, !host.hasPrefix("/") {
            endpoint = .tcp(host: host, port: components.port ?? Int(query["port"] ?? "") ?? 5432)
        } else {
            let folder = host ?? "/var/run/postgresql"
            endpoint = .socket(path: folder + "/.s.PGSQL.\(components.port ?? Int(query["port"] ?? "") ?? 5432)")
        }
        var shown = components
        shown.password = nil
        let sslmode = query["sslmode"] ?? "prefer"
        var url = PostgresURL(endpoint: endpoint, user: user, password: components.password?.removingPercentEncoding,
                              database: database, tls: ["require", "verify-ca", "verify-full"].contains(sslmode) ? .require
                                  : sslmode == "disable" ? .disable : .prefer,
                              description: shown.string ?? text)
        if url.password == nil, case .tcp(let host, let port) = endpoint {
            url.password = PGPass.password(host: host, port: port, database: database, user: user)
        }
        return url
    }
}

/// `~/.pgpass` as libpq reads it: `host:port:database:user:password`, `*` matching anything;
/// ignored unless only its owner can read it.
enum PGPass {
    static func password(host: String, port: Int, database: String, user: String) -> String? {
        let path = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pgpass").path
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return nil
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { continue }
            let wanted = [host, "\(port)", database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
