/// JSON text written by hand (the directory's JSON export, the rows sent to PostgreSQL's functions).
public enum JSONLiteral {
    /// A JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
