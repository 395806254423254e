import Foundation
import Testing
@testable import EcouteSQLite

/// The hand-over between the register's reading thread and its writer: order kept, memory
/// bounded, the reader's failure delivered after the batches before it, and a writer that gives
/// up stopping the reader before it returns.
@Suite struct BatchPipeTests {
    struct Stop: Error {}

    /// The most batches ever waiting at once, counted under the producer.
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var put = 0
        var taken = 0
        var mostWaiting = 0
        var producerEnded = false
    }

    @Test func batchesArriveInOrderThenTheFailureAndNeverMoreThanCapacityWait() throws {
        let pipe = BatchPipe<Int>(capacity: 3)
        let counter = Counter()
        Thread {
            for i in 0..<50 {
                _ = pipe.put(i)
                counter.lock.lock()
                counter.put += 1
                counter.mostWaiting = max(counter.mostWaiting, counter.put - counter.taken)
                counter.lock.unlock()
            }
            pipe.finish(throwing: Stop())
        }.start()
        var received: [Int] = []
        do {
            while let i = try pipe.next() {
                received.append(i)
                counter.lock.lock()
                counter.taken += 1
                counter.lock.unlock()
                if i % 7 == 0 { usleep(500) }   // a slow writer: the reader must wait, not pile up
            }
            Issue.record("the reader's failure was not delivered")
        } catch is Stop {}
        #expect(received == Array(0..<50))
        // One more than the capacity may be counted: a batch taken just before it is counted as taken.
        #expect(counter.mostWaiting <= pipe.capacity + 1)
    }

    @Test func aWriterThatGivesUpStopsTheReaderBeforeGoingOn() throws {
        let pipe = BatchPipe<Int>(capacity: 2)
        let counter = Counter()
        Thread {
            var i = 0
            while pipe.put(i) { i += 1 }
            usleep(20_000)   // the reader takes its time to end: cancel must wait for it
            counter.lock.lock()
            counter.producerEnded = true
            counter.lock.unlock()
            pipe.finish()
        }.start()
        #expect(try pipe.next() == 0)
        pipe.cancel()
        counter.lock.lock()
        defer { counter.lock.unlock() }
        #expect(counter.producerEnded)
    }
}
