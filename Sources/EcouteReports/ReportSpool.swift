import Foundation

/// Rows written aside while a report's figures are gathered, to follow them once known: a
/// report that puts its summary first reads its calls once instead of twice. Rows stay in memory
/// up to 64 KiB; beyond, they go to a file private to the user (0600, created exclusively) and
/// unlinked as soon as it is open, so it holds per-call data only while the report runs and never
/// outlives the process, even a killed one. A short report never creates the file.
final class ReportSpool {
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private static let limit = 1 << 16

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() {}

    deinit { if descriptor >= 0 { close(descriptor) } }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.limit { try flush() }
    }

    private func flush() throws {
        if descriptor < 0 { descriptor = try Self.createUnlinkedFile() }
        if let problem = writeAll(buffer, to: descriptor) { throw Failure(description: "cannot write a temporary file (\(problem))") }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func createUnlinkedFile() throws -> Int32 {
        var template = Array((FileManager.default.temporaryDirectory.path + "/ecoute-report-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }   // 0600, O_EXCL
        guard fd >= 0 else { throw Failure(description: "cannot create a temporary file (\(String(cString: strerror(errno))))") }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return fd
    }

    /// Everything written, in order, to the report.
    func copy(to output: any ReportOutput) throws {
        guard descriptor >= 0 else {
            if !buffer.isEmpty { try output.write(buffer) }
            return
        }
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Failure(description: "cannot read a temporary file back") }
        // Read in chunks of 1 MiB, not zeroed first (the read fills what is used).
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { chunk.deallocate() }
        while true {
            let n = read(descriptor, chunk.baseAddress!, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read a temporary file back (\(String(cString: strerror(errno))))")
            }
            if n == 0 { return }
            try output.write(UnsafeBufferPointer(rebasing: chunk[0..<n]))
        }
    }
}
