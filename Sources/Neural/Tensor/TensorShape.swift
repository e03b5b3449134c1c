/// The size of one sample flowing through a network: channels × height × width.
///
/// Layers see samples one at a time (no layer mixes the batch), so shapes are inferred per
/// sample and the batch size is chosen at run time.
public struct FeatureShape: Hashable, Sendable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Values per sample.
    public var count: Int { channels * height * width }

    public var description: String { "\(channels)×\(height)×\(width)" }
}

/// The size of a batch: samples × channels × height × width (NCHW).
public struct TensorShape: Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var sample: FeatureShape

    public init(batch: Int, channels: Int, height: Int, width: Int) {
        self.init(batch: batch, sample: FeatureShape(channels: channels, height: height, width: width))
    }

    public init(batch: Int, sample: FeatureShape) {
        self.batch = batch
        self.sample = sample
    }

    public var channels: Int { sample.channels }
    public var height: Int { sample.height }
    public var width: Int { sample.width }

    /// Values in the whole batch.
    public var count: Int { batch * sample.count }

    /// Whether every dimension is at least 1 and the total fits in memory terms.
    public var isValid: Bool {
        batch >= 1 && channels >= 1 && height >= 1 && width >= 1
            && !batch.multipliedReportingOverflow(by: sample.count).overflow
    }

    public var description: String { "\(batch)×\(sample)" }
}
