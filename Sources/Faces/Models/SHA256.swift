/// SHA-256 (FIPS 180-4), used to check that model files are byte for byte the published ones.
///
/// Feed bytes with `update` in pieces of any size, then read the digest with `finalize()`. The
/// hasher keeps at most one partial 64-byte block; whole blocks are compressed straight from the
/// caller's buffer, so hashing a file costs no allocation per chunk.
public struct SHA256: Sendable {
    /// A 32-byte digest, printed as 64 lowercase hex digits (the form `sha256sum` prints).
    public struct Digest: Hashable, Sendable, CustomStringConvertible {
        public let bytes: [UInt8]

        public var description: String {
            let digits = Array("0123456789abcdef".utf8)
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0f)])
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
    private var state = SIMD8<UInt32>(
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    /// Bytes waiting for a whole block; always fewer than 64.
    private var pending: [UInt8] = []
    /// Message length so far, in bytes.
    private var length: UInt64 = 0

    public init() {
        pending.reserveCapacity(SHA256.blockSize)
    }

    /// The digest of a whole message at once.
    public static func hash(_ bytes: some Sequence<UInt8>) -> Digest {
        var hasher = SHA256()
        let array = Array(bytes)
        array.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var input = bytes[...]
        if !pending.isEmpty {
            let taken = input.prefix(SHA256.blockSize - pending.count)
            pending.append(contentsOf: taken)
            input = input.dropFirst(taken.count)
            guard pending.count == SHA256.blockSize else { return }
            pending.withUnsafeBytes { SHA256.compress(&state, blocks: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = input.count / SHA256.blockSize * SHA256.blockSize
        SHA256.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: input.prefix(whole)))
        pending.append(contentsOf: input.dropFirst(whole))
    }

    /// The digest of everything fed so far. The hasher itself is left as it was, so more bytes
    /// may follow.
    public func finalize() -> Digest {
        // Padding: a 1 bit, zeros up to 56 bytes into a block, then the length in bits as a
        // big-endian 64-bit number.
        var tail = pending
        tail.append(0x80)
        while tail.count % SHA256.blockSize != SHA256.blockSize - 8 { tail.append(0) }
        let bits = length &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }

        var final = state
        tail.withUnsafeBytes { SHA256.compress(&final, blocks: $0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in 0..<8 {
            for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: final[index] >> UInt32(shift))) }
        }
        return Digest(bytes: bytes)
    }

    private static let blockSize = 64

    /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Runs the compression function over whole 64-byte blocks (`blocks.count` is a multiple of
    /// 64), updating the eight working words.
    private static func compress(_ state: inout SIMD8<UInt32>, blocks: UnsafeRawBufferPointer) {
        guard blocks.count >= blockSize else { return }
        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

        roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var offset = 0
                while offset &+ blockSize <= blocks.count {
                    // Message schedule: 16 big-endian words, extended to 64.
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset &+ 4 &* t, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t &- 15], y = w[t &- 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                    }

                    var a = state[0], b = state[1], c = state[2], d = state[3]
                    var e = state[4], f = state[5], g = state[6], h = state[7]
                    for t in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let choice = g ^ (e & (f ^ g))  // Ch: f where e has a 1 bit, g where 0
                        let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let majority = (a & b) | (c & (a | b))  // Maj: the bitwise majority of a, b, c
                        let t2 = s0 &+ majority
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                    state &+= SIMD8(a, b, c, d, e, f, g, h)
                    offset &+= blockSize
                }
            }
        }
    }
}
