import Foundation

/// The system user running this process, from the OS (the effective uid), never from an
/// environment variable: `USER=chef ecoute report` is still whoever runs it.
public enum SystemUser {
    public static func name() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid-\(geteuid())" }
        return String(cString: name)
    }
}
