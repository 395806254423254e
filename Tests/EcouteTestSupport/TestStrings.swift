import EcouteCore
import EcouteResources
import EcouteStore
import Foundation

/// The shipped strings and geography, loaded once for every test target.
public enum TestResources {
    public static let geography = try! GeographyLoader.load(from: ResourceLocator.url("geography"))
    public static let french = try! Strings.load(.fr, from: ResourceLocator.url("strings"))
    public static let english = try! Strings.load(.en, from: ResourceLocator.url("strings"))

    public static func strings(_ language: Language) -> Strings { language == .fr ? french : english }
}
