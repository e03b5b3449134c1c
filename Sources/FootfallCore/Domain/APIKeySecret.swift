import Crypto
import Foundation

/// A new API key's secret: 256 random bits as 64 hex digits, shown to the person who made it
/// once and stored only as its SHA-256 (``APIKey/secretHash``).
///
///     let secret = APIKeySecret()
///     let key = try APIKey(name: "front desk", role: .recognition, secretHash: secret.hash)
///     print(secret.text)   // the only time anybody sees it
public struct APIKeySecret: Sendable {
    public let text: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        text = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    public var hash: String { Self.hash(of: text) }

    /// The stored form of a presented secret, to look its key up by.
    public static func hash(of presented: String) -> String {
        SHA256.hash(data: Data(presented.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
