import Foundation
import Neural
import Testing
import TestSupport

/// The ONNX reader on the real model files: the MTCNN stages and the age/gender models from the
/// model cache, and the two extra detectors in `shared/models-extra`.
@Suite("ONNX model files")
struct ONNXModelFileTests {
    static func extra(_ name: String) -> String {
        Fixtures.shared.appendingPathComponent("models-extra").appendingPathComponent(name).path
    }

    static func load(_ path: String) throws -> ONNXModel {
        try ONNXModel(contentsOf: path)
    }

    static var allPaths: [String] {
        get throws {
            try ["pnet.onnx", "rnet.onnx", "onet.onnx", "age-v1.onnx", "gender-v1.onnx"].map(Fixtures.model)
                + ["yunet_s_640_640.onnx", "version-RFB-320.onnx"].map(extra)
        }
    }

    @Test func mtcnnStagesUseExactlyTheDocumentedOperators() throws {
        var used: Set<String> = []
        for file in ["pnet.onnx", "rnet.onnx", "onet.onnx"] {
            let model = try Self.load(try Fixtures.model(file))
            #expect(model.producerName == "keras2onnx", "\(file)")
            #expect(model.operatorSetVersion() == 12, "\(file)")
            used.formUnion(model.operatorCounts.keys)
        }
        // FORMATS.md: "use only Conv, PRelu, MaxPool, Transpose, Flatten, MatMul, Add, Softmax".
        #expect(used == ["Conv", "PRelu", "MaxPool", "Transpose", "Flatten", "MatMul", "Add", "Softmax"])
    }

    /// Sum of |value| over all initializers, in float64, as computed by the onnx 1.23.2 Python
    /// package (`numpy_helper.to_array(t).astype(float64)`, abs, sum) on the same files: an
    /// independent check that raw_data and the typed fields are decoded value for value.
    static let referenceAbsoluteSums: [String: (initializers: Int, sum: Double)] = [
        "pnet.onnx": (13, 988.1674274024772),
        "rnet.onnx": (16, 2540.0628005314916),
        "onet.onnx": (21, 5233.078572417723),
        "age-v1.onnx": (49, 61985.69735399965),
        "gender-v1.onnx": (22, 4081.7682191980307),
        "yunet_s_640_640.onnx": (112, 6696.643718125313),
        "version-RFB-320.onnx": (244, 3027981.0610482343),
    ]

    @Test func initializersHoldOneValuePerElementAndMatchTheReferenceDecoder() throws {
        for path in try Self.allPaths {
            let model = try Self.load(path)
            let file = (path as NSString).lastPathComponent
            let reference = try #require(Self.referenceAbsoluteSums[file])
            #expect(model.graph.initializers.count == reference.initializers, "\(file)")
            var sum = 0.0
            for tensor in model.graph.initializers {
                #expect(tensor.values.count == tensor.dims.reduce(1, *), "\(file): \(tensor.name)")
                #expect(tensor.elementCount == tensor.values.count, "\(file): \(tensor.name)")
                if let floats = tensor.floats {
                    sum += floats.reduce(0) { $0 + abs(Double($1)) }
                } else {
                    sum += try #require(tensor.integers).reduce(0) { $0 + abs(Double($1)) }
                }
            }
            // Both sums add the same float32 values in float64; only the order differs.
            // measured worst: 1.8e-16 relative (rnet; four files exact); bound: 5e-16 (was 1e-9).
            #expect(abs(sum - reference.sum) <= 5e-16 * reference.sum,
                    "\(file): \(sum) vs \(reference.sum), relative difference \(abs(sum - reference.sum) / reference.sum)")
        }
    }

    @Test func pnetTakesAnyImageSizeWhileRNetAndONetAreFixed() throws {
        let pnet = try Self.load(try Fixtures.model("pnet.onnx"))
        let input = try #require(pnet.graph.dataInputs.first)
        #expect(pnet.graph.dataInputs.count == 1)
        #expect(input.elementType == .float)
        // NHWC as exported by keras2onnx: batch, height and width are free, 3 channels.
        let shape = try #require(input.shape)
        #expect(shape.count == 4)
        #expect(shape[3] == .fixed(3))
        for dimension in shape[0...2] {
            guard case .symbolic = dimension else {
                Issue.record("PNet input dimension \(dimension) should be dynamic")
                continue
            }
        }

        for (file, side) in [("rnet.onnx", 24), ("onet.onnx", 48)] {
            let model = try Self.load(try Fixtures.model(file))
            let shape = try #require(model.graph.dataInputs.first?.shape)
            #expect(Array(shape[1...]) == [.fixed(side), .fixed(side), .fixed(3)], "\(file)")
        }
    }

    @Test func rfb320DeclaresItsInputAndOutputShapes() throws {
        let model = try Self.load(Self.extra("version-RFB-320.onnx"))
        // Exported with IR 4, which lists every initializer as a graph input as well.
        #expect(model.graph.inputs.count == model.graph.initializers.count + 1)
        let input = try #require(model.graph.dataInputs.first)
        #expect(model.graph.dataInputs.count == 1)
        #expect(input.shape == [.fixed(1), .fixed(3), .fixed(240), .fixed(320)])
        #expect(model.graph.outputs.map(\.name) == ["scores", "boxes"])
        #expect(model.graph.outputs.map(\.shape) == [[.fixed(1), .fixed(4420), .fixed(2)],
                                                     [.fixed(1), .fixed(4420), .fixed(4)]])
    }

    @Test func truncatedFilesAreFormatErrors() throws {
        for path in [try Fixtures.model("pnet.onnx"), Self.extra("version-RFB-320.onnx")] {
            let bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })
            let n = bytes.count
            let cuts = Set([0, 1, 2, 7, 64, 1000, n / 4, n / 2, 3 * n / 4, n - 100, n - 2, n - 1]
                + Array(stride(from: 3, to: n, by: max(1, n / 40))))
            for cut in cuts.sorted() {
                let error = #expect(throws: ONNXFormatError.self, "\(path) cut at \(cut)") {
                    try ONNXModel(bytes: Array(bytes[..<cut]), file: path)
                }
                #expect((error?.offset ?? -1) <= cut, "\(path) cut at \(cut): \(String(describing: error))")
            }
        }
    }

    @Test func imagesAreFormatErrors() throws {
        for image in ["scenes/32bit.png", "scenes/bbt1.jpg", "scenes/obama-240p.jpg"] {
            let error = #expect(throws: ONNXFormatError.self, "\(image)") {
                try ONNXModel(contentsOf: Fixtures.data(image))
            }
            #expect(error?.file == Fixtures.data(image))
        }
        let missing = #expect(throws: ONNXFormatError.self) { try ONNXModel(contentsOf: "/nonexistent/model.onnx") }
        #expect(missing?.reason.contains("cannot be opened") == true)
    }
}
