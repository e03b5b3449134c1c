import Imaging
import Testing

@Suite struct CropTests {
    /// A 5×4 RGB image whose pixel (x, y) holds (x, y, x + 10y), so every crop can be checked.
    static let labelled: Image = {
        var image = Image(width: 5, height: 4, channels: 3)
        for y in 0..<4 {
            for x in 0..<5 {
                image[x, y, 0] = UInt8(x)
                image[x, y, 1] = UInt8(y)
                image[x, y, 2] = UInt8(x + 10 * y)
            }
        }
        return image
    }()

    @Test func insideCropKeepsThePixels() {
        let crop = Self.labelled.cropped(x: 1, y: 2, width: 3, height: 2)
        #expect(crop.width == 3 && crop.height == 2 && crop.channels == 3)
        for y in 0..<2 {
            for x in 0..<3 {
                #expect(crop[x, y, 0] == UInt8(x + 1) && crop[x, y, 1] == UInt8(y + 2))
            }
        }
    }

    @Test func cropIsClampedToTheImage() {
        let crop = Self.labelled.cropped(x: -2, y: 3, width: 4, height: 10)
        #expect(crop.width == 2 && crop.height == 1)
        #expect(crop.pixels == [0, 3, 30, 1, 3, 31])
    }

    @Test func noOverlapGivesAnEmptyImage() {
        for (x, y, width, height) in [(5, 0, 2, 2), (-3, 0, 3, 2), (0, 0, 0, 4), (1, 1, -2, 2)] {
            let crop = Self.labelled.cropped(x: x, y: y, width: width, height: height)
            #expect(crop.isEmpty && crop.width == 0 && crop.height == 0 && crop.channels == 3)
        }
    }

    @Test func wholeImageCropIsTheImage() {
        #expect(Self.labelled.cropped(x: 0, y: 0, width: 5, height: 4) == Self.labelled)
    }
}
