import Imaging
import Testing

/// The eight EXIF orientations on a labelled 3×2 image, expected results drawn by hand.
@Suite struct OrientationTests {
    // Stored:  1 2 3
    //          4 5 6
    static let stored = Image(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])

    static let expected: [(ImageOrientation, width: Int, pixels: [UInt8])] = [
        (.up, 3, [1, 2, 3, 4, 5, 6]),
        (.upMirrored, 3, [3, 2, 1, 6, 5, 4]),      // flipped left–right
        (.down, 3, [6, 5, 4, 3, 2, 1]),            // turned 180°
        (.downMirrored, 3, [4, 5, 6, 1, 2, 3]),    // flipped top–bottom
        (.leftMirrored, 2, [1, 4, 2, 5, 3, 6]),    // transposed
        (.right, 2, [4, 1, 5, 2, 6, 3]),           // turned 90° clockwise
        (.rightMirrored, 2, [6, 3, 5, 2, 4, 1]),   // transversed
        (.left, 2, [3, 6, 2, 5, 1, 4]),            // turned 90° counter-clockwise
    ]

    @Test func eachOrientationMatchesTheDrawing() {
        for (orientation, width, pixels) in Self.expected {
            let turned = Self.stored.oriented(orientation)
            #expect(turned.width == width && turned.height == 6 / width, "\(orientation)")
            #expect(turned.pixels == pixels, "\(orientation)")
        }
    }

    @Test func colourChannelsTravelTogether() {
        let rgb = Self.stored.rgb()
        for (orientation, _, pixels) in Self.expected {
            #expect(rgb.oriented(orientation).pixels == pixels.flatMap { [$0, $0, $0] }, "\(orientation)")
        }
    }
}
