import Foundation
import Testing

/// Compares text with a file checked in beside a test source (`besides`: its #filePath), such as
/// Snapshots/ or Golden/; a missing file is recorded and fails; ECOUTE_RECORD_SNAPSHOTS=1
/// (`make snapshots`) rewrites them all.
public func assertGolden(_ actual: String, file relativePath: String, besides sourceFile: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent(relativePath)
    #expect(!actual.contains("⟦"), "missing string in \(relativePath):\n\(actual)", sourceLocation: sourceLocation)
    let record = ProcessInfo.processInfo.environment["ECOUTE_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = (try? Data(contentsOf: file)).map({ String(decoding: $0, as: UTF8.self) }) else {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: file, options: .atomic)
        if !record { Issue.record("\(relativePath) was missing; recorded it: review and re-run", sourceLocation: sourceLocation) }
        return
    }
    #expect(actual == expected, "\(relativePath) differs:\n\(actual)", sourceLocation: sourceLocation)
}
