import Foundation
import Testing
@testable import EcouteCore

/// The callback request's life, its number's checks, and the caller code's check character.
@Suite struct ContinuityTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let request = CallbackRequest(id: "r1", callID: "c1", requestedBy: "alice", motif: "demande un cadre", urgency: .withinHour,
                                         requestedAt: t0)

    func apply(_ action: CallbackAction, _ r: CallbackRequest, by: String = "chef", at: TimeInterval) -> Result<CallbackRequest, CallbackRefused> {
        CallbackLifecycle.apply(action, to: r, by: by, at: Self.t0 + at)
    }

    @Test func aRequestIsTakenTriedAndCalledBackAndItsNumberGoesWithTheClose() throws {
        let taken = try apply(.take, Self.request, at: 60).get()
        #expect(taken.status == .taken && taken.takenBy == "chef" && taken.takenAt == Self.t0 + 60 && taken.numberErasedAt == nil)
        let tried = try apply(.failedAttempt, try apply(.failedAttempt, taken, at: 120).get(), at: 600).get()
        #expect(tried.attempts == 2 && tried.lastAttemptAt == Self.t0 + 600 && tried.status == .taken && !tried.status.isClosed)
        let done = try apply(.calledBack, tried, at: 900).get()
        #expect(done.status == .calledBack && done.closedBy == "chef" && done.numberErasedAt == Self.t0 + 900)
        #expect(done.delayToCallback == 900)
        // Closed: nothing more.
        for action in CallbackAction.allCases {
            #expect(apply(action, done, at: 1000) == .failure(CallbackRefused(.closed, done)))
        }
    }

    @Test func onlyAWaitingRequestIsTakenAndOnlyATakenOneIsCalledBack() throws {
        #expect(apply(.calledBack, Self.request, at: 10) == .failure(CallbackRefused(.notTaken, Self.request)))
        #expect(apply(.failedAttempt, Self.request, at: 10) == .failure(CallbackRefused(.notTaken, Self.request)))
        let taken = try apply(.take, Self.request, at: 60).get()
        #expect(apply(.take, taken, by: "autre", at: 61) == .failure(CallbackRefused(.alreadyTaken, taken)))
        // Abandoned or expired from waiting as from taken; neither has a callback delay.
        for r in [Self.request, taken] {
            let abandoned = try apply(.abandon, r, at: 100).get()
            #expect(abandoned.status == .abandoned && abandoned.numberErasedAt != nil && abandoned.delayToCallback == nil)
            let expired = try apply(.expire, r, by: "system", at: 72 * 3600).get()
            #expect(expired.status == .expired && expired.closedBy == "system")
        }
    }

    @Test func urgencySetsWhenARequestIsLate() {
        #expect(!Self.request.isLate(at: Self.t0 + 3599) && Self.request.isLate(at: Self.t0 + 3600))
        var now = Self.request
        now.urgency = .now
        #expect(now.isLate(at: Self.t0 + 15 * 60))
    }

    @Test(arguments: [("06 12 34 56 78", "0612345678"), ("+33 6 12 34 56 78", "0612345678"), ("0033612345678", "0612345678"),
                      ("01.45.67.89.10", "0145678910"), ("+33 (0)1 45 67 89 10", "0145678910"), ("09-87-65-43-21", "0987654321")])
    func frenchNumbersAreKeptAsTenDigits(_ typed: String, _ digits: String) throws {
        let number = try CallbackNumber.parse(typed).get()
        #expect(number.digits == digits)
        #expect(number.spoken.replacingOccurrences(of: " ", with: "") == digits)
        #expect(!"\(number)".contains(digits.suffix(4)))   // never printed by accident
    }

    @Test(arguments: [("", CallbackNumberError.empty), ("06 12 34 56", .length(8)), ("06 12 34 56 78 9", .length(11)),
                      ("+33 012 345 678", .prefix), ("00 44 12 34 56 78", .notFrench), ("+44 20 7946 0958", .notFrench), ("06 12 AB 56 78", .notDigits),
                      ("1234567890", .prefix)])
    func otherNumbersAreRefusedWithTheirReason(_ typed: String, _ error: CallbackNumberError) {
        #expect(CallbackNumber.parse(typed) == .failure(error))
    }

    @Test func theCallerCodeAlphabetHasNoLookAlikesAndAPrimeSize() {
        for character in "0O1IL" { #expect(!CallerCode.alphabet.contains(character)) }
        #expect(Set(CallerCode.alphabet).count == 31 && CallerCode.alphabet.count == 31)
    }

    /// Every code made from any values is valid, and every single wrong character and every
    /// exchange of two characters of it is caught, over many random codes.
    @Test func everySingleCharacterErrorAndEverySwapIsCaught() throws {
        var generator = SeededGenerator(seed: 30)
        for _ in 0..<300 {
            let code = CallerCode.generate(using: &generator)
            #expect(try CallerCode.parse(code.characters).get() == code)
            #expect(try CallerCode.parse(code.spoken.lowercased()).get() == code)
            let characters = Array(code.characters)
            for i in characters.indices {
                for other in CallerCode.alphabet where other != characters[i] {
                    var wrong = characters
                    wrong[i] = other
                    #expect(CallerCode.parse(String(wrong)) == .failure(.checkFails), "\(code) with \(other) at \(i)")
                }
                for j in characters.indices where j > i && characters[i] != characters[j] {
                    var swapped = characters
                    swapped.swapAt(i, j)
                    #expect(CallerCode.parse(String(swapped)) == .failure(.checkFails), "\(code) swapping \(i) and \(j)")
                }
            }
        }
    }

    @Test func aCodeIsRandomNotDerived() {
        // Two generators seeded alike give the same codes; the code depends on nothing else.
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 1), c = SeededGenerator(seed: 2)
        let first = (0..<50).map { _ in CallerCode.generate(using: &a) }
        #expect(first == (0..<50).map { _ in CallerCode.generate(using: &b) })
        #expect(first != (0..<50).map { _ in CallerCode.generate(using: &c) })
        #expect(Set(first).count == 50)
    }

    /// The system's randomness, the only input: codes made one after the other for the same
    /// caller profile, time and psychologist (nothing of which `generate` takes) are all different,
    /// and every random position takes nearly every character — no position carries a fixed part
    /// (a date, a département, a counter).
    @Test func aCodeFromTheSystemsRandomnessCarriesNothingFixed() {
        var random = SystemRandomNumberGenerator()
        let codes = (0..<500).map { _ in CallerCode.generate(using: &random) }
        #expect(Set(codes).count == codes.count)
        for position in 0..<CallerCode.randomLength {
            let seen = Set(codes.map { Array($0.characters)[position] })
            #expect(seen.count == CallerCode.alphabet.count, "position \(position): \(seen.count) characters seen")
        }
        #expect(codes.allSatisfy { (try? CallerCode.parse($0.characters).get()) == $0 })
    }

    @Test func mistypedCodesSayWhy() {
        #expect(CallerCode.parse("") == .failure(.empty))
        #expect(CallerCode.parse("ABC0DEF") == .failure(.unknownCharacter("0")))
        #expect(CallerCode.parse("ABCDEF") == .failure(.length(6)))
    }
}
