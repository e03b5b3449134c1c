extension Graph {
    /// Floating-point operations per sample of `input` shape, counting a multiply-add as two:
    /// the convolutions and fully connected layers, which are nearly all of the work
    /// (0.542 GFLOP for dlib's face ResNet on a 150×150 chip).
    public func operationCount(for input: FeatureShape) throws(GraphError) -> Int {
        let nodeShapes = try shapes(for: input)
        var total = 0
        for (index, node) in nodes.enumerated() {
            switch node.layer {
            case .convolution(let conv):
                total += 2 * conv.weights.count * nodeShapes[index].height * nodeShapes[index].width
            case .fullyConnected(let dense):
                total += 2 * dense.weights.count
            default:
                break
            }
        }
        return total
    }
}
