import Foundation
import Neural
import Testing
import TestSupport

/// The operators of weight-quantized files such as OpenCV Zoo's SFace int8bq: DequantizeLinear
/// and Reshape of constants (folded at load time), Dropout at inference, BatchNormalization
/// after a dense layer, and a stale graph input nothing reads. Checked against loops written
/// here from the ONNX operator definitions.
@Suite struct ONNXQuantizedWeightsTests {
    typealias G = ONNXGraphTests
    typealias P = ONNXTestProto

    static func integers(_ name: String, type: Int64, field: Int, dims: [Int], _ values: [Int64]) -> [UInt8] {
        P.message(5, P.string(8, name), P.int(2, type), P.packedInts(1, dims.map(Int64.init)), P.packedInts(field, values))
    }

    static func int8(_ name: String, dims: [Int], _ values: [Int8]) -> [UInt8] {
        integers(name, type: 3, field: 5, dims: dims, values.map(Int64.init))
    }

    @Test func dequantizedWeightsMatchTheOperatorDefinitions() throws {
        let (c, side, filters, outputs, block) = (2, 3, 2, 4, 8)
        let taps = c * 9, features = filters * side * side
        var random = SeededGenerator(seed: 11)
        let x = random.floats(c * side * side, in: -2...2)
        let q = (0..<(filters * taps)).map { _ in Int8.random(in: -127...127, using: &random) }
        let blocks = (taps + block - 1) / block
        let scales = random.floats(filters * blocks, in: 0.001...0.05)
        let zeros = (0..<(filters * blocks)).map { _ in Int8.random(in: -3...3, using: &random) }
        let dq = (0..<(outputs * features)).map { _ in Int8.random(in: -127...127, using: &random) }
        let denseScale: Float = 0.01
        let (gamma, beta, mean, variance) = (random.floats(outputs, in: 0.5...2), random.floats(outputs, in: -1...1),
                                             random.floats(outputs, in: -1...1), random.floats(outputs, in: 0.5...2))
        let model = try G.model(opset: 21,
            Self.int8("wq", dims: [filters, taps], q),
            G.tensor("ws", dims: [filters, blocks], floats: scales),
            Self.int8("wz", dims: [filters, blocks], zeros),
            Self.integers("shape", type: 7, field: 7, dims: [4], [Int64(filters), Int64(c), 3, 3]),
            Self.int8("bq", dims: [outputs, features], dq),
            G.tensor("bs", dims: [], floats: [denseScale]),
            G.tensor("ratio", dims: [], floats: [0.4]),
            G.tensor("gamma", dims: [outputs], floats: gamma), G.tensor("beta", dims: [outputs], floats: beta),
            G.tensor("mean", dims: [outputs], floats: mean), G.tensor("var", dims: [outputs], floats: variance),
            G.node("DequantizeLinear", name: "dq_w", inputs: ["wq", "ws", "wz"], outputs: ["wd"],
                   G.int("axis", 1), G.int("block_size", block)),
            G.node("Reshape", name: "w_shape", inputs: ["wd", "shape"], outputs: ["w"]),
            G.node("Conv", name: "conv", inputs: ["x", "w"], outputs: ["conv_out"], G.ints("pads", [1, 1, 1, 1])),
            G.node("Flatten", name: "flat", inputs: ["conv_out"], outputs: ["f"]),
            G.node("DequantizeLinear", name: "dq_b", inputs: ["bq", "bs"], outputs: ["b"]),
            G.node("Gemm", name: "fc", inputs: ["f", "b"], outputs: ["g"], G.int("transB", 1)),
            G.node("Dropout", name: "drop", inputs: ["g", "ratio"], outputs: ["d"]),
            G.node("BatchNormalization", name: "bn", inputs: ["d", "gamma", "beta", "mean", "var"], outputs: ["y"]),
            G.valueInfo(11, "x", [1, c, side, side]),
            G.valueInfo(11, "stale_float_weights", [filters, c, 3, 3]),
            G.valueInfo(12, "y", [1, outputs]))
        let network = try ONNXNetwork(model: model)
        let result = try network.run(ONNXArray(dimensions: [1, c, side, side], values: x))

        // DequantizeLinear with blocks along axis 1, then the convolution, straight from the definitions.
        let w = (0..<(filters * taps)).map { e in
            let (f, t) = e.quotientAndRemainder(dividingBy: taps)
            return Float(Int(q[e]) - Int(zeros[f * blocks + t / block])) * scales[f * blocks + t / block]
        }
        var conv = [Float](repeating: 0, count: features)
        for f in 0..<filters {
            for y in 0..<side {
                for x0 in 0..<side {
                    var sum: Float = 0
                    for k in 0..<c {
                        for dy in 0..<3 {
                            for dx in 0..<3 {
                                let (sy, sx) = (y + dy - 1, x0 + dx - 1)
                                guard (0..<side).contains(sy), (0..<side).contains(sx) else { continue }
                                sum += x[(k * side + sy) * side + sx] * w[((f * c + k) * 3 + dy) * 3 + dx]
                            }
                        }
                    }
                    conv[(f * side + y) * side + x0] = sum
                }
            }
        }
        let expected = (0..<outputs).map { o in
            let g = (0..<features).reduce(Float(0)) { $0 + conv[$1] * Float(dq[o * features + $1]) * denseScale }
            return gamma[o] * (g - mean[o]) / (variance[o] + 1e-5).squareRoot() + beta[o]
        }

        #expect(result.map(\.dimensions) == [[1, outputs]])
        let difference = zip(result[0].values, expected).map { abs($0 - $1) }.max() ?? .infinity
        // measured worst: 5.7e-6 on outputs up to 43 (float32 steps there are 3.8e-6); bound 1e-5.
        #expect(difference <= 1e-5, "max |difference| \(difference)")
    }

    /// A Dropout told to train (here the opset-6 form, `is_test 0`) is refused at load time,
    /// naming the node.
    @Test func trainingDropoutIsRefused() throws {
        let model = try G.model(opset: 6,
            G.node("Dropout", name: "drop", inputs: ["x"], outputs: ["y"], G.int("is_test", 0)),
            G.valueInfo(11, "x", [1, 3, 4, 4]), G.valueInfo(12, "y", [1, 3, 4, 4]))
        let error = #expect(throws: ONNXNetworkError.self) { try ONNXNetwork(model: model) }
        guard case .unsupportedUse(_, "Dropout", "'drop'", _)? = error else {
            Issue.record("expected an unsupported use of Dropout, got \(String(describing: error))")
            return
        }
    }
}
