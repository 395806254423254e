import EcouteCore
import EcouteResources
import Foundation

/// The lines the platform answers, from `Resources/lines/lines.txt`.
enum CallLines {
    static func load() throws -> [CallLine] {
        do {
            return try LineList.load(from: ResourceLocator.url("lines/lines.txt"))
        } catch let problem as LineList.Problem {
            throw fail("ecoute: the lines file is refused: \(problem)")
        }
    }

    /// The line named by `--line`, or the first; an unknown id is refused with the list.
    static func choose(_ id: String?, in lines: [CallLine]) throws -> CallLine {
        guard let id else { return lines[0] }
        guard let line = lines.first(where: { $0.id == id }) else {
            throw fail("ecoute: --line \(id): not a line of this platform (\(lines.map(\.id).joined(separator: ", ")))")
        }
        return line
    }
}
