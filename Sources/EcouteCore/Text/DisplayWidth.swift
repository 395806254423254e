/// How many terminal columns text takes: East Asian wide characters and most emoji take two,
/// combining marks and zero-width characters none. A `Character` is a grapheme cluster, so an
/// accent typed as a combining mark already belongs to its letter; what is measured here is the
/// cluster's first scalar (its base) plus whether the cluster is an emoji presentation.
public enum DisplayWidth {
    /// Columns of one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isSimple(first.value), scalars.index(after: scalars.startIndex) == scalars.endIndex { return 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }   // emoji presentation selector
        return of(first)
    }

    /// Columns of one scalar, after the wcwidth conventions.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// Columns of a string.
    public static func of(_ text: String) -> Int {
        if let simple = simpleCount(text) { return simple }
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// Whether a scalar is one column and a character of its own whatever follows it: printable
    /// ASCII, Latin letters up to the combining marks (not the soft hyphen), typographic
    /// punctuation (’ « — … ·, not the invisible ones), currency signs, arrows, box drawing,
    /// blocks and geometric shapes (▸ █, not the two wide ones). French text and the screens'
    /// signs are made of nothing else, and are then measured without grapheme breaking or
    /// Unicode properties — the directory screen measures every field of every visible row per
    /// frame. Anything else, or anything following that could join (a combining mark, U+FE0F,
    /// a joiner), takes the character-by-character rule.
    @inline(__always) static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x20..<0x7F, 0xA0..<0xAD, 0xAE..<0x300, 0x2010...0x2027, 0x202F...0x205E, 0x20A0...0x20C0, 0x2190...0x21FF,
             0x2500...0x25FC, 0x25FF:
            return true
        default:
            return false
        }
    }

    /// The width of text made only of simple scalars (its scalar count: each is a character of
    /// one column), nil otherwise.
    public static func simpleCount(_ text: String) -> Int? {
        var count = 0
        for scalar in text.unicodeScalars {
            guard isSimple(scalar.value) else { return nil }
            count += 1
        }
        return count
    }

    /// Text cut to at most `width` columns, with an ellipsis when it was cut.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if let simple = simpleCount(text) {
            if simple <= width { return text }
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: text.unicodeScalars.prefix(width - 1))
            return String(kept) + "…"
        }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Text fitted to `width` columns and padded with spaces to exactly that many.
    public static func padded(_ text: String, _ width: Int) -> String {
        let t = fit(text, width)
        return t + String(repeating: " ", count: max(0, width - of(t)))
    }

    /// East Asian Wide and Fullwidth ranges, and the emoji blocks terminals draw two columns wide.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
             0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
             0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
