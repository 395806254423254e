import Foundation

/// A problem found by `ecoute check`, with what to do about it.
public struct StoreProblem: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case integrity, foreignKeys, auditProtection, auditChain, schema
        /// A callback number held past the line's limit (`ecoute purge` erases it).
        case callbackNumbers
        /// Free text kept past the line's retention: shift handoff notes (`ecoute purge` removes them).
        case retention
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}

/// Keeping the store sound over the years: consistent backups while consoles run, and checks.
public protocol StoreMaintenance: Sendable {
    /// A consistent copy of the whole store at `path` (created 0600, in one piece, checked after
    /// writing), taken while consoles keep working.
    func backup(to path: String) throws
    /// Integrity, foreign keys, the audit log's protection, the schema version: every problem found.
    func check() throws -> [StoreProblem]
    /// Migrations applied to the store that this version does not know: a newer ecoute upgraded
    /// it while this one runs (consoles then advise a restart between two calls).
    func migrationsUnknownToThisVersion() throws -> [String]
}
