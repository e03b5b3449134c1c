extension Graph {
    /// The output shape of every node for one input sample shape, checking each layer's
    /// parameters against its input on the way.
    public func shapes(for input: FeatureShape) throws(GraphError) -> [FeatureShape] {
        guard self.input.accepts(input) else {
            throw .inputMismatch(expected: self.input.summary, found: TensorShape(batch: 1, sample: input))
        }
        var shapes: [FeatureShape] = []
        shapes.reserveCapacity(nodes.count)
        for node in nodes {
            let inputs = node.inputs.map { shape(of: $0, input: input, nodeShapes: shapes) }
            shapes.append(try node.layer.outputShape(for: inputs, node: node.name))
        }
        return shapes
    }

    /// The shapes of the graph outputs for one input sample shape.
    public func outputShapes(for input: FeatureShape) throws(GraphError) -> [FeatureShape] {
        let nodeShapes = try shapes(for: input)
        return outputs.map { shape(of: $0, input: input, nodeShapes: nodeShapes) }
    }
}

extension GraphInput {
    var summary: String {
        "\(channels)×\(height.map(String.init) ?? "any")×\(width.map(String.init) ?? "any")"
    }
}

extension Layer {
    /// The shape this layer produces from inputs of `inputs` shapes, or why it cannot run on
    /// them, told as the mismatch of the graph node `node`.
    func outputShape(for inputs: [FeatureShape], node: String) throws(GraphError) -> FeatureShape {
        do {
            return try outputShape(for: inputs)
        } catch {
            throw .shapeMismatch(node: node, reason: error.reason)
        }
    }
}

/// The sum of sizes, or nil when it overflows.
func checkedSum(_ terms: [Int]) -> Int? {
    var result = 0
    for term in terms {
        let (next, overflow) = result.addingReportingOverflow(term)
        if overflow { return nil }
        result = next
    }
    return result
}

/// The product of sizes, or nil when it overflows: sizes may come from a corrupt file.
func product(_ factors: Int...) -> Int? {
    var result = 1
    for factor in factors {
        guard factor >= 0 else { return nil }
        let (next, overflow) = result.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        result = next
    }
    return result
}
