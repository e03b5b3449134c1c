import Foundation
import Neural
import Testing
import TestSupport

/// The ONNX importer (``ONNXNetwork``): hand-written models checked against naive loops written
/// here from the ONNX operator definitions, the MTCNN files at many input sizes, and the
/// refusal of what it cannot run.
@Suite("ONNX graph import")
struct ONNXGraphTests {
    typealias P = ONNXTestProto

    // MARK: - Writing small models

    static func tensor(_ name: String, dims: [Int], floats: [Float]) -> [UInt8] {
        P.message(5, P.string(8, name), P.int(2, 1), P.packedInts(1, dims.map(Int64.init)), P.packedFloats(4, floats))
    }

    static func ints(_ name: String, _ values: [Int]) -> [UInt8] {
        P.message(5, P.string(1, name), P.int(20, 7), P.packedInts(8, values.map(Int64.init)))
    }

    static func string(_ name: String, _ value: String) -> [UInt8] {
        P.message(5, P.string(1, name), P.int(20, 3), P.string(4, value))
    }

    static func int(_ name: String, _ value: Int) -> [UInt8] {
        P.message(5, P.string(1, name), P.int(20, 2), P.int(3, Int64(value)))
    }

    static func node(_ op: String, name: String, inputs: [String], outputs: [String], _ attributes: [UInt8]...) -> [UInt8] {
        P.message(1, inputs.flatMap { P.string(1, $0) } + outputs.flatMap { P.string(2, $0) }
                  + P.string(3, name) + P.string(4, op) + attributes.flatMap { $0 })
    }

    /// A float tensor's ValueInfoProto; a nil size is a symbolic dimension.
    static func valueInfo(_ field: Int, _ name: String, _ dims: [Int?]) -> [UInt8] {
        let shape = dims.enumerated().flatMap { index, size in
            P.message(1, size.map { P.int(1, Int64($0)) } ?? P.string(2, "d\(index)"))
        }
        return P.message(field, P.string(1, name), P.message(2, P.message(1, P.int(1, 1), P.message(2, shape))))
    }

    static func model(opset: Int, _ graph: [UInt8]...) throws -> ONNXModel {
        let bytes = P.int(1, 7) + P.message(7, P.string(2, "test") + graph.flatMap { $0 })
            + P.message(8, P.string(1, ""), P.int(2, Int64(opset)))
        return try ONNXModel(bytes: bytes)
    }

    // MARK: - Hand-written models

    /// keras2onnx's pattern, as in MTCNN: a channels-last input transposed to NCHW, a
    /// SAME_UPPER max pool, PRelu, a transpose back before Flatten, MatMul + Add, Softmax.
    @Test func channelsLastModelMatchesTheOperatorDefinitions() throws {
        let (n, h, w, c, outputs) = (2, 5, 4, 3, 2)
        let (oh, ow) = (3, 2)  // ⌈5 / 2⌉, ⌈4 / 2⌉
        var random = SeededGenerator(seed: 7)
        let x = random.floats(n * h * w * c, in: -2...2)
        let slopes: [Float] = [0.25, -0.5, 2]
        let matrix = random.floats(oh * ow * c * outputs)
        let bias: [Float] = [0.3, -0.1]
        let model = try Self.model(opset: 12,
            Self.tensor("slope", dims: [1, c, 1, 1], floats: slopes),
            Self.tensor("W", dims: [oh * ow * c, outputs], floats: matrix),
            Self.tensor("b", dims: [outputs], floats: bias),
            Self.node("Transpose", name: "to_nchw", inputs: ["x"], outputs: ["t0"], Self.ints("perm", [0, 3, 1, 2])),
            Self.node("MaxPool", name: "pool", inputs: ["t0"], outputs: ["p"], Self.string("auto_pad", "SAME_UPPER"),
                      Self.ints("kernel_shape", [2, 2]), Self.ints("strides", [2, 2])),
            Self.node("PRelu", name: "act", inputs: ["p", "slope"], outputs: ["a"]),
            Self.node("Transpose", name: "to_nhwc", inputs: ["a"], outputs: ["map"], Self.ints("perm", [0, 2, 3, 1])),
            Self.node("Flatten", name: "flat", inputs: ["map"], outputs: ["f"], Self.int("axis", 1)),
            Self.node("MatMul", name: "mm", inputs: ["f", "W"], outputs: ["m"]),
            Self.node("Add", name: "bias", inputs: ["m", "b"], outputs: ["logits"]),
            Self.node("Softmax", name: "prob", inputs: ["logits"], outputs: ["probabilities"], Self.int("axis", 1)),
            Self.valueInfo(11, "x", [nil, h, w, c]),
            Self.valueInfo(12, "map", [nil, oh, ow, c]),
            Self.valueInfo(12, "probabilities", [nil, outputs]))
        let network = try ONNXNetwork(model: model)
        #expect(network.input.layout == ONNXLayout(order: .channelsLast, form: .image))
        let results = try network.run(ONNXArray(dimensions: [n, h, w, c], values: x))

        // The same computation, straight from the definitions, in NHWC.
        var map = [Float](repeating: 0, count: n * oh * ow * c)
        for b in 0..<n {
            for y in 0..<oh {
                for x0 in 0..<ow {
                    for k in 0..<c {
                        var largest = -Float.infinity
                        for dy in 0..<2 where 2 * y + dy < h {
                            for dx in 0..<2 where 2 * x0 + dx < w {
                                largest = max(largest, x[((b * h + 2 * y + dy) * w + 2 * x0 + dx) * c + k])
                            }
                        }
                        map[((b * oh + y) * ow + x0) * c + k] = largest < 0 ? largest * slopes[k] : largest
                    }
                }
            }
        }
        var probabilities: [Float] = []
        for b in 0..<n {
            let features = Array(map[(b * oh * ow * c)..<((b + 1) * oh * ow * c)])
            let logits = (0..<outputs).map { o in
                bias[o] + features.indices.reduce(0) { $0 + features[$1] * matrix[$1 * outputs + o] }
            }
            let exps = logits.map { exp($0 - logits.max()!) }
            probabilities += exps.map { $0 / exps.reduce(0, +) }
        }

        #expect(results.map(\.dimensions) == [[n, oh, ow, c], [n, outputs]])
        let (mapDifference, probabilityDifference) = (maxAbsoluteDifference(results[0].values, map),
                                                      maxAbsoluteDifference(results[1].values, probabilities))
        // measured worst: map 0, probabilities 5.6e-9; bound: map 1.2e-7 (one float32 step at 1),
        // probabilities 1e-8 (were 1e-6 and 1e-5).
        #expect(mapDifference <= 1.2e-7, "map: max |difference| \(mapDifference)")
        #expect(probabilityDifference <= 1e-8, "probabilities: max |difference| \(probabilityDifference)")
    }

    /// YuNet's operators: a depthwise convolution (stride 2, padding 1, bias), a 2× nearest
    /// Resize, Sigmoid, and a Transpose + Reshape to rows at the output.
    @Test func depthwiseResizeSigmoidAndRowsMatchTheOperatorDefinitions() throws {
        let (c, h, w) = (2, 5, 6)
        let (oh, ow) = (3, 3)  // 1 + (5 + 2 − 3) / 2, 1 + (6 + 2 − 3) / 2
        var random = SeededGenerator(seed: 3)
        let x = random.floats(c * h * w, in: -2...2)
        let filters = random.floats(c * 9)
        let bias: [Float] = [0.5, -0.25]
        let model = try Self.model(opset: 11,
            Self.tensor("w", dims: [c, 1, 3, 3], floats: filters),
            Self.tensor("b", dims: [c], floats: bias),
            Self.tensor("roi", dims: [0], floats: []),
            Self.tensor("scales", dims: [4], floats: [1, 1, 2, 2]),
            P.message(5, P.string(8, "shape"), P.int(2, 7), P.packedInts(1, [3]), P.packedInts(7, [1, -1, Int64(c)])),
            Self.node("Conv", name: "dw", inputs: ["x", "w", "b"], outputs: ["d"], Self.int("group", c),
                      Self.ints("kernel_shape", [3, 3]), Self.ints("pads", [1, 1, 1, 1]), Self.ints("strides", [2, 2])),
            Self.node("Resize", name: "up", inputs: ["d", "roi", "scales"], outputs: ["u"], Self.string("mode", "nearest"),
                      Self.string("coordinate_transformation_mode", "asymmetric"), Self.string("nearest_mode", "floor")),
            Self.node("Sigmoid", name: "s", inputs: ["u"], outputs: ["p"]),
            Self.node("Transpose", name: "t", inputs: ["p"], outputs: ["q"], Self.ints("perm", [0, 2, 3, 1])),
            Self.node("Reshape", name: "rows", inputs: ["q", "shape"], outputs: ["y"]),
            Self.valueInfo(11, "x", [1, c, h, w]), Self.valueInfo(12, "y", [1, 4 * oh * ow, c]))
        let network = try ONNXNetwork(model: model)
        let result = try network.run(ONNXArray(dimensions: [1, c, h, w], values: x))

        var expected = [Float](repeating: 0, count: 4 * oh * ow * c)
        for k in 0..<c {
            for y in 0..<(2 * oh) {
                for x0 in 0..<(2 * ow) {
                    // The upsampled pixel (y, x0) copies conv output (y / 2, x0 / 2).
                    let (cy, cx) = (y / 2, x0 / 2)
                    var sum = bias[k]
                    for ky in 0..<3 {
                        for kx in 0..<3 {
                            let (iy, ix) = (2 * cy - 1 + ky, 2 * cx - 1 + kx)
                            if iy >= 0 && iy < h && ix >= 0 && ix < w { sum += filters[k * 9 + ky * 3 + kx] * x[(k * h + iy) * w + ix] }
                        }
                    }
                    expected[(y * 2 * ow + x0) * c + k] = 1 / (1 + exp(-sum))
                }
            }
        }
        #expect(result.map(\.dimensions) == [[1, 4 * oh * ow, c]])
        let difference = maxAbsoluteDifference(result[0].values, expected)
        // measured worst: 0; bound: 1.2e-7, one float32 step at 1 (was 1e-6).
        #expect(difference <= 1.2e-7, "max |difference| \(difference)")
    }

    @Test func unsupportedOperatorsFailAtLoadTimeNamingOperatorAndNode() throws {
        let named = try Self.model(opset: 13,
            Self.node("Relu", name: "fine", inputs: ["x"], outputs: ["r"]),
            Self.node("Erf", name: "mystery", inputs: ["r"], outputs: ["y"]),
            Self.valueInfo(11, "x", [1, 3, 4, 4]), Self.valueInfo(12, "y", [1, 3, 4, 4]))
        let error = #expect(throws: ONNXNetworkError.self) { try ONNXNetwork(model: named, file: "tiny.onnx") }
        #expect(error == .unsupportedOperator(file: "tiny.onnx", operator: "Erf", node: "'mystery'"))
        #expect(error?.description.contains("Erf") == true)
        #expect(error?.description.contains("mystery") == true)

        // Unnamed nodes (as PyTorch exports them) are named by their output.
        let unnamed = try Self.model(opset: 13,
            Self.node("Erf", name: "", inputs: ["x"], outputs: ["erf_out"]),
            Self.valueInfo(11, "x", [1, 3, 4, 4]), Self.valueInfo(12, "erf_out", [1, 3, 4, 4]))
        let second = #expect(throws: ONNXNetworkError.self) { try ONNXNetwork(model: unnamed) }
        #expect(second?.description.contains("erf_out") == true)

        // A known operator with an attribute the engine would get wrong is refused too.
        let ceil = try Self.model(opset: 13,
            Self.node("MaxPool", name: "ceil_pool", inputs: ["x"], outputs: ["y"], Self.ints("kernel_shape", [3, 3]),
                      Self.ints("strides", [2, 2]), Self.int("ceil_mode", 1)),
            Self.valueInfo(11, "x", [1, 3, 8, 8]), Self.valueInfo(12, "y", [1, 3, 4, 4]))
        let third = #expect(throws: ONNXNetworkError.self) { try ONNXNetwork(model: ceil) }
        guard case .unsupportedUse(_, "MaxPool", "'ceil_pool'", _)? = third else {
            Issue.record("expected an unsupported use of MaxPool, got \(String(describing: third))")
            return
        }
    }

    // MARK: - MTCNN

    /// PNet's map for a `width × height` level: 3×3 conv, 2×2 SAME_UPPER pool (⌈/2⌉), two 3×3 convs.
    static func pnetMap(_ side: Int) -> Int { (side - 2 + 1) / 2 - 4 }

    @Test(arguments: [(12, 12), (13, 17), (57, 100), (640, 360), (1152, 648)])
    func pnetRunsOnAnySizeWithTheDeclaredOutputs(width: Int, height: Int) throws {
        let pnet = try ONNXNetwork(contentsOf: Fixtures.model("pnet.onnx"))
        #expect(pnet.graph.input.height == nil && pnet.graph.input.width == nil)
        var random = SeededGenerator(seed: UInt64(width * height))
        let results = try pnet.run(ONNXArray(dimensions: [1, width, height, 3], values: random.floats(width * height * 3)))
        let (mapWidth, mapHeight) = (Self.pnetMap(width), Self.pnetMap(height))
        #expect(results.map(\.dimensions) == [[1, mapWidth, mapHeight, 4], [1, mapWidth, mapHeight, 2]])
        for (result, declared) in zip(results, pnet.outputs.map(\.declaredShape)) {
            #expect(declared?.count == 4 && declared?.last == .fixed(result.dimensions[3]))
        }
        let probabilities = results[1].values
        for cell in 0..<(mapWidth * mapHeight) {
            #expect(abs(probabilities[2 * cell] + probabilities[2 * cell + 1] - 1) <= 1e-5)
        }
    }

    @Test(arguments: [1, 3, 17])
    func rnetAndONetRunBatchesWithTheDeclaredOutputs(batch: Int) throws {
        for (file, side, widths) in [("rnet.onnx", 24, [4, 2]), ("onet.onnx", 48, [4, 10, 2])] {
            let network = try ONNXNetwork(contentsOf: Fixtures.model(file))
            #expect(network.graph.input.fixedShape == FeatureShape(channels: 3, height: side, width: side))
            var random = SeededGenerator(seed: UInt64(batch))
            let results = try network.run(ONNXArray(dimensions: [batch, side, side, 3],
                                                    values: random.floats(batch * side * side * 3)))
            #expect(results.map(\.dimensions) == widths.map { [batch, $0] }, "\(file)")
            #expect(network.outputs.map(\.declaredShape) == widths.map { [.symbolic("N"), .fixed($0)] }, "\(file)")
            let probabilities = try #require(results.last).values
            for n in 0..<batch {
                #expect(abs(probabilities[2 * n] + probabilities[2 * n + 1] - 1) <= 1e-5, "\(file)")
            }
        }
    }

    // MARK: - Age and gender

    /// Every intermediate shape the importer infers must equal the file's `value_info` (the
    /// batch dimension aside, which the file leaves symbolic), and the forward pass must give
    /// one probability distribution per image.
    @Test(arguments: [("age-v1.onnx", 64, 81), ("gender-v1.onnx", 32, 2)])
    func ageAndGenderShapesMatchValueInfoAndRun(file: String, side: Int, classes: Int) throws {
        let model = try ONNXModel(contentsOf: Fixtures.model(file))
        let network = try ONNXNetwork(model: model, file: file)
        let inferred = try network.inferredShapes(batch: 1)
        #expect(model.graph.valueInfo.count >= 10, "\(file) should describe its intermediates")
        for info in model.graph.valueInfo + model.graph.outputs {
            let declared = try #require(info.shape, "\(file): \(info.name) has no shape")
            guard let ours = inferred[info.name] else {
                Issue.record("\(file): no inferred shape for \(info.name)")
                continue
            }
            #expect(ours.count == declared.count, "\(file): \(info.name) \(ours) vs \(declared)")
            for (size, dimension) in zip(ours.dropFirst(), declared.dropFirst()) {
                #expect(dimension == .fixed(size), "\(file): \(info.name) \(ours) vs \(declared)")
            }
        }
        let batch = 3
        var random = SeededGenerator(seed: 11)
        let results = try network.run(ONNXArray(dimensions: [batch, 3, side, side],
                                                values: random.floats(batch * 3 * side * side)))
        #expect(results.map(\.dimensions) == [[batch, classes]])
        for n in 0..<batch {
            let row = results[0].values[(n * classes)..<((n + 1) * classes)]
            #expect(abs(row.reduce(0, +) - 1) <= 1e-4, "\(file): sample \(n) sums to \(row.reduce(0, +))")
            #expect(row.allSatisfy { $0 >= 0 })
        }
    }

    // MARK: - Extra detectors

    static func extra(_ name: String) -> String {
        Fixtures.shared.appendingPathComponent("models-extra").appendingPathComponent(name).path
    }

    /// The importer's shape for every value the file describes must be the file's.
    static func expectShapesMatch(_ network: ONNXNetwork, _ model: ONNXModel, _ file: String) throws {
        let inferred = try network.inferredShapes(batch: 1)
        for info in model.graph.valueInfo + model.graph.outputs {
            guard let declared = info.shape, let ours = inferred[info.name] else { continue }
            #expect(declared == ours.map { .fixed($0) }, "\(file): \(info.name) \(ours) vs \(declared)")
        }
        let described = (model.graph.valueInfo + model.graph.outputs).filter { inferred[$0.name] != nil }.count
        print("\(file): \(described) described values checked")
    }

    @Test func yunetRunsWithTheDeclaredOutputShapes() throws {
        let file = Self.extra("yunet_s_640_640.onnx")
        let model = try ONNXModel(contentsOf: file)
        let network = try ONNXNetwork(model: model, file: file)
        try Self.expectShapesMatch(network, model, "yunet")
        #expect(model.graph.valueInfo.count == 94)
        var random = SeededGenerator(seed: 5)
        let results = try network.run(ONNXArray(dimensions: [1, 3, 640, 640], values: random.floats(3 * 640 * 640, in: 0...255)))
        #expect(results.map { $0.dimensions.map { ONNXDimension.fixed($0) } } == network.outputs.map(\.declaredShape))
        for (binding, result) in zip(network.outputs, results) where binding.name.hasPrefix("cls") || binding.name.hasPrefix("obj") {
            #expect(result.values.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(binding.name) should hold probabilities")
        }
        // The file fixes the batch at 1.
        #expect(throws: ONNXNetworkError.self) {
            try network.run(ONNXArray(dimensions: [2, 3, 640, 640], values: [Float](repeating: 0, count: 2 * 3 * 640 * 640)))
        }
    }
}
