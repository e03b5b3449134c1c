import Foundation
import Neural
import Testing
import TestSupport

/// The face recognition model file: its structure against dlib's own account of it, and what
/// happens to damaged or foreign files.
@Suite struct DlibModelFileTests {
    @Test func inputAndLossLayersComeFromTheFile() throws {
        let model = try FaceModel.load()
        #expect(model.input.kind == "input_rgb_image_sized")
        #expect(model.input.rows == 150 && model.input.columns == 150)
        for (mean, expected) in zip(model.input.means, [122.782, 117.001, 104.298] as [Float]) {
            #expect(abs(mean - expected) < 1e-4)
        }
        #expect(model.loss == .metric(margin: 0.04, distanceThreshold: 0.6))
    }

    /// dlib counts 5,607,488 trainable parameters; its affine layers (frozen batch norms) report
    /// none, so their 2 × 3,552 values are counted apart.
    @Test func layerCountsAndParametersMatchTheFaceResNet() throws {
        let model = try FaceModel.load()
        var convolutions = 0, parameters = 0, affineValues = 0
        for node in model.graph.nodes {
            switch node.layer {
            case let conv as ConvolutionLayer:
                convolutions += 1
                parameters += conv.weights.count + (conv.bias?.count ?? 0)
            case let affine as AffineLayer:
                affineValues += affine.scale.count + affine.shift.count
            case let dense as FullyConnectedLayer:
                parameters += dense.weights.count + (dense.bias?.count ?? 0)
                #expect(dense.inputs == 256 && dense.outputs == 128 && dense.bias == nil)
            default:
                break
            }
        }
        #expect(convolutions == 29)
        #expect(parameters == 5_607_488)
        #expect(affineValues == 2 * 3_552)
    }

    /// `reference/dlib-resnet-layers.txt` lists dlib's output shape for every layer by its
    /// `layer<N>` number; "inplace" layers share the output of the layer above them.
    @Test func everyLayerShapeMatchesDlib() throws {
        let model = try FaceModel.load()
        let text = try String(contentsOfFile: Fixtures.reference("dlib-resnet-layers.txt"), encoding: .utf8)
        var listed: [Int: String] = [:]
        var kinds: [Int: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("LAYER resnet ") {
            let fields = line.split(separator: " ")
            guard let number = Int(fields[2]), fields[3].hasPrefix("out=") else { continue }
            listed[number] = String(fields[3].dropFirst(4))
            kinds[number] = String(fields[5])
        }
        #expect(listed.count == 108)
        let shapes = try model.graph.shapes(for: FeatureShape(channels: 3, height: 150, width: 150))
        var nodeOfLayer: [Int: Int] = [:]
        for (node, number) in model.layerNumbers.enumerated() { nodeOfLayer[number] = node }
        for (number, out) in listed.sorted(by: { $0.key < $1.key }) {
            let expected = out == "inplace" ? listed[number - 1] : out
            guard let node = nodeOfLayer[number] else {
                Issue.record("dlib layer<\(number)> (\(kinds[number] ?? "?")) has no graph node")
                continue
            }
            let shape = shapes[node]
            #expect("1x\(shape.channels)x\(shape.height)x\(shape.width)" == expected, "layer<\(number)> \(kinds[number] ?? "")")
        }
        // Every graph node is one of dlib's layers: nothing invented, nothing lost.
        #expect(Set(model.layerNumbers) == Set(listed.keys))
    }

    @Test func truncatedFilesFailWithTheOffset() throws {
        let path = try Fixtures.model("dlib_face_recognition_resnet_model_v1.dat")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for cut in [0, 5, 20, 300, 5_000, 1_000_000, bytes.count / 2, bytes.count - 100, bytes.count - 1] {
            do {
                _ = try DlibNetwork(reader: DlibReader(bytes: Array(bytes[0..<cut]), file: "cut-\(cut).dat"))
                Issue.record("a file cut at byte \(cut) loaded")
            } catch let error as DlibFormatError {
                #expect(error.offset <= cut, "cut at \(cut): \(error)")
                #expect(error.file == "cut-\(cut).dat")
                // Past the header the error points into the file, not at its start.
                if cut >= 300 { #expect(error.offset > 0, "cut at \(cut): \(error)") }
            }
        }
    }

    @Test func foreignFilesAreNotNetworks() throws {
        let png = Fixtures.reference("dlib-bbt/chips/amy/amy1.png")
        let predictor = try Fixtures.model("shape_predictor_5_face_landmarks.dat")
        for path in [png, predictor] {
            #expect(throws: DlibFormatError.self, "\(path)") { _ = try DlibNetwork(contentsOf: path) }
        }
        #expect(throws: DlibFormatError.self) { _ = try DlibNetwork(contentsOf: "/nonexistent/model.dat") }
    }
}
