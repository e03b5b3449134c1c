import Testing
import Imaging

@Suite struct DrawingTests {
    @Test func rectangleOutlineLiesInsideTheBoxAndLeavesTheInteriorAlone() {
        var image = Image(width: 10, height: 8, channels: 3)
        image.drawRectangle(Rect(x: 2, y: 1, width: 6, height: 5), color: .red, thickness: 1)
        for y in 0..<8 {
            for x in 0..<10 {
                let onEdge = (x == 2 || x == 7) && (1...5).contains(y) || (y == 1 || y == 5) && (2...7).contains(x)
                #expect(image[x, y, 0] == (onEdge ? 230 : 0), "pixel \(x),\(y)")
                #expect(image[x, y, 1] == 0)
            }
        }
    }

    @Test func drawingIsClippedToTheImage() {
        var image = Image(width: 4, height: 4, channels: 1)
        image.drawRectangle(Rect(x: -10, y: -10, width: 100, height: 100), color: .green, thickness: 3)
        image.drawPoint(Point(x: 3.4, y: 0), color: .green, radius: 1)
        image.drawPoint(Point(x: .nan, y: 1), color: .green)
        #expect(image[3, 0, 0] == 129)   // BT.601 luma of (0, 220, 0)
        #expect(image[2, 1, 0] == 129)
        #expect(image[0, 3, 0] == 0)
    }
}
