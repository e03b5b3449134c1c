/// An element-wise function applied to a layer's result before it is stored: how a ReLU after a
/// convolution or an addition runs inside that layer once fused (``Layer/absorbing(_:)``).
public enum Activation: Sendable, Equatable {
    case identity
    case relu
}
