import Foundation

/// Small-cell masking that holds against arithmetic. A report registers every count it
/// publishes (or lets a reader work out: a share's numerator, a complement) as a cell, and every
/// sum that ties cells together (a total and its parts, a row against its column). Counts from 1
/// to `threshold − 1` are masked (primary); then, as long as some masked cell can be worked out
/// from the published cells by those sums — one relation alone (a complement) or several
/// together (a cross-table) — another published cell is masked with it (secondary), the smallest
/// of a relation that gives it away (the cheapest to lose first: `cost`). "Worked out" is linear algebra: a masked cell is given away
/// when its value is fixed by the relations once every published cell is known, that is when its
/// unit vector lies in the row space of the relations restricted to the masked cells.
struct SmallCellMask {
    let threshold: Int
    private(set) var values: [String: Int] = [:]
    /// Each relation as cells and coefficients whose weighted sum is zero.
    private(set) var relations: [[(cell: String, coefficient: Double)]] = []
    private(set) var primary: Set<String> = []
    private(set) var secondary: Set<String> = []

    /// See `cost`.
    var costs: [String: Int] = [:]

    init(threshold: Int, costs: [String: Int] = [:]) {
        self.threshold = threshold
        self.costs = costs
    }

    mutating func cell(_ key: String, _ value: Int) { values[key] = value }

    /// `total` = Σ `parts` (each part registered as a cell).
    mutating func sum(_ total: String, of parts: [String]) {
        guard !parts.isEmpty else { return }
        relations.append([(total, 1)] + parts.map { ($0, -1) })
    }

    func isMasked(_ key: String) -> Bool { primary.contains(key) || secondary.contains(key) }

    /// Cells published only together (a share's numerator and its complement, both read from
    /// the share): masking one masks the others.
    private(set) var groups: [[String]] = []

    mutating func together(_ cells: [String]) { groups.append(cells) }

    /// Masks the rest of every group one of whose cells is masked.
    private mutating func spread() {
        for group in groups where group.contains(where: isMasked) {
            for cell in group where !isMasked(cell) { secondary.insert(cell) }
        }
    }

    /// Masks the small cells, then whatever gives one of them away.
    mutating func resolve() {
        primary = Set(values.filter { $0.value > 0 && $0.value < threshold }.keys)
        spread()
        while let exposed = determined().first {
            // The cheapest cell that hides it on its own, or else the cheapest beside it.
            let beside = candidates(besides: exposed)
            // (The first few only: each trial is an elimination.)
            let hiding = beside.sorted { (cost($0), values[$0] ?? 0) < (cost($1), values[$1] ?? 0) }.prefix(24).first { cell in
                var trial = self
                trial.secondary.insert(cell)
                trial.spread()
                return !trial.determined().contains(exposed)
            }
            guard let pick = hiding ?? beside.first else { break }
            secondary.insert(pick)
            spread()
        }
    }

    /// The published cells to mask with an exposed one, cheapest first (a non-zero one before a
    /// zero, then the smallest, then by name, for a stable choice): those of the relations that
    /// hold it and of the relations next to those (a cell given away by a cross-table is hidden
    /// again by a cell one relation away).
    func candidates(besides exposed: String) -> [String] {
        var reached: Set<String> = [exposed]
        var used = Set<Int>()
        var found: [String] = []
        for _ in 0..<2 {
            let next = relations.indices.filter { !used.contains($0) && relations[$0].contains { reached.contains($0.cell) } }
            used.formUnion(next)
            let cells = Set(next.flatMap { relations[$0].map(\.cell) })
            let order = { (a: String, b: String) -> Bool in
                let (va, vb) = (values[a] ?? 0, values[b] ?? 0)
                return (cost(a), (va == 0 ? 1 : 0), va, a) < (cost(b), (vb == 0 ? 1 : 0), vb, b)
            }
            found += cells.subtracting(found).filter { !isMasked($0) }.sorted(by: order)
            reached.formUnion(cells)
        }
        return found
    }

    /// What masking a cell costs the reader, lowest first: `costs` by the cell's name's end (a
    /// share's parts before the counts shown, the calls last), 1 otherwise.
    func cost(_ cell: String) -> Int {
        costs.first { cell.hasSuffix($0.key) }?.value ?? 1
    }

    /// The masked cells whose value the published cells and the relations fix, sorted. Sparse
    /// Gauss–Jordan elimination over the masked cells: a cell is fixed when its pivot row keeps no
    /// other cell.
    func determined() -> [String] {
        let unknown = (primary.union(secondary)).sorted()
        guard !unknown.isEmpty else { return [] }
        let column = Dictionary(uniqueKeysWithValues: unknown.enumerated().map { ($1, $0) })
        var rows: [[Int: Double]] = relations.compactMap { relation in
            var row: [Int: Double] = [:]
            for (cell, coefficient) in relation {
                if let j = column[cell] { row[j, default: 0] += coefficient }
            }
            row = row.filter { abs($0.value) > 1e-12 }
            return row.isEmpty ? nil : row
        }
        var isPivot = [Bool](repeating: false, count: rows.count)
        var pivots: [(row: Int, column: Int)] = []
        for j in 0..<unknown.count {
            var best = -1, largest = 1e-9
            for i in rows.indices where !isPivot[i] {
                if let v = rows[i][j], abs(v) > largest { best = i; largest = abs(v) }
            }
            guard best >= 0 else { continue }
            isPivot[best] = true
            let p = rows[best][j]!
            for (k, v) in rows[best] { rows[best][k] = v / p }
            let pivotRow = rows[best]
            for i in rows.indices where i != best {
                guard let f = rows[i][j] else { continue }
                for (k, v) in pivotRow {
                    let value = (rows[i][k] ?? 0) - f * v
                    rows[i][k] = abs(value) < 1e-9 ? nil : value
                }
            }
            pivots.append((best, j))
        }
        return pivots.filter { rows[$0.row].count == 1 }.map { unknown[$0.column] }
    }
}
