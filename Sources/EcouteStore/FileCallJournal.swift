import EcouteCore
import Foundation

/// The local journal as files: one per console, `<console id>.json`, in a folder of the operator's
/// own (0700), each file 0600, replaced atomically (written beside, synced, renamed), so a kill at
/// any moment leaves either the old version or the new one.
public final class FileCallJournal: CallJournal, @unchecked Sendable {
    let folder: URL
    let console: ConsoleIdentity
    /// The database the calls belong to: a copy is offered again only on the same one.
    let location: String
    private let lock = NSLock()
    private var kept: (id: String, updatedAt: Date)?
    /// The newest version the store has: a copy of it (or of an older one) is not kept, since the
    /// store's write may be answered before the copy is asked for.
    private var written: (id: String, updatedAt: Date)?

    struct Entry: Codable {
        var console: String
        var host: String
        var pid: Int32
        var location: String
        var draft: CallDraft
    }

    public init(folder: URL, console: ConsoleIdentity, location: String) throws {
        self.folder = folder
        self.console = console
        self.location = location
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// `$XDG_STATE_HOME/ecoute/journal` (by default `~/.local/state/ecoute/journal`).
    public static func defaultFolder() -> URL {
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        return URL(fileURLWithPath: state).appendingPathComponent("ecoute/journal")
    }

    private var file: URL { folder.appendingPathComponent("\(Self.safe(console.id)).json") }

    public func keep(_ draft: CallDraft) throws {
        lock.lock()
        defer { lock.unlock() }
        if let written, written.id == draft.id, draft.updatedAt <= written.updatedAt { return }
        let data = try JSONEncoder().encode(Entry(console: console.id, host: console.host, pid: console.pid, location: location, draft: draft))
        try Self.replace(file, with: data)
        kept = (draft.id, draft.updatedAt)
    }

    public func written(_ draft: CallDraft) {
        lock.lock()
        defer { lock.unlock() }
        if written?.id != draft.id || written.map({ $0.updatedAt < draft.updatedAt }) == true { written = (draft.id, draft.updatedAt) }
        guard let kept, kept.id == draft.id, kept.updatedAt <= draft.updatedAt else { return }
        try? FileManager.default.removeItem(at: file)
        self.kept = nil
    }

    public func leftovers(processExists: (Int32) -> Bool) -> [CallDraft] {
        entries().filter { $0.entry.console != console.id && $0.entry.host == console.host && $0.entry.location == location
            && !processExists($0.entry.pid) }
            .map(\.entry.draft)
    }

    public func forget(callID: String) {
        for (url, entry) in entries() where entry.console != console.id && entry.location == location && entry.draft.id == callID {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// One name and phone per line, tab-separated: what a psychologist calls by hand.
    private var supervisorsFile: URL { folder.appendingPathComponent("supervisors.\(Self.safe(location)).tsv") }

    public func keepSupervisors(_ supervisors: [OperatorRecord]) {
        let text = supervisors.compactMap { s in s.phone.map { "\(s.name)\t\($0)\n" } }.joined()
        try? Self.replace(supervisorsFile, with: Data(text.utf8))
    }

    public func knownSupervisors() -> [OperatorRecord] {
        guard let text = try? String(contentsOf: supervisorsFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return fields.count == 2 ? OperatorRecord(name: fields[0], role: .supervisor, systemUser: nil, phone: fields[1]) : nil
        }
    }

    private func entries() -> [(url: URL, entry: Entry)] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.compactMap { url in
            guard let data = try? Data(contentsOf: url), let entry = try? JSONDecoder().decode(Entry.self, from: data) else { return nil }
            return (url, entry)
        }
    }

    /// A console id as a file name (letters, digits, `-`, `_`, `.` kept).
    static func safe(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    /// Writes `data` beside `url` (0600), syncs it, then renames it over `url`.
    static func replace(_ url: URL, with data: Data) throws {
        let temporary = url.path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw JournalError(path: temporary, errno: errno) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        let failure = errno
        close(fd)
        guard written == data.count, synced == 0 else {
            unlink(temporary)
            throw JournalError(path: temporary, errno: written < 0 || synced != 0 ? failure : ENOSPC)
        }
        guard rename(temporary, url.path) == 0 else { throw JournalError(path: url.path, errno: errno) }
    }
}

/// The journal could not be written (a full disk, a read-only home).
public struct JournalError: Error, CustomStringConvertible {
    public var path: String
    public var errno: Int32
    public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
