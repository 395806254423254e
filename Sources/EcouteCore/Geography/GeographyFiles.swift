import Foundation

extension Geography {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `regions.csv`, `departements.csv` and `neighbours.csv` (Resources/geography).
    public static func load(from folder: URL) throws -> Geography {
        try load(fromFolder: folder.path)
    }

    /// The same from a folder's path.
    public static func load(fromFolder folder: String) throws -> Geography {
        func rows(_ name: String, columns: Int) throws -> [[String]] {
            let path = folder + "/" + name
            let bytes: [UInt8]
            do { bytes = try contents(of: path) } catch {
                throw LoadError(description: "\(path): cannot read (\(error))")
            }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw LoadError(description: "\(path): not UTF-8 text")
            }
            let records: [CSV.Record]
            do { records = try CSV.parse(bytes: bytes) } catch {
                throw LoadError(description: "\(path): \(error)")
            }
            for r in records where r.fields.count != columns {
                throw LoadError(description: "\(path), line \(r.line): expected \(columns) fields, found \(r.fields.count)")
            }
            return records.dropFirst().map(\.fields)
        }
        let regions = try rows("regions.csv", columns: 2).map { Region(code: $0[0], name: $0[1]) }
        let departements = try rows("departements.csv", columns: 4).map {
            Departement(code: $0[0], name: $0[1], regionCode: $0[2], prefecture: $0[3])
        }
        let neighbours = try rows("neighbours.csv", columns: 2).map { ($0[0], $0[1]) }
        return Geography(regions: regions, departements: departements, neighbours: neighbours)
    }

    /// A small file's bytes, read with the system's calls: Foundation's `String(contentsOf:)`
    /// cost every command a few hundred thousand instructions at start for three files of 6 KB.
    static func contents(of path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LoadError(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadError(description: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
