import Faces
import Testing

/// Digests from FIPS 180-4's examples (NIST "SHA256.pdf", "SHA2_Additional.pdf").
@Suite struct ModelSHA256Tests {
    @Test func oneBlockMessage() {
        #expect(SHA256.hash(Array("abc".utf8)).description
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func emptyMessage() {
        #expect(SHA256.hash([UInt8]()).description
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func twoBlockMessageOf448Bits() {
        #expect(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).description
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func messageOf896Bits() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hash(Array(message.utf8)).description
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    /// A million "a"s fed in pieces whose sizes straddle block boundaries in every way.
    @Test(arguments: [1, 55, 56, 63, 64, 65, 1000, 4096, 1_000_000])
    func millionAsInPieces(pieceSize: Int) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var hasher = SHA256()
        var start = 0
        message.withUnsafeBytes { bytes in
            while start < bytes.count {
                let end = min(start + pieceSize, bytes.count)
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
        #expect(hasher.finalize().description
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Reading a digest leaves the hasher able to take more bytes.
    @Test func finalizeDoesNotEndTheMessage() {
        var hasher = SHA256()
        Array("ab".utf8).withUnsafeBytes { hasher.update($0) }
        _ = hasher.finalize()
        Array("c".utf8).withUnsafeBytes { hasher.update($0) }
        #expect(hasher.finalize().description
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
