import Foundation

/// Rows written aside while a report's figures are gathered, to follow them once known: a
/// report that puts its summary first reads its calls once instead of twice. The file is private
/// to the user (0600, created exclusively) and unlinked as soon as it is open, so it holds
/// per-call data only while the report runs and never outlives the process, even a killed one.
final class ReportSpool {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/ecoute-report-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }   // 0600, O_EXCL
        guard fd >= 0 else { throw Failure(description: "cannot create a temporary file (\(String(cString: strerror(errno))))") }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        descriptor = fd
        buffer.reserveCapacity(1 << 17)
    }

    deinit { close(descriptor) }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        if let problem = writeAll(buffer, to: descriptor) { throw Failure(description: "cannot write a temporary file (\(problem))") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything written, in order, to the report.
    func copy(to output: any ReportOutput) throws {
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Failure(description: "cannot read a temporary file back") }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read a temporary file back (\(String(cString: strerror(errno))))")
            }
            if n == 0 { return }
            try output.write(Array(chunk[0..<n]))
        }
    }
}
