import Foundation

/// Batches handed in order from a producing thread to a consuming one, at most `capacity` of
/// them waiting (memory stays flat whatever the input's size). The producer ends with `finish`,
/// its failure included, which the consumer receives after every batch put before it; a
/// consumer that gives up calls `cancel`, and the producer's next `put` answers false.
final class BatchPipe<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var producerDone = false
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Hands over `batch`, waiting while `capacity` batches wait; false when the consumer gave up.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        waiting.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer's end, with its failure if it failed. Called once, last.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil once the producer finished and every batch was taken. Throws the
    /// producer's failure in its place.
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        if !waiting.isEmpty {
            condition.broadcast()
            return waiting.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer gives up: the producer is told at its next `put`, and this waits until it
    /// has finished (so nothing it holds is used after this returns).
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        while !producerDone { condition.wait() }
    }
}
