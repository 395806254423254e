import Testing
@testable import EcouteCore

/// A store's error said in words a psychologist can act on, from the texts the engines give.
@Suite struct StoreFaultTests {
    @Test func theEnginesOwnTextsAreRecognised() {
        #expect(StoreFault.of("SQLite error 5: database is locked - while executing `BEGIN IMMEDIATE TRANSACTION`") == .busy)
        #expect(StoreFault.of("SQLite error 13: database or disk is full - while executing `COMMIT TRANSACTION`") == .diskFull)
        #expect(StoreFault.of("SQLite error 8: attempt to write a readonly database") == .readOnly)
        #expect(StoreFault.of("PSQLError(code: serverClosedConnection, underlying: nil)") == .unreachable)
        #expect(StoreFault.of("PSQLError(code: server, serverInfo: [sqlState: 57P01, message: terminating connection])") == .unreachable)
        #expect(StoreFault.of("PSQLError(code: server, serverInfo: [sqlState: 55P03, message: canceling statement due to lock timeout])")
                == .busy)
        #expect(StoreFault.of("call 5E1A… is held by another console") == .other)
    }
}
