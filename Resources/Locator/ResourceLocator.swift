import Foundation

/// Finds the data files shipped in Resources/ (UI strings, geography, sample directory).
public enum ResourceLocator {
    /// The folder holding `strings/`, `geography/` and `directory/`.
    public static var root: URL { Bundle.module.resourceURL ?? Bundle.module.bundleURL }

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
