extension MTCNN {
    /// dlib's HOG box for the same face, estimated from MTCNN's: the centre moved right by
    /// 0.72% of the width and down by 3.98% of the height, the width × 1.0924 and the height
    /// × 0.8450 (MTCNN's boxes are taller than wide, dlib's square).
    ///
    /// The four numbers minimise the mean distance between the 5 landmarks dlib's predictor
    /// finds in this box and those it finds in dlib's own rectangle (Nelder-Mead,
    /// `scripts/reference/fit-box-mapping.py`), over one half, 354 faces, of the 707 faces of
    /// shared/data that both detectors find, the halves split by person. On the other half
    /// (353 faces) the descriptor's distance to dlib's comes out at mean 0.0555, worst 0.3007,
    /// against 0.0590, 0.2943 with the earlier factors fitted on 60 faces (centre +3% of the
    /// height, × 1.07, × 0.86): the mean better, the worst a little worse. The refinement,
    /// ``shapePredictorBox(for:landmarks5:)``, brings both down.
    public func shapePredictorBox(for detection: FaceDetection) -> Rect {
        let box = detection.box
        let width = box.width * 1.0924, height = box.height * 0.8450
        return Rect(x: box.x + box.width * (0.5 + 0.0072) - width / 2, y: box.y + box.height * (0.5 + 0.0398) - height / 2,
                    width: width, height: height)
    }

    /// dlib's HOG box for a face, estimated from the 5 landmarks dlib's predictor found in
    /// ``shapePredictorBox(for:)``: the second, finer placement of the box. Landmarks say where
    /// the eyes and nose are, which MTCNN's box only roughly does, so the predictor run again in
    /// this box lands closer to where it lands from dlib's own rectangle.
    ///
    /// From the eye centres (the mean of each eye's two corners), their midpoint `m`, the
    /// eye-to-eye vector `e` (image's right eye minus left) and the midpoint-to-nose vector `n`,
    /// and `s = |e| + |n|`: the box's centre minus `m` and its side are each a linear
    /// combination of `e.x, e.y, n.x, n.y, s`, the coefficients being the least-squares fit of
    /// dlib's own rectangles from dlib's own landmarks on all 707 faces. Fitted on the one half
    /// and measured on the other as above, the second predictor run brings the distance to
    /// mean 0.0505, worst 0.2463.
    public func shapePredictorBox(for detection: FaceDetection, landmarks5 points: [Point]) -> Rect? {
        guard points.count == 5 else { return nil }
        let p = points.map(\.vector)
        let rightEye = (p[0] + p[1]) / 2, leftEye = (p[2] + p[3]) / 2
        let middle = (rightEye + leftEye) / 2
        let eyes = rightEye - leftEye, nose = p[4] - middle
        let length = { (v: SIMD2<Double>) in (v * v).sum().squareRoot() }
        let features = [eyes.x, eyes.y, nose.x, nose.y, length(eyes) + length(nose)]
        func combination(_ coefficients: [Double]) -> Double { zip(features, coefficients).map(*).reduce(0, +) }
        let centreX = middle.x + combination([0.54506, -0.61008, -0.16610, 0.53879, -0.55261])
        let centreY = middle.y + combination([0.76729, 0.00418, 0.14038, 0.98807, -0.58344])
        let side = combination([-2.26218, 0.29569, -0.32017, -4.55241, 4.57868])
        // dlib's rectangles are inclusive: a side of s pixels spans s − 1 from its first to its last.
        return Rect(x: Float(centreX - (side - 1) / 2), y: Float(centreY - (side - 1) / 2), width: Float(side), height: Float(side))
    }
}
