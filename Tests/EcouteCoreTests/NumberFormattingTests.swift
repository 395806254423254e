import Foundation
import Testing
@testable import EcouteCore

/// The padded numbers and percentages print exactly what `String(format:)` printed before them.
@Suite struct NumberFormattingTests {
    static let numbers = [0, 1, 7, 9, 10, 42, 99, 100, 999, 1_000, 12_345, 1_234_567, -1, -7, -42, -1_000]

    @Test func rightAlignedAsPercentD() {
        for n in Self.numbers {
            for width in 1...6 {
                #expect(Formatting.rightAligned(n, width) == String(format: "%\(width)d", n), "\(n) in \(width)")
            }
        }
    }

    @Test func zeroPaddedAsPercentZeroD() {
        for n in Self.numbers {
            for width in 1...6 {
                #expect(Formatting.zeroPadded(n, width) == String(format: "%0\(width)d", n), "\(n) in \(width)")
            }
        }
    }

    @Test func percentRoundsAsPercentDotZeroF() {
        var shares: [Double] = [0, 1, 0.5, 0.125, 0.135, 0.145, 0.005, 0.015, 0.025, 0.994, 0.995, 0.999, 1.0 / 3, 2.0 / 3]
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<2_000 { shares.append(Double.random(in: 0...1, using: &rng)) }
        for denominator in 1...64 { for k in 0...denominator { shares.append(Double(k) / Double(denominator)) } }
        for share in shares {
            #expect(Labels.percent(share) == String(format: "%.0f %%", share * 100), "\(share)")
        }
        #expect(Labels.percent(nil) == "—")
    }
}
