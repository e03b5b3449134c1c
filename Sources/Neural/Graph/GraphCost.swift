extension Graph {
    /// Floating-point operations for one sample of `input` shape, counting a multiply-add as
    /// two: the figure GFLOP/s rates are quoted against.
    ///
    /// Each layer counts its own (``Layer/floatingPointOperations(inputs:output:)``), and only
    /// convolutions and dense layers count theirs: element-wise layers and pooling add well under
    /// 1% to networks like the face ResNet or MTCNN.
    public func floatingPointOperations(for input: FeatureShape) throws(GraphError) -> Int {
        let outputs = try shapes(for: input)
        var total = 0
        for (node, output) in zip(nodes, outputs) {
            let inputs = node.inputs.map { shape(of: $0, input: input, nodeShapes: outputs) }
            total += node.layer.floatingPointOperations(inputs: inputs, output: output)
        }
        return total
    }
}
