import Foundation
import Imaging
import Testing
import TestSupport

/// JPEG encoding round trips, and EXIF orientation applied on decode.
@Suite struct JPEGCodecTests {
    /// A real photograph, so the round trip sees the content JPEG is designed for.
    static func photo() throws -> Image { try Image(contentsOf: Fixtures.data("scenes/obama.jpg")) }

    /// Rotates 90° clockwise by the definition of EXIF orientation 6, written out independently
    /// of the library: the stored row `y` becomes output column `height − 1 − y`.
    static func rotatedClockwise(_ image: Image) -> Image {
        var out = Image(width: image.height, height: image.width, channels: image.channels)
        for y in 0..<image.height {
            for x in 0..<image.width {
                for c in 0..<image.channels { out[image.height - 1 - y, x, c] = image[x, y, c] }
            }
        }
        return out
    }

    @Test func colourRoundTripStaysClose() throws {
        let photo = try Self.photo()
        let decoded = try Image(data: photo.jpegData(quality: 90))
        #expect(decoded.width == photo.width && decoded.height == photo.height && decoded.channels == 3)
        // Quality 90 with 4:2:0 chroma on a photo: mean error well under 3 levels of 255.
        #expect(TestData.meanAbsoluteDifference(decoded, photo) < 3)
    }

    @Test func grayRoundTripStaysGrayAndClose() throws {
        let gray = try Self.photo().grayscale()
        let decoded = try Image(data: gray.jpegData(quality: 90))
        #expect(decoded.channels == 1)
        #expect(TestData.meanAbsoluteDifference(decoded, gray) < 2)
    }

    @Test func lowerQualityMakesSmallerFiles() throws {
        let photo = try Self.photo()
        #expect(try photo.jpegData(quality: 30).count < photo.jpegData(quality: 95).count)
    }

    @Test(arguments: [false, true])
    func orientationSixRotatesClockwise(bigEndian: Bool) throws {
        // A 32×16 picture with a bright top-left block, so the rotation is visible in the pixels.
        var picture = Image(width: 32, height: 16, channels: 3)
        for y in 0..<8 { for x in 0..<8 { for c in 0..<3 { picture[x, y, c] = 250 } } }
        let plain = try picture.jpegData()
        let upright = try Image(data: plain)
        let tagged = ExifSegment.insert(ExifSegment.app1(orientation: 6, bigEndian: bigEndian), into: plain)
        let rotated = try Image(data: tagged)
        #expect(rotated.width == 16 && rotated.height == 32)
        #expect(rotated == Self.rotatedClockwise(upright))
        // The bright block moved from the top-left to the top-right corner.
        #expect(rotated[12, 3, 0] > 200 && rotated[3, 3, 0] < 50)
    }

    @Test(arguments: ImageOrientation.allCases)
    func everyOrientationIsApplied(orientation: ImageOrientation) throws {
        let photo = try Self.photo().resized(width: 40, height: 24)
        let plain = try photo.jpegData()
        let upright = try Image(data: plain)
        let tagged = ExifSegment.insert(ExifSegment.app1(orientation: orientation.rawValue, bigEndian: true), into: plain)
        #expect(try Image(data: tagged) == upright.oriented(orientation))
    }

    /// Hostile or broken EXIF never stops a decode; the image is just left as stored.
    @Test func malformedExifIsIgnored() throws {
        let plain = try Self.photo().resized(width: 40, height: 24).jpegData()
        let upright = try Image(data: plain)
        let broken: [(String, [UInt8])] = [
            ("orientation 0", ExifSegment.app1(orientation: 0, bigEndian: false)),
            ("orientation 9", ExifSegment.app1(orientation: 9, bigEndian: true)),
            ("IFD offset past the end", ExifSegment.app1(orientation: 6, bigEndian: false, ifdOffset: 0xFFFF_FFF0)),
            ("65535 entries claimed", ExifSegment.app1(orientation: 6, bigEndian: true, ifdOffset: 8, entryCount: 65535)),
            ("not SHORT", ExifSegment.app1(orientation: 6, bigEndian: true, type: 7)),
        ]
        for (label, segment) in broken {
            let decoded = try Image(data: ExifSegment.insert(segment, into: plain))
            if label == "65535 entries claimed" {
                // The one real entry comes first and is valid; the missing ones are never read.
                #expect(decoded == upright.oriented(.right), "\(label)")
            } else {
                #expect(decoded == upright, "\(label)")
            }
        }
    }

    /// An Exif segment cut at every possible length (its length field kept consistent) either
    /// still yields orientation 6 or none; the JPEG always decodes.
    @Test func exifCutAtEveryLengthIsSafe() throws {
        let plain = try Self.photo().resized(width: 40, height: 24).jpegData()
        let upright = try Image(data: plain)
        let rotated = upright.oriented(.right)
        let full = ExifSegment.app1(orientation: 6, bigEndian: false)
        for payloadLength in 0...(full.count - 4) {
            var segment = Array(full[0..<(4 + payloadLength)])
            segment[2] = UInt8((payloadLength + 2) >> 8)
            segment[3] = UInt8((payloadLength + 2) & 0xFF)
            let decoded = try Image(data: ExifSegment.insert(segment, into: plain))
            #expect(decoded == upright || decoded == rotated, "payload cut to \(payloadLength) bytes")
        }
    }

    @Test func decodingFromDataMatchesDecodingFromBytes() throws {
        let bytes = try TestData.bytes(Fixtures.data("scenes/obama.jpg"))
        #expect(try Image(data: Data(bytes)) == Image(data: bytes))
    }
}
