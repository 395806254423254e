import Foundation

/// When each directory entry was last given, kept with the calls: on SQLite the calls database
/// is attached to the directory's reader; on a server, the reader copies the changes through this.
public protocol DirectoryRotationFeed: Sendable {
    /// The rows changed since `mark` (every row when nil), and the mark to ask from next time.
    func rotation(changedSince mark: Date?) throws -> (rows: [DirectoryRotationRow], mark: Date?)
}

public struct DirectoryRotationRow: Equatable, Sendable {
    public var source: String
    public var sourceID: String
    public var lastGivenAt: Date
    public var timesGiven: Int

    public init(source: String, sourceID: String, lastGivenAt: Date, timesGiven: Int) {
        self.source = source
        self.sourceID = sourceID
        self.lastGivenAt = lastGivenAt
        self.timesGiven = timesGiven
    }
}
