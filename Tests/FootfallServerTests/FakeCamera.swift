import Foundation
import Imaging

/// A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`): a photo
/// placed in the middle of a grey 640×480 frame, as YUV4MPEG2 (a one-line header, then
/// `FRAME` and the Y, U and V planes, 4:2:0). Chromium plays it in a loop.
enum FakeCamera {
    static func write(photo path: String, to output: String, frames: Int = 10) throws {
        let width = 640, height = 480
        let photo = try Image(contentsOf: path)
        let scale = min(Double(width) / Double(photo.width), Double(height) / Double(photo.height))
        let fitted = photo.resized(width: Int(Double(photo.width) * scale), height: Int(Double(photo.height) * scale))
        let left = (width - fitted.width) / 2, top = (height - fitted.height) / 2
        var y = [UInt8](repeating: 128, count: width * height)
        var u = [UInt8](repeating: 128, count: width * height / 4), v = u
        for row in 0..<fitted.height {
            for column in 0..<fitted.width {
                let (r, g, b) = Self.rgb(fitted, column, row)
                let luma = 0.299 * r + 0.587 * g + 0.114 * b
                y[(row + top) * width + column + left] = UInt8(max(0, min(255, luma.rounded())))
                if (row + top) % 2 == 0, (column + left) % 2 == 0 {
                    let index = ((row + top) / 2) * (width / 2) + (column + left) / 2
                    u[index] = UInt8(max(0, min(255, (128 - 0.168736 * r - 0.331264 * g + 0.5 * b).rounded())))
                    v[index] = UInt8(max(0, min(255, (128 + 0.5 * r - 0.418688 * g - 0.081312 * b).rounded())))
                }
            }
        }
        var data = Data("YUV4MPEG2 W\(width) H\(height) F10:1 Ip A1:1 C420jpeg\n".utf8)
        for _ in 0..<frames {
            data.append(Data("FRAME\n".utf8))
            data.append(contentsOf: y)
            data.append(contentsOf: u)
            data.append(contentsOf: v)
        }
        try data.write(to: URL(fileURLWithPath: output))
    }

    private static func rgb(_ image: Image, _ x: Int, _ y: Int) -> (Double, Double, Double) {
        let base = (y * image.width + x) * image.channels
        if image.channels >= 3 {
            return (Double(image.pixels[base]), Double(image.pixels[base + 1]), Double(image.pixels[base + 2]))
        }
        let grey = Double(image.pixels[base])
        return (grey, grey, grey)
    }
}
