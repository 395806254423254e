import Foundation

/// The transactions one call was written with, read back from the PostgreSQL server's log
/// (`log_statement = 'all'` for the role that wrote it) and made into pgbench scripts: the same
/// statements with the same values, the call's id replaced by a pgbench variable so that each
/// replay writes a call of its own.
///
/// The log is PostgreSQL's default stderr format (`log_line_prefix = '%m [%p] '`): each record
/// starts with a time stamp and the backend's pid, a statement is logged as `statement: …`
/// (simple protocol) or `execute <name>: …` (extended), its bound values on the next `DETAIL:
/// parameters: $1 = '…', $2 = NULL` record of the same backend, quoted as SQL literals.
struct StatementCapture {
    struct Statement {
        var pid: String
        var sql: String
        var parameters: [Int: String] = [:]

        /// The statement with its values in place of `$1`, `$2`…
        var bound: String {
            var out = ""
            var chars = Array(sql)[...]
            while let c = chars.popFirst() {
                guard c == "$", let first = chars.first, first.isASCII, first.isNumber else { out.append(c); continue }
                var digits = ""
                while let d = chars.first, d.isASCII, d.isNumber { digits.append(d); chars.removeFirst() }
                out += parameters[Int(digits)!] ?? "$" + digits
            }
            return out
        }

        var isBegin: Bool { ["BEGIN", "START TRANSACTION"].contains { sql.uppercased().hasPrefix($0) } }
        var isEnd: Bool { ["COMMIT", "END", "ROLLBACK"].contains { sql.uppercased().hasPrefix($0) } }
    }

    let statements: [Statement]

    init(log: String) {
        var statements: [Statement] = []
        var lastOfBackend: [String: Int] = [:]
        for record in Self.records(log) {
            if record.kind == "LOG", let sql = Self.statementText(record.message) {
                lastOfBackend[record.pid] = statements.count
                statements.append(Statement(pid: record.pid, sql: sql))
            } else if record.kind == "DETAIL", record.message.lowercased().hasPrefix("parameters: "), let index = lastOfBackend[record.pid] {
                statements[index].parameters = Self.parameters(String(record.message.dropFirst("parameters: ".count)))
            }
        }
        self.statements = statements
    }

    /// The transactions that wrote `callID`, in order, each its statements bound.
    func transactions(writing callID: String) -> [[String]] {
        var open: [String: [Statement]] = [:]
        var found: [[String]] = []
        for s in statements {
            if s.isBegin { open[s.pid] = [s]; continue }
            guard var transaction = open[s.pid] else { continue }
            transaction.append(s)
            if s.isEnd {
                open[s.pid] = nil
                let bound = transaction.map(\.bound)
                if s.sql.uppercased().hasPrefix("COMMIT"), bound.contains(where: { $0.contains(callID) }) { found.append(bound) }
            } else {
                open[s.pid] = transaction
            }
        }
        return found
    }

    /// A pgbench script replaying `transactions` for a new call each time: the call's id becomes
    /// `pgb-<client>-<k>`, `k` counting each client's replays from the `-D k=0` it starts with.
    static func pgbenchScript(_ transactions: [[String]], callID: String) -> String {
        var script = "\\set k :k + 1\n"
        for transaction in transactions {
            for statement in transaction {
                script += statement.replacingOccurrences(of: callID, with: "pgb-:client_id-:k") + ";\n"
            }
        }
        return script
    }

    private struct Record {
        var pid: String
        var kind: String
        var message: String
    }

    /// Log lines grouped into records (a multi-line statement continues on the lines after it).
    private static func records(_ log: String) -> [Record] {
        let prefix = try! Regex(#"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] ([A-Z]+):  "#)
        var records: [Record] = []
        for line in log.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = try? prefix.prefixMatch(in: line), let pid = match.output[1].substring, let kind = match.output[2].substring {
                records.append(Record(pid: String(pid), kind: String(kind), message: String(line[match.range.upperBound...])))
            } else if !records.isEmpty {
                records[records.count - 1].message += "\n" + (line.hasPrefix("\t") ? String(line.dropFirst()) : String(line))
            }
        }
        return records
    }

    private static func statementText(_ message: String) -> String? {
        if message.hasPrefix("statement: ") { return String(message.dropFirst("statement: ".count)) }
        if message.hasPrefix("execute "), let colon = message.range(of: ": ") { return String(message[colon.upperBound...]) }
        return nil
    }

    /// `$1 = 'a''b', $2 = NULL` → [1: "'a''b'", 2: "NULL"], each value kept as the SQL literal it is.
    static func parameters(_ text: String) -> [Int: String] {
        var values: [Int: String] = [:]
        var rest = Array(text)[...]
        while rest.first == "$" {
            rest.removeFirst()
            var digits = ""
            while let d = rest.first, d.isNumber { digits.append(d); rest.removeFirst() }
            guard rest.starts(with: " = ") else { break }
            rest.removeFirst(3)
            var literal = ""
            if rest.first == "'" {
                literal.append(rest.removeFirst())
                while let c = rest.popFirst() {
                    literal.append(c)
                    if c == "'" {
                        if rest.first == "'" { literal.append(rest.removeFirst()) } else { break }
                    }
                }
            } else {
                while let c = rest.first, c != "," { literal.append(c); rest.removeFirst() }
            }
            if let n = Int(digits) { values[n] = literal }
            if rest.starts(with: ", ") { rest.removeFirst(2) }
        }
        return values
    }
}
