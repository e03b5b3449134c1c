extension Graph {
    /// Floating-point operations for one sample of `input` shape, counting a multiply-add as
    /// two: the figure GFLOP/s rates are quoted against.
    ///
    /// Only convolutions and dense layers are counted; element-wise layers and pooling add well
    /// under 1% to networks like the face ResNet or MTCNN.
    public func floatingPointOperations(for input: FeatureShape) throws(GraphError) -> Int {
        let outputs = try shapes(for: input)
        var total = 0
        for (node, output) in zip(nodes, outputs) {
            switch node.layer {
            case .convolution(let conv):
                total += 2 * output.count * conv.weights.count / max(conv.outputChannels, 1)
            case .fullyConnected(let dense):
                total += 2 * dense.inputs * dense.outputs
            default:
                break
            }
        }
        return total
    }
}
