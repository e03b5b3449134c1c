import Foundation
import HummingbirdBcrypt

/// Users' passwords, as bcrypt hashes (cost 12: about a quarter of a second to check, which is
/// what makes a stolen database slow to attack).
public enum Passwords {
    public static let minimumLength = 10

    public static func hash(_ password: String, cost: UInt8 = 12) throws -> String {
        guard password.count >= minimumLength else { throw PasswordError.tooShort(minimum: minimumLength) }
        return Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A password to print for somebody who did not choose one: 20 characters from an alphabet
    /// without look-alikes (about 114 bits).
    public static func generate() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    public enum PasswordError: Error, CustomStringConvertible, Equatable {
        case tooShort(minimum: Int)
        public var description: String {
            switch self {
            case let .tooShort(minimum): "a password needs at least \(minimum) characters"
            }
        }
    }
}
