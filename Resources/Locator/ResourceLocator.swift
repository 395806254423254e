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
    public static let root: URL = {
        let fm = FileManager.default
        if let executable = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let binFolder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            let installed = binFolder.deletingLastPathComponent().appendingPathComponent("share/ecoute/\(bundleName)")
            if fm.fileExists(atPath: installed.appendingPathComponent("strings").path) { return installed }
            let built = binFolder.appendingPathComponent(bundleName)
            if fm.fileExists(atPath: built.appendingPathComponent("strings").path) { return built }
        }
        return Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }()

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
