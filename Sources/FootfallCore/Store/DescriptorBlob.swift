import Faces
import Foundation

/// Descriptors as stored: little-endian Float32 values, one after another, on every machine.
public enum DescriptorBlob {
    public static func data(_ descriptor: FaceDescriptor) -> Data {
        var data = Data(capacity: descriptor.count * 4)
        for value in descriptor.values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    public static func descriptor(_ data: Data) throws -> FaceDescriptor {
        guard data.count % 4 == 0 else { throw StoreError.corruptDescriptor(bytes: data.count) }
        var values = [Float]()
        values.reserveCapacity(data.count / 4)
        data.withUnsafeBytes { raw in
            for offset in stride(from: 0, to: raw.count, by: 4) {
                let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                values.append(Float(bitPattern: bits))
            }
        }
        return FaceDescriptor(values)
    }

    /// Several descriptors in one blob (an unknown visitor's), each `dimension` values long.
    public static func data(_ descriptors: [FaceDescriptor]) -> Data {
        descriptors.reduce(into: Data()) { $0.append(data($1)) }
    }

    public static func descriptors(_ data: Data, dimension: Int) throws -> [FaceDescriptor] {
        let all = try descriptor(data).values
        guard dimension > 0, all.count % dimension == 0 else { throw StoreError.corruptDescriptor(bytes: data.count) }
        return stride(from: 0, to: all.count, by: dimension).map { FaceDescriptor(Array(all[$0..<$0 + dimension])) }
    }
}
