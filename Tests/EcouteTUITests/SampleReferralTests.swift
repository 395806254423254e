import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// A referral whose entry is fictitious sample data says so in the wrap-up list and under it.
@Suite struct SampleReferralTests {
    typealias F = TUIFixtures

    @Test func aSampleEntryIsMarkedInTheWrapUpAndARealOneIsNot() {
        for language in [Language.fr, .en] {
            var model = F.model(.call(F.wrapUpDraft()), language)
            // The first referral's entry is sample data, the second's a real source's.
            var sample = F.directoryEntries[1]
            sample.id = F.referrals[0].entryID
            var real = F.directoryEntries[1]
            real.id = F.referrals[1].entryID
            real.source = "rpps"
            model.remember([sample, real])
            model.desk.selectedReferral = 0
            let mark = model.strings["directory.fictitious"]
            let screen = Screen.render(model)
            let first = (0..<screen.height).map(screen.row).first { $0.contains(F.referrals[0].name) && $0.contains("[") }
            let second = (0..<screen.height).map(screen.row).first { $0.contains(F.referrals[1].name) && $0.contains("[") }
            #expect(first?.contains(mark) == true, "\(language)")
            #expect(second?.contains(mark) == false, "\(language)")
            #expect(WrapUpView.footerLines(model, F.wrapUpDraft()).first?.0.contains(mark) == true, "\(language)")
        }
    }
}
