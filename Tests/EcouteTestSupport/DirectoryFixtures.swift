import EcouteCore
import Foundation

/// A directory entry for tests: `Entry <id>` of a kind in a département (nil: national), its
/// region from the shipped geography.
public func entry(_ id: String, _ kind: ReferralKind, _ dep: String?, tele: Bool = false, active: Bool = true,
                  specialities: [String] = [], capacity: Int? = nil) -> DirectoryEntry {
    DirectoryEntry(source: "t", sourceID: id, kind: kind, name: "Entry \(id)", city: "Ville",
                   departement: dep, region: dep.flatMap { TestResources.geography.departement($0)?.regionCode },
                   phones: ["01 99 00 00 00"], teleconsultation: tele, specialities: specialities,
                   capacity: capacity, active: active)
}
