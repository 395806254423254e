/// A pseudonymous code given to a caller who wants one, to say at a later call: six random
/// characters and a check character, drawn from an alphabet without look-alikes — no 0/O, no
/// 1/I/L — so it reads and spells well on the phone. It is derived from nothing (no time, no
/// call, no profile): it links calls, it identifies no one.
///
/// The check character: with the 31 characters' values v₁…v₇ (the check last), the code is valid
/// when Σ i·vᵢ ≡ 0 (mod 31). 31 is prime and every weight 1…7 is below it, so any single wrong
/// character changes the sum by i·(v′−v) ≢ 0, and any exchange of two characters (adjacent or not)
/// by (i−j)(vⱼ−vᵢ) ≢ 0: every such mistake is caught (the ISO 7064 idea with a prime modulus).
public struct CallerCode: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 8 digits and 23 letters: 31 characters, a prime count.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let randomLength = 6
    public static let length = randomLength + 1

    /// The seven characters, check last, upper case.
    public let characters: String

    private init(characters: String) { self.characters = characters }

    /// A new code from a source of randomness (the shell gives the system's).
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> CallerCode {
        var values: [Int] = []
        for _ in 0..<randomLength { values.append(Int.random(in: 0..<alphabet.count, using: &generator)) }
        return CallerCode(values: values)
    }

    /// The code with these six values (0–30) and their check character.
    public init(values: [Int]) {
        precondition(values.count == Self.randomLength && values.allSatisfy { (0..<Self.alphabet.count).contains($0) })
        let check = Self.checkValue(values)
        characters = String((values + [check]).map { Self.alphabet[$0] })
    }

    /// The check value v₇ such that Σ i·vᵢ ≡ 0 (mod 31): 7·v₇ ≡ −Σ, and 9 is 7's inverse mod 31.
    static func checkValue(_ values: [Int]) -> Int {
        let m = alphabet.count
        let sum = values.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element } % m
        return ((m - sum) % m) * 9 % m
    }

    /// A code as someone typed or read it: spaces and dashes ignored, any case.
    public static func parse(_ typed: String) -> Result<CallerCode, CallerCodeError> {
        let kept = typed.uppercased().filter { $0 != " " && $0 != "-" }
        guard !kept.isEmpty else { return .failure(.empty) }
        var values: [Int] = []
        for character in kept {
            guard let value = alphabet.firstIndex(of: character) else { return .failure(.unknownCharacter(character)) }
            values.append(value)
        }
        guard values.count == length else { return .failure(.length(values.count)) }
        let sum = values.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        guard sum % alphabet.count == 0 else { return .failure(.checkFails) }
        return .success(CallerCode(characters: String(kept)))
    }

    /// As said on the phone, in two groups: « K7M 4PX9 ».
    public var spoken: String { String(characters.prefix(3)) + " " + String(characters.dropFirst(3)) }

    public var description: String { characters }
}

/// Why a typed caller code was refused (each has its message key).
public enum CallerCodeError: Error, Equatable, Sendable {
    case empty
    /// A character not in the code's alphabet (0, O, 1, I, L or a symbol).
    case unknownCharacter(Character)
    /// Not seven characters (the count found).
    case length(Int)
    /// Seven characters of the alphabet, but the check character does not match: a typing mistake.
    case checkFails

    public var messageKey: String {
        switch self {
        case .empty: "callerCode.empty"
        case .unknownCharacter: "callerCode.unknownCharacter"
        case .length: "callerCode.length"
        case .checkFails: "callerCode.checkFails"
        }
    }
}
