import Foundation

/// Where a report is written as it is produced: a file, standard output, or a string in tests.
public protocol ReportOutput: AnyObject {
    func write(_ text: String) throws
    /// UTF-8 bytes (rows built without a String).
    func write(_ bytes: [UInt8]) throws
    /// UTF-8 bytes a writer owns (`JSONWriter`'s).
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

extension ReportOutput {
    public func write(_ bytes: [UInt8]) throws { try write(String(decoding: bytes, as: UTF8.self)) }
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws { try write(Array(bytes)) }
}

/// Collects a report in memory (tests, and the console's debrief).
public final class StringOutput: ReportOutput {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) throws { self.text += text }
}

/// Writes to standard output (or another descriptor) through a buffer. What is still in the
/// buffer goes out only by `flush()`: a report that fails before its end leaves its last part
/// unwritten rather than sent after the error.
public final class StandardOutput: ReportOutput {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    public init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 17)
    }
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }
    public func flush() {
        // Straight from the buffer (a report in JSON is tens of megabytes: no copy into a Data).
        _ = writeAll(buffer, to: descriptor)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes a file that may hold per-call data: created 0600 beside its destination under a
/// temporary name, and renamed into place only by `commit()`, so a failed or interrupted report
/// never leaves a half-written file where the complete one was expected.
public final class FileOutput: ReportOutput {
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        descriptor = Foundation.open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "\(path): cannot create the file (\(String(cString: strerror(errno))))")
        }
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        if let problem = writeAll(buffer, to: descriptor) { throw Failure(description: "\(path): cannot write (\(problem))") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, syncs, and puts the file in place.
    public func commit() throws {
        try flush()
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            throw Failure(description: "\(path): cannot write (\(String(cString: strerror(errno))))")
        }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            throw Failure(description: "\(path): cannot put the file in place (\(String(cString: strerror(errno))))")
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }
}

/// Writes every byte to a descriptor (retrying interrupted and short writes); the system's
/// reason when it cannot.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += n
        }
        return nil
    }
}
