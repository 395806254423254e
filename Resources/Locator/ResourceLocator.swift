import Foundation

/// Finds the data files shipped in Resources/ (UI strings, geography, sample directory).
public enum ResourceLocator {
    /// The bundle's name, as SwiftPM builds it and `make install` copies it.
    static let bundleName = "ecoute_EcouteResources.resources"

    /// The folder holding `strings/`, `geography/` and `directory/`: installed beside the binary's
    /// prefix (`PREFIX/share/ecoute/`, by `make install`), else SwiftPM's bundle next to the build.
    public static let root: URL = {
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let installed = executable.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/ecoute/\(bundleName)")
            if FileManager.default.fileExists(atPath: installed.appendingPathComponent("strings").path) { return installed }
        }
        return Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }()

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
