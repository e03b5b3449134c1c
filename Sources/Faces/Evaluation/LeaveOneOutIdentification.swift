/// Closed-set identification by leave-one-out: each face is named after its nearest neighbour
/// (Euclidean distance) among all the other faces, and scored against its true label.
///
/// An image without a face cannot be identified: it counts as an error, never as dropped. A
/// person with a single image is always an error too, since nobody else carries the label.
public struct LeaveOneOutIdentification: Sendable {
    public struct Sample: Sendable, Hashable {
        public var label: String
        public var path: String
        /// nil when no face was found.
        public var descriptor: FaceDescriptor?

        public init(label: String, path: String, descriptor: FaceDescriptor?) {
            self.label = label
            self.path = path
            self.descriptor = descriptor
        }
    }

    public let samples: [Sample]
    /// The label given to each sample; nil where it had no face.
    public let predictions: [String?]

    public init(samples: [Sample]) {
        self.samples = samples
        predictions = samples.indices.map { i in
            guard let probe = samples[i].descriptor else { return nil }
            var best: (distance: Float, label: String)?
            for j in samples.indices where j != i {
                guard let other = samples[j].descriptor else { continue }
                let distance = probe.distance(to: other)
                if distance < best?.distance ?? .infinity { best = (distance, samples[j].label) }
            }
            return best?.label
        }
    }

    public var correct: Int { zip(samples, predictions).filter { $0.0.label == $0.1 }.count }
    public var accuracy: Double { samples.isEmpty ? 0 : Double(correct) / Double(samples.count) }
    /// Samples whose image gave no face.
    public var withoutFace: [Sample] { samples.filter { $0.descriptor == nil } }
}
