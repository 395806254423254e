import Foundation

/// Finds the data files shipped in Resources/ (UI strings, geography, sample directory).
public enum ResourceLocator {
    /// The bundle's name, as SwiftPM builds it and `make install` copies it.
    static let bundleName = "ecoute_EcouteResources.resources"

    /// The folder holding `strings/`, `geography/` and `directory/`: installed beside the binary's
    /// prefix (`PREFIX/share/ecoute/`, by `make install`), else SwiftPM's bundle next to the
    /// executable, else wherever `Bundle.module` finds it (a test runner elsewhere).
    /// The first two are plain path checks from `/proc/self/exe`: `Bundle` lists the build folder
    /// and costs a command close to a millisecond at start (docs/benchmarks.md, cold commands).
    /// (`readlink` and `access` themselves: FileManager's versions cost a fifth of a millisecond at
    /// start, for three system calls.)
    public static let root: URL = URL(fileURLWithPath: rootPath, isDirectory: true)

    /// `root` as a path. A command that only searches the directory finds its files from it
    /// with no URL made (building a URL by appending to one cost a cold search half a million
    /// instructions, most of them the runtime's first look at a generic type's conformances).
    public static let rootPath: String = {
        if let executable = executablePath() {
            let binFolder = (executable as NSString).deletingLastPathComponent
            let installed = (binFolder as NSString).deletingLastPathComponent + "/share/ecoute/\(bundleName)"
            if access(installed + "/strings", F_OK) == 0 { return installed }
            let built = binFolder + "/\(bundleName)"
            if access(built + "/strings", F_OK) == 0 { return built }
        }
        return (Bundle.module.resourceURL ?? Bundle.module.bundleURL).path
    }()

    /// The running binary's path, from `/proc/self/exe`.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// A shipped file or folder by its path under `root`.
    public static func path(_ relativePath: String) -> String {
        rootPath + "/" + relativePath
    }
}
