import Foundation

extension Geography {
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `regions.csv`, `departements.csv` and `neighbours.csv` (Resources/geography).
    public static func load(from folder: URL) throws -> Geography {
        func rows(_ name: String, columns: Int) throws -> [[String]] {
            let url = folder.appendingPathComponent(name)
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw LoadError(description: "\(url.path): cannot read (\(error.localizedDescription))")
            }
            let records: [CSV.Record]
            do { records = try CSV.parse(text) } catch {
                throw LoadError(description: "\(url.path): \(error)")
            }
            for r in records where r.fields.count != columns {
                throw LoadError(description: "\(url.path), line \(r.line): expected \(columns) fields, found \(r.fields.count)")
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
}
