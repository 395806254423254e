import Foundation

/// An operator of the line as registered: pseudonym, role, and the system user who acts as them.
public struct OperatorRecord: Equatable, Sendable {
    public var name: String
    public var role: OperatorRole
    public var systemUser: String?
    /// Where a supervisor on duty can be called (shown on the protocol screen).
    public var phone: String?

    public init(name: String, role: OperatorRole, systemUser: String?, phone: String? = nil) {
        self.name = name
        self.role = role
        self.systemUser = systemUser
        self.phone = phone
    }
}

/// Who works on the line and with which role.
public protocol OperatorRegistry: Sendable {
    /// Adds or updates an operator.
    func saveOperator(_ record: OperatorRecord, now: Date) throws
    /// Every operator, by name.
    func operators() throws -> [OperatorRecord]
    func hasSupervisor() throws -> Bool
    /// The operator a system user acts as: the one mapped to it, else a psychologist named after it.
    func viewer(systemUser: String) throws -> Viewer
}
