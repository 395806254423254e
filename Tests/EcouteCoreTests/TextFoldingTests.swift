import EcouteCore
import Testing

@Suite struct TextFoldingTests {
    @Test func caseAccentsAndLigaturesFold() {
        #expect(TextFolding.fold("Épuisement") == "epuisement")
        #expect(TextFolding.fold("ÉTUDIANT·E EN SOINS INFIRMIERS") == "etudiant·e en soins infirmiers")
        #expect(TextFolding.fold("Cœur, Ça, Zoë, Ångström, Noël") == "coeur, ca, zoe, angstrom, noel")
        // Letters outside the table still fold, through Foundation.
        #expect(TextFolding.fold("Ștefan Dvořák") == "stefan dvorak")
    }
}
