/// Why a layer's parameters do not fit its inputs (channel counts, weight counts, window sizes).
///
/// A layer's shape rule knows no node names; ``Graph`` reports the mismatch as
/// ``GraphError/shapeMismatch(node:reason:)`` with the name of the node that holds the layer.
public struct ShapeMismatch: Error, Sendable, Equatable {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}
