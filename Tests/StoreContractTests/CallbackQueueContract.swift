import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// The supervisors' callback queue: the life of a request, who reads its number (audited), and
/// the number's erasure — at the close, and past the line's limit by the engine's clock.
@Suite struct CallbackQueueContract {
    typealias F = ContractFixtures
    static let number = try! CallbackNumber.parse("06 12 34 56 78").get()

    static func request(_ id: String, call: String = "c1", by name: String = "alice", at: Date,
                        urgency: CallbackUrgency = .withinHour) -> CallbackRequest {
        CallbackRequest(id: id, callID: call, requestedBy: name, motif: "souhaite parler à un cadre", urgency: urgency, requestedAt: at)
    }

    static func store(_ backend: StoreBackend) throws -> OpenedStore {
        let opened = try backend.open()
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: Date() - 7200))
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c2", operatorName: "bob", pickedUpAt: Date() - 7200))
        return opened
    }

    @Test(arguments: StoreBackend.allCases)
    func aRequestIsTakenTriedCalledBackAndItsNumberErasedAndAudited(_ backend: StoreBackend) throws {
        let opened = try Self.store(backend)
        let queue = opened.store.callbacks
        let feed = try opened.store.changeFeed()
        let t = Date() - 3600
        try queue.request(Self.request("r1", at: t), number: Self.number)
        #expect(try feed.poll())   // the boards notice
        let waiting = try queue.open(visibleTo: F.chef)
        #expect(waiting.map(\.id) == ["r1"] && waiting.first?.status == .waiting && waiting.first?.requestedBy == "alice")
        #expect(try queue.number(of: "r1", by: F.chef, at: t + 30) == Self.number)
        let taken = try queue.act(.take, on: "r1", by: F.chef, at: t + 60)
        #expect(taken.status == .taken && taken.takenBy == "chef")
        #expect(throws: CallbackRefused.self) { try queue.act(.take, on: "r1", by: Viewer(name: "chef2", role: .supervisor), at: t + 61) }
        let tried = try queue.act(.failedAttempt, on: "r1", by: F.chef, at: t + 120)
        #expect(tried.attempts == 1 && tried.status == .taken)
        let done = try queue.act(.calledBack, on: "r1", by: F.chef, at: t + 600)
        #expect(done.status == .calledBack && done.numberErasedAt != nil && done.delayToCallback.map { abs($0 - 600) < 1 } == true)
        #expect(try queue.number(of: "r1", by: F.chef, at: t + 700) == nil)
        #expect(try queue.open(visibleTo: F.chef).isEmpty)
        #expect(try queue.requests(since: t - 1, visibleTo: F.chef).map(\.status) == [.calledBack])
        #expect(try queue.requests(ofCall: "c1", visibleTo: F.chef).map(\.id) == ["r1"])
        #expect(throws: CallbackRefused.self) { try queue.act(.abandon, on: "r1", by: F.chef, at: t + 800) }
        // Every write, the read, the erasure; a read of an erased number is not one.
        #expect(try queue.audit(of: "r1", by: F.chef).map(\.event) == [.requested, .numberRead, .taken, .failedAttempt, .calledBack, .numberErased])
        #expect(try queue.audit(of: "r1", by: F.chef).map(\.by) == ["alice", "chef", "chef", "chef", "chef", "chef"])
    }

    @Test(arguments: StoreBackend.allCases)
    func psychologistsSeeTheirOwnRequestsAndNeverANumber(_ backend: StoreBackend) throws {
        let opened = try Self.store(backend)
        let queue = opened.store.callbacks
        let t = Date() - 3600
        try queue.request(Self.request("r1", at: t), number: Self.number)
        try queue.request(Self.request("r2", call: "c2", by: "bob", at: t + 5, urgency: .now), number: Self.number)
        #expect(try queue.open(visibleTo: F.alice).map(\.id) == ["r1"])
        #expect(try queue.open(visibleTo: F.bob).map(\.id) == ["r2"])
        #expect(try queue.open(visibleTo: F.chef).map(\.id) == ["r1", "r2"])
        #expect(throws: AccessDenied.self) { try queue.number(of: "r1", by: F.alice, at: t + 10) }
        #expect(throws: AccessDenied.self) { try queue.act(.take, on: "r1", by: F.alice, at: t + 10) }
        #expect(throws: AccessDenied.self) { try queue.audit(of: "r1", by: F.alice) }
        #expect(throws: AccessDenied.self) { try queue.setNumberLimit(hours: 24, by: F.alice, at: t) }
        // An abandoned request erases its number too.
        #expect(try queue.act(.abandon, on: "r2", by: F.chef, at: t + 20).status == .abandoned)
        #expect(try queue.number(of: "r2", by: F.chef, at: t + 30) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func numbersPastTheLimitAreErasedAndTheirRequestsExpire(_ backend: StoreBackend) throws {
        let opened = try Self.store(backend)
        let queue = opened.store.callbacks
        let now = Date()
        try queue.request(Self.request("old", at: now - 73 * 3600), number: Self.number)
        try queue.request(Self.request("young", at: now - 3600), number: Self.number)
        #expect(try queue.numberLimit() == 72 * 3600)
        #expect(try queue.numbersPastLimit(now: now) == 1)
        #expect(try opened.store.maintenance.check().map(\.kind).contains(.callbackNumbers))
        #expect(try queue.eraseExpiredNumbers(now: now) == ["old"])
        #expect(try queue.numbersPastLimit(now: now) == 0)
        #expect(try !opened.store.maintenance.check().map(\.kind).contains(.callbackNumbers))
        #expect(try queue.number(of: "old", by: F.chef, at: now) == nil)
        #expect(try queue.open(visibleTo: F.chef).map(\.id) == ["young"])
        #expect(try queue.requests(since: now - 100 * 3600, visibleTo: F.chef).map(\.status) == [.expired, .waiting])
        #expect(try queue.audit(of: "old", by: F.chef).map(\.event) == [.requested, .expired, .numberErased])
        // A shorter limit set by a supervisor reaches the younger one.
        try queue.setNumberLimit(hours: 1, by: F.chef, at: now)
        #expect(try queue.numberLimit() == 3600)
        #expect(try queue.eraseExpiredNumbers(now: now) == ["young"])
        #expect(throws: CallbackRefusedInput.self) { try queue.setNumberLimit(hours: 73, by: F.chef, at: now) }
        #expect(throws: CallbackRefusedInput.self) { try queue.setNumberLimit(hours: 0, by: F.chef, at: now) }
    }

    @Test(arguments: StoreBackend.allCases)
    func aRequestNeedsTheCallersOwnCallAMotifAndAFrenchNumber(_ backend: StoreBackend) throws {
        let opened = try Self.store(backend)
        let queue = opened.store.callbacks
        let t = Date() - 60
        var empty = Self.request("r1", at: t)
        empty.motif = "  "
        #expect(throws: CallbackRefusedInput.self) { try queue.request(empty, number: Self.number) }
        #expect(throws: CallbackRefusedInput.self) { try queue.request(Self.request("r2", at: t), number: CallbackNumber(digits: "0012345678")) }
        #expect(throws: (any Error).self) { try queue.request(Self.request("r3", call: "nope", at: t), number: Self.number) }
        #expect(try queue.open(visibleTo: F.chef).isEmpty)
    }
}
