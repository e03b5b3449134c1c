import Faces
import Foundation
import Imaging

/// Enrolling a member from photos: each photo's subject is described and judged by the gates,
/// and the accepted faces are stored with the member in one transaction, so an interrupted
/// enrolment leaves the member either complete or absent.
public struct PhotoEnrolment: Sendable {
    public var pipeline: FacePipeline
    public var gates: EnrolmentGates
    /// Test-time augmentation of stored samples: a sample is described once, so it can afford
    /// the jitters a kiosk frame cannot.
    public var augmentation: Augmentation
    /// How long uploaded photos are kept beside their samples; nil (the default): not at all.
    public var photoRetention: TimeInterval?

    public init(pipeline: FacePipeline, gates: EnrolmentGates = EnrolmentGates(), augmentation: Augmentation = .none,
                photoRetention: TimeInterval? = nil) {
        self.pipeline = pipeline
        self.gates = gates
        self.augmentation = augmentation
        self.photoRetention = photoRetention
    }

    public var embedding: String { pipeline.embedder.signature.model }

    /// One photo's fate.
    public struct PhotoOutcome: Sendable {
        /// The file path or upload name.
        public var source: String
        public var result: Result<FaceSample, EnrolmentRefusal>
        /// Another member this face is already close to: a second enrolment of one person, or a
        /// look-alike the door may confuse.
        public var lookAlike: MemberGallery.NearestMember?
    }

    /// Judges one photo (encoded bytes, as uploaded or read from a file) for `memberID`. Runs
    /// the networks: call it on a ``ComputePool`` thread.
    public func sample(from data: Data, name: String, memberID: UUID, source: FaceSample.Source,
                       now: Date = Date()) -> Result<FaceSample, EnrolmentRefusal> {
        let image: Image
        do { image = try Image(data: data, name: name) } catch { return .failure(.unreadable("\(error)")) }
        let chosen: ChosenFace?
        do {
            chosen = try pipeline.describeOneFace(in: image, options: DescriptionOptions(selection: .subject, augmentation: augmentation))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
        return gates.judge(chosen, in: image).map { accepted in
            FaceSample(memberID: memberID, descriptor: accepted.face.descriptor, embedding: embedding,
                       quality: accepted.quality, source: source,
                       photo: photoRetention == nil ? nil : data,
                       photoExpiresAt: photoRetention.map { now.addingTimeInterval($0) }, createdAt: now)
        }
    }

    /// Judges `photos` (files) and stores the member with every accepted sample. A new member
    /// with no accepted photo is not stored (``EnrolmentError/noAcceptedPhoto``); an existing one
    /// keeps the samples it had.
    public func enrol(_ member: Member, photos: [String], into store: any Store, on pool: ComputePool,
                      by actor: String,
                      progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> [PhotoOutcome] {
        let id = member.id
        let judged = await pool.map(photos, progress: progress) { path -> Result<FaceSample, EnrolmentRefusal> in
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(.unreadable("cannot read \(path)"))
            }
            return self.sample(from: data, name: path, memberID: id, source: .photo)
        }
        let others = try await store.gallerySamples(embedding: embedding).filter { $0.member.id != id }
        let gallery = try MemberGallery(samples: others, embedding: embedding,
                                        threshold: MatchThreshold.default(for: embedding))
        var outcomes = [PhotoOutcome]()
        for (path, outer) in zip(photos, judged) {
            let result: Result<FaceSample, EnrolmentRefusal>
            switch outer {
            case let .success(inner): result = inner
            case let .failure(error): result = .failure(.unreadable("\(error)"))
            }
            var lookAlike: MemberGallery.NearestMember?
            if case let .success(sample) = result, case let .member(other, distance) = gallery.recognise(sample.descriptor) {
                lookAlike = MemberGallery.NearestMember(member: other, distance: distance)
            }
            outcomes.append(PhotoOutcome(source: path, result: result, lookAlike: lookAlike))
        }
        let samples = outcomes.compactMap { try? $0.result.get() }
        let existing = try await store.member(id: id)
        guard !samples.isEmpty || existing != nil else { throw EnrolmentError.noAcceptedPhoto(name: member.name, outcomes: outcomes) }
        if !samples.isEmpty { try await store.enrol(existing ?? member, samples: samples, by: actor) }
        return outcomes
    }
}

public enum EnrolmentError: Error, CustomStringConvertible {
    case noAcceptedPhoto(name: String, outcomes: [PhotoEnrolment.PhotoOutcome])

    public var description: String {
        switch self {
        case let .noAcceptedPhoto(name, outcomes):
            "\(name) was not enrolled: none of the \(outcomes.count) photos was accepted"
        }
    }
}
