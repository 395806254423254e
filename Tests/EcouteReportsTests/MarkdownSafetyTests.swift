import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// A Markdown report renders the calls' free text as the plain text it is, and lists the hours
/// of the day in the day's order.
@Suite struct MarkdownSafetyTests {
    typealias F = ReviewFixtures

    func scope(withNotes: Bool = true) -> CallReport.Scope {
        CallReport.Scope(query: CallQuery(), withNotes: withNotes, generatedAt: F.day, timeZone: F.utc, strings: TestResources.french)
    }

    /// Each piece of markup as the note holds it, and as the report must write it (worked by hand
    /// from CommonMark: entities for HTML, a backslash before each punctuation that makes markup).
    static let markup: [(note: String, written: String)] = [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("**x**", "\\*\\*x\\*\\*"),
        ("`x`", "\\`x\\`"),
        ("[a](b)", "\\[a\\](b)"),
        ("_y_ ~~z~~", "\\_y\\_ \\~\\~z\\~\\~"),
        ("a & b \\ c", "a &amp; b \\\\ c"),
        ("![i](http://x/i.png)", "!\\[i\\](http://x/i.png)"),
    ]

    @Test func aNoteWithMarkupIsWrittenAsPlainText() throws {
        for (note, written) in Self.markup {
            var c = F.nightShift[0]
            c.notes = note
            let md = CallReport.render(.md, calls: [c], scope: scope())
            let row = try #require(md.split(separator: "\n").first { $0.contains(TestResources.french["report.notes"]) })
            #expect(row == "| | \(TestResources.french["report.notes"]) : \(written) | | | |", "\(note)")
        }
    }

    /// Every character that could start markup in the note's row is escaped: none is left bare.
    @Test func noBareMarkupCharacterIsLeftInTheRow() throws {
        var c = F.nightShift[0]
        c.notes = "<script>**x** `x` [a](b)</script>"
        c.operatorName = "psy_*a*"
        let md = CallReport.render(.md, calls: [c], scope: scope())
        for line in md.split(separator: "\n") where line.contains("psy") || line.contains("script") {
            var escaped = false
            for ch in line {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                #expect(!"<>`*_[]".contains(ch), "bare \(ch) in \(line)")
            }
        }
    }

    /// An « other » reason's own words are free text: in Markdown only with the notes, as in CSV and JSON.
    @Test func aReasonsOwnWordsOnlyWithTheNotes() throws {
        var c = F.nightShift[3]   // level 4, GP only
        c.referralGaps = [.psychiatrist: ReferralGap(reason: .other, note: "Zorglub <b>X</b>")]
        let without = CallReport.render(.md, calls: [c], scope: scope(withNotes: false))
        #expect(!without.contains("Zorglub"))
        #expect(without.contains(TestResources.french["gap.other"]))
        let with = CallReport.render(.md, calls: [c], scope: scope(withNotes: true))
        #expect(with.contains("Zorglub &lt;b&gt;X&lt;/b&gt;"))
    }

    /// The night shift's calls came at 22h, 23h, 0h and 1h (saved ones; c5 at 1h is not saved):
    /// listed 0h, 1h, 22h, 23h.
    @Test func hoursAreListedInTheDaysOrder() throws {
        let md = CallReport.render(.md, calls: F.nightShift, scope: scope(withNotes: false))
        let section = try #require(md.components(separatedBy: "## " + TestResources.french["report.byHour"]).last)
        let hours = section.split(separator: "\n").filter { $0.range(of: #"^\d\dh "#, options: .regularExpression) != nil }
            .map { String($0.prefix(3)) }
        #expect(hours == ["00h", "01h", "22h", "23h"])
    }
}
