/// What an administrator decides for one import of the register (`ecoute directory import`).
public struct RPPSImportOptions: Equatable, Sendable {
    /// The file's encoding as given by `--encoding`; nil: decided from the file (a byte-order
    /// mark, else a validation pass over every byte).
    public var encoding: RPPSEncoding?
    /// Import even when the extract would retire more than `ShrinkGuard`'s share of the
    /// register's current entries (`--allow-shrink`).
    public var allowShrink: Bool

    public init(encoding: RPPSEncoding? = nil, allowShrink: Bool = false) {
        self.encoding = encoding
        self.allowShrink = allowShrink
    }
}
