extension Graph {
    /// The same function with fewer passes over memory: each layer is merged into the layer that
    /// produces its first input when that one can absorb it (``Layer/absorbing(_:)``). An affine
    /// layer that only follows a convolution is folded into the convolution's weights and bias,
    /// and a ReLU that only follows a convolution or an addition is applied inside that layer.
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
