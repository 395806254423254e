import EcouteCore
import Foundation
import Testing

/// A newer ecoute may upgrade the store while consoles of this version run: each engine says
/// which applied migrations this version does not know (the consoles then advise a restart
/// between two calls).
@Suite struct SchemaWatchContract {
    @Test(arguments: StoreBackend.allCases)
    func migrationsOfANewerVersionAreNamed(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        #expect(try opened.store.maintenance.migrationsUnknownToThisVersion().isEmpty)
        try opened.upgrade("z99-from-a-newer-ecoute")
        #expect(try opened.store.maintenance.migrationsUnknownToThisVersion() == ["z99-from-a-newer-ecoute"])
    }
}
