extension Graph {
    /// The same function with fewer passes over memory: an affine layer that only follows a
    /// convolution is folded into the convolution's weights and bias, and a ReLU that only follows
    /// a convolution or an addition is applied inside that layer.
    ///
    /// Folding is exact algebra, `γ·(w∗x + b) + β = (γw)∗x + (γb + β)`, so results differ from the
    /// unfused graph by float rounding only. A layer is fused into its producer only when nothing
    /// else reads the producer's output (no other node, no graph output).
    public func fusingLayers() -> Graph {
        var readers = [Int](repeating: 0, count: nodes.count)
        for source in nodes.flatMap(\.inputs) + outputs {
            if case .node(let index) = source { readers[index] += 1 }
        }
        var fused: [Node] = []
        // Where each original node's value lives in the fused graph, and how many readers that
        // fused node's value has (the readers of the last original node merged into it).
        var location: [Source] = []
        var fusedReaders: [Int] = []
        func relocate(_ source: Source) -> Source {
            if case .node(let index) = source { return location[index] }
            return source
        }
        for (index, node) in nodes.enumerated() {
            let inputs = node.inputs.map(relocate)
            if case .node(let producer) = inputs.first, fusedReaders[producer] == 1,
               let merged = fused[producer].layer.absorbing(node.layer) {
                fused[producer].layer = merged
                fused[producer].name += " + \(node.name)"
                fusedReaders[producer] = readers[index]
                location.append(.node(producer))
                continue
            }
            fused.append(Node(name: node.name, layer: node.layer, inputs: inputs))
            fusedReaders.append(readers[index])
            location.append(.node(fused.count - 1))
        }
        // Fusion keeps every surviving value's shape, and this graph's shapes were checked.
        return Graph(checked: input, nodes: fused, outputs: outputs.map(relocate))
    }
}

extension Layer {
    /// This layer followed by `next`, as one layer, when they can be merged.
    func absorbing(_ next: Layer) -> Layer? {
        switch (self, next) {
        case (.convolution(var conv), .affine(let affine))
            where conv.activation == .identity && affine.scale.count == conv.outputChannels:
            let filterLength = conv.weights.count / conv.outputChannels
            for o in 0..<conv.outputChannels {
                for i in o * filterLength ..< (o + 1) * filterLength { conv.weights[i] *= affine.scale[o] }
            }
            conv.bias = (0..<conv.outputChannels).map { o in
                (conv.bias?[o] ?? 0) * affine.scale[o] + affine.shift[o]
            }
            return .convolution(conv)
        case (.convolution(var conv), .relu) where conv.activation == .identity:
            conv.activation = .relu
            return .convolution(conv)
        case (.add(.identity), .relu):
            return .add(.relu)
        default:
            return nil
        }
    }
}
