import EcouteCore
import Testing

/// A change feed opened at its first poll, after a screen's first frame.
@Suite struct FeedOpenedAtFirstPollTests {
    final class Scripted: ChangeFeed {
        var answers: [Bool]
        init(_ answers: [Bool]) { self.answers = answers }
        func poll() throws -> Bool { answers.removeFirst() }
    }
    struct Refused: Error {}

    @Test func opensAtTheFirstPollSaysChangedThenAsksTheFeed() throws {
        var opened = 0
        let feed = FeedOpenedAtFirstPoll {
            opened += 1
            return Scripted([false, true, false])
        }
        #expect(opened == 0 && !feed.isOpen)   // nothing on the way to the first frame
        #expect(try feed.poll())               // what came before the opening is reloaded
        #expect(try [feed.poll(), feed.poll(), feed.poll()] == [false, true, false])
        #expect(opened == 1)
    }

    @Test func anOpeningThatFailsIsTriedAgain() throws {
        var attempts = 0
        let feed = FeedOpenedAtFirstPoll {
            attempts += 1
            if attempts == 1 { throw Refused() }
            return Scripted([false])
        }
        #expect(throws: Refused.self) { try feed.poll() }
        #expect(try feed.poll())
        #expect(try !feed.poll())
        #expect(attempts == 2)
    }
}
