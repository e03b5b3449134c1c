import Foundation
import Neural
import Testing
import TestSupport

/// Footfall's ONNX engine against onnxruntime on the same tensors: every value of every output
/// of age-v1, gender-v1, YuNet and RFB-320. `Tests/Reference/onnxruntime` holds the inputs (made
/// from real pictures), onnxruntime's outputs and `reference.json` describing them; they come
/// from `scripts/reference/onnxruntime-outputs.py` (onnxruntime 1.32.0, one thread, graph
/// optimisations off).
@Suite struct ONNXRuntimeReferenceTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/Reference/onnxruntime")

    struct Output {
        let name: String
        let shape: [Int]
        let values: [Float]
    }

    struct Case {
        let input: ONNXArray
        let outputs: [Output]
    }

    static func floats(_ data: Data) -> [Float] {
        data.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
    }

    static func load(_ key: String) throws -> Case {
        let json = try Data(contentsOf: folder.appendingPathComponent("reference.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let entry = try #require((root["models"] as? [String: Any])?[key] as? [String: Any], "\(key) in reference.json")
        let input = try #require(entry["input"] as? [String: Any])
        let shape = try #require(input["shape"] as? [Int])
        let bytes = try Data(contentsOf: folder.appendingPathComponent(try #require(input["file"] as? String)))
        let values: [Float]
        switch input["storage"] as? String {
        case "float32": values = floats(bytes)
        case "uint8": values = bytes.map { Float($0) }
        default: throw FixtureError("\(key): unknown input storage \(String(describing: input["storage"]))")
        }
        try #require(values.count == shape.reduce(1, *), "\(key): input holds \(values.count) values for \(shape)")

        let all = floats(try Data(contentsOf: folder.appendingPathComponent(try #require(entry["outputFile"] as? String))))
        let outputs = try #require(entry["outputs"] as? [[String: Any]]).map { output in
            let offset = try #require(output["offset"] as? Int), count = try #require(output["count"] as? Int)
            try #require(offset + count <= all.count)
            let slice = Array(all[offset..<(offset + count)])
            // The JSON's statistics check that the .bin is the file the script wrote.
            let sum = slice.reduce(0.0) { $0 + Double($1) }
            let expected = try #require(output["sum"] as? Double)
            try #require(abs(sum - expected) <= 1e-9 * max(1, abs(expected)), "\(key): outputs file does not match reference.json")
            return Output(name: try #require(output["name"] as? String), shape: try #require(output["shape"] as? [Int]), values: slice)
        }
        return Case(input: ONNXArray(dimensions: shape, values: values), outputs: outputs)
    }

    /// Largest |ours − onnxruntime's| over each output, in the reference's output order.
    static func differences(_ key: String, model path: String) throws -> [(name: String, difference: Float)] {
        let reference = try load(key)
        let network = try ONNXNetwork(contentsOf: path)
        let results = try network.run(reference.input)
        return try reference.outputs.map { output in
            let index = try #require(network.outputs.firstIndex { $0.name == output.name }, "\(key): no output \(output.name)")
            let ours = results[index]
            try #require(ours.dimensions == output.shape, "\(key) \(output.name): shape \(ours.dimensions) vs \(output.shape)")
            return (output.name, maxAbsoluteDifference(ours.values, output.values))
        }
    }

    static func extra(_ name: String) -> String {
        Fixtures.shared.appendingPathComponent("models-extra").appendingPathComponent(name).path
    }

    /// Each output's largest difference must stay within the bound of the first prefix of its
    /// name listed in `bounds`.
    static func check(_ key: String, model path: String, bounds: KeyValuePairs<String, Float>) throws {
        let differences = try differences(key, model: path)
        print("\(key) vs onnxruntime: max |difference| \(differences.map(\.difference).max() ?? .infinity); "
              + differences.map { "\($0.name) \($0.difference)" }.joined(separator: ", "))
        for (name, difference) in differences {
            let bound = try #require(bounds.first { name.hasPrefix($0.key) }?.value, "\(key): no bound for \(name)")
            #expect(difference <= bound, "\(key) \(name): max |difference| \(difference) to onnxruntime, bound \(bound)")
        }
    }

    /// Two faces at 64×64: 81 age probabilities each.
    @Test func ageMatchesOnnxRuntime() throws {
        // measured worst: 3.05e-6; bound: 4e-6.
        try Self.check("age", model: Fixtures.model("age-v1.onnx"), bounds: ["probabilities": 4e-6])
    }

    /// Two faces at 32×32: 2 gender probabilities each.
    @Test func genderMatchesOnnxRuntime() throws {
        // measured worst: 0 (identical floats); bound: 1e-7, under two float32 steps below 1.
        try Self.check("gender", model: Fixtures.model("gender-v1.onnx"), bounds: ["probabilities": 1e-7])
    }

    /// A group photo at 640×640: class and objectness scores, boxes and 5 landmarks for the
    /// 8400 anchors of strides 8, 16 and 32.
    @Test func yunetMatchesOnnxRuntime() throws {
        // measured worst: cls 2.4e-7, obj 9.5e-7, bbox 2.0e-6, kps 4.1e-6;
        // bound: cls 3e-7, obj 1.2e-6, bbox 2.5e-6, kps 5e-6.
        try Self.check("yunet", model: Self.extra("yunet_s_640_640.onnx"),
                       bounds: ["cls": 3e-7, "obj": 1.2e-6, "bbox": 2.5e-6, "kps": 5e-6])
    }

    /// Two people at 320×240: face scores and decoded boxes for 4420 anchors.
    @Test func rfb320MatchesOnnxRuntime() throws {
        // measured worst: scores 9.5e-7, boxes 3.6e-7; bound: scores 1.2e-6, boxes 5e-7.
        try Self.check("rfb320", model: Self.extra("version-RFB-320.onnx"), bounds: ["scores": 1.2e-6, "boxes": 5e-7])
    }
}
