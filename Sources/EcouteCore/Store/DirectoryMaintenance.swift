import Foundation

/// What an import wrote, and the rows left out with `skipInvalid`.
public struct DirectoryImportReport: Equatable, Sendable {
    public var inserted: Int
    public var updated: Int
    public var skipped: [ImportProblem]
    /// Files left by an import that was killed, removed before this one (their paths).
    public var removedLeftovers: [String]

    public init(inserted: Int, updated: Int, skipped: [ImportProblem], removedLeftovers: [String] = []) {
        self.inserted = inserted
        self.updated = updated
        self.skipped = skipped
        self.removedLeftovers = removedLeftovers
    }
}

/// A file refused as a whole: nothing was written.
public struct DirectoryImportRejected: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var problems: [ImportProblem]

    public init(file: String, problems: [ImportProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        (["\(file): nothing imported, \(problems.count) problem(s):"] + problems.map { "  \(file): \($0)" })
            .joined(separator: "\n")
    }
}

/// Counts for keeping the directory current.
public struct DirectoryStatistics: Equatable, Sendable {
    /// Active entries per kind (raw value), then per region code ("" for national entries).
    public var activeByKindAndRegion: [String: [String: Int]]
    public var inactive: Int
    /// Entries whose last verification is older than the cutoff, or unknown.
    public var notVerifiedSince: Int
    /// Départements with no active entry of a kind the rules need locally.
    public var departementsWithout: [ReferralKind: [String]]
    /// Kinds whose active entries are all fictitious sample data (no real source covers them yet).
    public var onlyFictitious: [ReferralKind]

    public init(activeByKindAndRegion: [String: [String: Int]], inactive: Int, notVerifiedSince: Int,
                departementsWithout: [ReferralKind: [String]], onlyFictitious: [ReferralKind] = []) {
        self.activeByKindAndRegion = activeByKindAndRegion
        self.inactive = inactive
        self.notVerifiedSince = notVerifiedSince
        self.departementsWithout = departementsWithout
        self.onlyFictitious = onlyFictitious
    }

    /// The kinds every département should have.
    public static let locallyNeededKinds: [ReferralKind] = [.psychologist, .gp, .psychiatrist, .legal, .administrative, .addiction]
}

/// Keeping the directory: import (atomic), export, search with every filter, statistics.
public protocol DirectoryMaintenance: Sendable {
    /// Validates every row first; writes nothing unless all are valid (or `skipInvalid`), and
    /// throws `DirectoryImportRejected` for a file refused as a whole.
    func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                    skipInvalid: Bool) throws -> DirectoryImportReport
    /// Imports France's register of health professionals (RPPS extract) from a file, streaming,
    /// in one transaction; entries of the register absent from it are retired. Refuses, writing
    /// nothing, a file whose encoding is not the one decided, that is empty, header-only or cut
    /// short, or that would retire more than a tenth of the register (unless
    /// `options.allowShrink`). `progress(lines, bytes read, file size)`.
    func importRegister(_ path: String, options: RPPSImportOptions, progress: ((Int, Int64, Int64) -> Void)?) throws -> RPPSImportReport
    /// Imports the FINESS extract (addiction centres and psychiatric establishments) with the same
    /// guards; entries of the source `finess` absent from it are retired, no other source's.
    func importEstablishments(_ path: String, options: RPPSImportOptions, progress: ((Int, Int64, Int64) -> Void)?) throws -> FINESSImportReport
    /// Every entry, active or not, in a stable order.
    func allEntries() throws -> [DirectoryEntry]
    /// Active entries matching words and filters.
    func search(_ text: String, kind: ReferralKind?, departement: String?, region: String?,
                teleconsultation: Bool?, limit: Int) throws -> [DirectoryEntry]
    /// Entries verified before `verifiedCutoff` (YYYY-MM-DD) count as stale.
    func statistics(verifiedCutoff: String) throws -> DirectoryStatistics
}
