/// MTCNN's own five points as the alignment landmarks (``LandmarkLayout/mtcnn5``), for
/// embedders aligned from them, such as ``SFaceEmbedder``.
///
/// A face MTCNN found already carries its points. A face found by another detector, or given
/// as a bare box, is shown to ONet alone: the box made square (as MTCNN squares its own
/// boxes), cut to whole pixels and resampled to 48×48, and ONet's points read back in image
/// pixels. ONet's score is not checked there: the caller has said there is a face.
public struct MTCNNLandmarker: FaceLandmarker {
    public let mtcnn: MTCNN

    public init(_ mtcnn: MTCNN) {
        self.mtcnn = mtcnn
    }

    public var layout: LandmarkLayout { .mtcnn5 }

    public func landmarks(in image: Image, for face: FaceDetection, foundBy detector: (any FaceDetector)?) throws -> [Point] {
        if detector is MTCNN, let points = face.landmarks, points.count == 5 { return points }
        return try mtcnn.landmarks(in: image, box: face.box)
    }
}

extension MTCNN {
    /// ONet's five points for a face in `box` (in ``MTCNN``'s landmark order), or none when
    /// the box is empty or outside the image.
    public func landmarks(in image: Image, box: Rect) throws -> [Point] {
        let rgb = image.rgb()
        // A reported box starts at ⌊x1⌋ of Box's 1-based corners; read it back the same way.
        let square = Box(x1: Double(box.x), y1: Double(box.y), x2: Double(box.x + box.width), y2: Double(box.y + box.height))
            .squared().truncated()
        guard square.isUsable(imageWidth: rgb.width, imageHeight: rgb.height) else { return [] }
        var resampler = AreaResampler()
        let output = try networks.runONet(NetworkInput(patchesOf: rgb, boxes: [square], size: 48, resampler: &resampler))
        guard output.landmarks.count == 10 else {
            throw MTCNNError.unexpectedOutput(network: "ONet", detail: "\(output.landmarks.count) landmark values for one patch")
        }
        let w = square.x2 - square.x1 + 1, h = square.y2 - square.y1 + 1
        return (0..<5).map { k in
            Point(x: Float(w * Double(output.landmarks[k]) + square.x1 - 1),
                  y: Float(h * Double(output.landmarks[5 + k]) + square.y1 - 1))
        }
    }
}
