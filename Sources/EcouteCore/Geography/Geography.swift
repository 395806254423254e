import Foundation

/// A French region (18 of them, overseas included).
public struct Region: Equatable, Sendable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A French département (101 of them).
public struct Departement: Equatable, Sendable {
    public var code: String
    public var name: String
    public var regionCode: String
    /// The prefecture, used by the sample-directory generator for plausible addresses.
    public var prefecture: String

    public init(code: String, name: String, regionCode: String, prefecture: String) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.prefecture = prefecture
    }
}

/// Regions, départements and which départements border which.
public struct Geography: Sendable {
    public let regions: [Region]
    public let departements: [Departement]
    private let byCode: [String: Departement]
    private let borders: Borders

    public init(regions: [Region], departements: [Departement], neighbours: [(String, String)]) {
        self.regions = regions
        self.departements = departements
        var byCode: [String: Departement] = [:]
        byCode.reserveCapacity(departements.count)
        for d in departements { byCode[d.code] = d }
        self.byCode = byCode
        self.borders = Borders(pairs: neighbours)
    }

    /// Which départements border which, as pairs, made into a list per département the first
    /// time one is asked: a command that never asks (`directory search martin`) does not build
    /// them, which was a tenth of its instructions (docs/benchmarks.md).
    private final class Borders: @unchecked Sendable {
        private let pairs: [(String, String)]
        private let lock = NSLock()
        private var lists: [String: [String]]?

        init(pairs: [(String, String)]) { self.pairs = pairs }

        func of(_ code: String) -> [String] {
            lock.withLock {
                if lists == nil { lists = Self.lists(pairs) }
                return lists?[code] ?? []
            }
        }

        /// Lists sorted then rid of repeats (a pair may be listed both ways).
        static func lists(_ pairs: [(String, String)]) -> [String: [String]] {
            var map: [String: [String]] = [:]
            for (a, b) in pairs {
                map[a, default: []].append(b)
                map[b, default: []].append(a)
            }
            return map.mapValues { codes in
                var unique: [String] = []
                for code in codes.sorted() where code != unique.last { unique.append(code) }
                return unique
            }
        }
    }

    public func departement(_ code: String) -> Departement? { byCode[code] ?? byCode[Self.normalisedCode(code)] }

    public func region(_ code: String) -> Region? { regions.first { $0.code == code } }

    public func neighbours(of code: String) -> [String] { borders.of(code) }

    /// Départements of the same region, the département itself excluded.
    public func sameRegion(as code: String) -> [String] {
        guard let dep = byCode[code] else { return [] }
        return departements.filter { $0.regionCode == dep.regionCode && $0.code != code }.map(\.code)
    }

    /// Départements matching what the psychologist typed: a code prefix ("6", "69", "2a") or a
    /// name prefix folded for accents and case ("rho" finds Rhône), codes first.
    public func search(_ query: String) -> [Departement] {
        let q = query.trimmingCharacters(in: .whitespaces)
        if q.isEmpty { return departements }
        let code = Self.normalisedCode(q)
        let folded = TextFolding.fold(q)
        let byCodePrefix = departements.filter { $0.code.hasPrefix(code) }
        let byName = departements.filter {
            !$0.code.hasPrefix(code) && TextFolding.fold($0.name).split(separator: " ").joined(separator: " ")
                .hasPrefix(folded)
        }
        let byWord = departements.filter { dep in
            !dep.code.hasPrefix(code) && !TextFolding.fold(dep.name).hasPrefix(folded)
                && TextFolding.fold(dep.name).split(whereSeparator: { $0 == "-" || $0 == " " })
                    .contains { $0.hasPrefix(folded) }
        }
        return byCodePrefix + byName + byWord
    }

    /// "2a" → "2A", "1" stays "1" (a prefix), "01" stays "01".
    static func normalisedCode(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }
}
