import Faces
import Foundation
import NeuralKernels

/// A site's members as the door recognises them: every reference descriptor of one embedding in
/// one contiguous array, searched in full for each face (no index to go stale or miss a match;
/// see ``nearestMembers(to:count:)`` for how the search stays exact while reading a quarter of it).
///
///     let gallery = try MemberGallery(samples: store.gallerySamples(embedding: model),
///                                     embedding: model, strategy: site.enrolment, threshold: 0.6)
///     switch gallery.recognise(descriptor) {
///     case let .member(member, distance): …   // nearer than the threshold
///     case let .unknown(nearest): …           // nobody that close; nearest for the record
///     }
///
/// The site's ``EnrolmentStrategy`` decides the reference points: every sample (`all`, the
/// default), one mean per member (`average`), or one mean per look (`clusters`).
public struct MemberGallery: Sendable {
    public let embedding: String
    /// Distances at or below it name a member (inclusive, as face_recognition's tolerance).
    public private(set) var threshold: Float
    /// Where `threshold` came from; `init` leaves it as given, ``SiteCalibration`` chooses it.
    public private(set) var thresholdSource: SiteCalibration.Source?
    public let strategy: EnrolmentStrategy
    /// The store's gallery generation this was built from.
    public let generation: Int64
    public let members: [Member]
    public let dimension: Int
    /// Reference descriptors, `dimension` values each, one after another.
    private let references: [Float]
    /// For each reference, its member's index in `members`.
    private let owners: [Int32]
    /// The references again as int8 codes, for the first pass of a search.
    private let quantised: QuantisedRows

    public init(samples: [GallerySample], embedding: String, strategy: EnrolmentStrategy = .all,
                threshold: Float, generation: Int64 = 0) throws {
        self.embedding = embedding
        self.threshold = threshold
        self.strategy = strategy
        self.generation = generation
        var members = [UUID: Member]()
        for sample in samples { members[sample.member.id] = sample.member }
        self.members = members.values.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let index = Dictionary(uniqueKeysWithValues: self.members.enumerated().map { ($1.id, Int32($0)) })
        dimension = samples.first?.descriptor.count ?? 0

        (references, owners) = try Self.references(of: samples, strategy: strategy, dimension: dimension, index: index)
        quantised = QuantisedRows(rows: references, dimension: dimension)
    }

    /// The strategy's reference points, flattened, with each one's member index.
    private static func references(of samples: [GallerySample], strategy: EnrolmentStrategy, dimension: Int,
                                   index: [UUID: Int32]) throws -> ([Float], [Int32]) {
        guard !samples.isEmpty else { return ([], []) }
        let labelled = try LabelledDescriptors(samples.map { (descriptor: $0.descriptor, label: $0.member.id.uuidString) })
        let prototypes = try strategy.prototypes(of: labelled)
        var references = [Float]()
        references.reserveCapacity(prototypes.count * dimension)
        var owners = [Int32]()
        owners.reserveCapacity(prototypes.count)
        for (descriptor, label) in zip(prototypes.descriptors, prototypes.labels) {
            references.append(contentsOf: descriptor.values)
            owners.append(index[UUID(uuidString: label)!]!)
        }
        return (references, owners)
    }

    mutating func setThreshold(_ threshold: Float, source: SiteCalibration.Source) {
        self.threshold = threshold
        thresholdSource = source
    }

    /// How many reference descriptors are searched per face.
    public var referenceCount: Int { owners.count }

    /// Bytes held by the reference descriptors (Float32 and int8 codes) and their owners.
    public var referenceBytes: Int {
        references.count * MemoryLayout<Float>.stride + quantised.bytes + owners.count * MemoryLayout<Int32>.stride
    }

    /// A member and the distance to their nearest reference.
    public struct NearestMember: Sendable, Hashable {
        public var member: Member
        public var distance: Float
    }

    public enum Answer: Sendable, Hashable {
        /// The nearest member, within the threshold.
        case member(Member, distance: Float)
        /// Nobody within the threshold; the nearest member and distance, if any.
        case unknown(nearest: NearestMember?)
    }

    public func recognise(_ descriptor: FaceDescriptor) -> Answer {
        guard let nearest = nearestMembers(to: descriptor, count: 1).first else { return .unknown(nearest: nil) }
        return nearest.distance <= threshold ? .member(nearest.member, distance: nearest.distance) : .unknown(nearest: nearest)
    }

    /// The `count` nearest members, each at the distance of their nearest reference, nearest first.
    ///
    /// Exact, in two passes: the int8 codes bound every reference's distance (a quarter of the
    /// bytes of a full pass, which is what a large gallery's search waits on), the `count`-th
    /// smallest upper bound among distinct members caps the answer, and only references whose
    /// lower bound is under that cap are measured on their Float32 values.
    public func nearestMembers(to descriptor: FaceDescriptor, count: Int) -> [NearestMember] {
        guard descriptor.count == dimension, !owners.isEmpty, count > 0 else { return [] }
        let bounds = quantised.squaredDistanceBounds(to: descriptor.values)
        var byUpperBound = NearestOwners(count: count)
        for (owner, upper) in zip(owners, bounds.upper) { byUpperBound.offer(owner, upper) }
        let cap = byUpperBound.cap
        var exact = NearestOwners(count: count)
        descriptor.values.withUnsafeBufferPointer { query in
            references.withUnsafeBufferPointer { rows in
                for (r, lower) in bounds.lower.enumerated() where lower <= cap {
                    var squared: Float = 0
                    squaredDistances(from: query.baseAddress!, to: rows.baseAddress! + r * dimension, rowCount: 1,
                                     dimension: dimension, into: &squared)
                    exact.offer(owners[r], squared)
                }
            }
        }
        return exact.best.map { NearestMember(member: members[Int($0.owner)], distance: $0.value.squareRoot()) }
    }
}

/// The `count` smallest values offered among distinct owners (each at its smallest), smallest
/// first. `count` is small, so a sorted array suffices; most offers fail the first comparison.
private struct NearestOwners {
    let count: Int
    private(set) var best = [(owner: Int32, value: Float)]()

    init(count: Int) {
        self.count = count
        best.reserveCapacity(count + 1)
    }

    /// The largest value that can still enter: the `count`-th best, or infinity while fewer
    /// owners have been offered.
    var cap: Float { best.count < count ? .infinity : best[best.count - 1].value }

    mutating func offer(_ owner: Int32, _ value: Float) {
        guard value < cap else { return }
        if let existing = best.firstIndex(where: { $0.owner == owner }) {
            guard value < best[existing].value else { return }
            best.remove(at: existing)
        } else if best.count == count {
            best.removeLast()
        }
        let position = best.firstIndex { value < $0.value } ?? best.count
        best.insert((owner, value), at: position)
    }
}
