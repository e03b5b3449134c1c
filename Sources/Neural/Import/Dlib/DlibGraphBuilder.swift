/// Turns the stack of a dlib network file into a ``Graph``.
///
/// Most layers read the layer below them. Tags, skips and `add_prev` connect further: a tag
/// remembers the value at its position, a skip continues from a remembered value, and `add_prev`
/// adds a remembered value to the value below it. The file records none of their tag numbers and
/// writes tags and skips identically, so the builder infers them from how dlib's residual
/// networks (the face ResNet, the ImageNet ResNets) use them:
///
/// - two markers in a row are `skip<tag<…>>`: the inner one tags the value below, the outer one
///   jumps back to the tag before it (`residual_down` keeps the block's output under `tag2` and
///   restarts from `tag1`);
/// - a single marker is a tag;
/// - a skip or an `add_prev` uses the most recent tag not used yet, like brackets pairing up.
///
/// Shape inference then checks the result: wrong pairing leaves layers whose sizes disagree.
/// Disabled layers (identity) add nothing to the graph.
struct DlibGraphBuilder {
    /// Graph nodes and, for each, dlib's `layer<N>` number (1 = the layer under the loss).
    static func build(_ structure: DlibNetworkStructure, file: String) throws -> (graph: Graph, layerNumbers: [Int]) {
        let numbers = Dictionary(uniqueKeysWithValues: structure.entries.map(\.offset).sorted().enumerated().map { ($1, $0 + 1) })
        var nodes: [Graph.Node] = []
        var layerNumbers: [Int] = []
        var current = Graph.Source.input
        var openTags: [Graph.Source] = []
        func add(_ layer: any Layer, inputs: [Graph.Source], offset: Int) {
            let number = numbers[offset] ?? 0
            nodes.append(Graph.Node(name: "layer<\(number)> \(layer.kind)", layer: layer, inputs: inputs))
            layerNumbers.append(number)
            current = .node(nodes.count - 1)
        }
        func isMarker(_ index: Int) -> Bool {
            guard structure.entries.indices.contains(index), case .marker = structure.entries[index].content else { return false }
            return true
        }

        var index = 0
        while index < structure.entries.count {
            let entry = structure.entries[index]
            switch entry.content {
            case .marker where isMarker(index + 1):
                guard !isMarker(index + 2) else {
                    throw DlibFormatError(file: file, offset: entry.offset, reason: "three tag or skip layers in a row cannot be told apart")
                }
                guard let target = openTags.popLast() else {
                    throw DlibFormatError(file: file, offset: structure.entries[index + 1].offset, reason: "a skip layer has no earlier tag to jump to")
                }
                openTags.append(current)
                current = target
                index += 2
                continue
            case .marker:
                openTags.append(current)
            case .layer(.identity):
                break
            case .layer(.layer(let layer)):
                add(layer, inputs: [current], offset: entry.offset)
            case .layer(.addPrevious):
                guard let tagged = openTags.popLast() else {
                    throw DlibFormatError(file: file, offset: entry.offset, reason: "an add_prev layer has no earlier tag to add")
                }
                add(AdditionLayer(), inputs: [current, tagged], offset: entry.offset)
            }
            index += 1
        }
        let graph = try Graph(input: structure.input.graphInput, nodes: nodes, outputs: [current])
        return (graph, layerNumbers)
    }
}
