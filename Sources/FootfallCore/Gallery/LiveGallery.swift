import Faces
import Foundation

/// The gallery a door recognises from, kept current: rebuilt from the store whenever the store's
/// gallery generation moves (a member enrolled, suspended or deleted, here or on another node),
/// and recalibrated on the members each time (``SiteCalibration``).
///
///     let live = try await LiveGallery(store: store, site: site, embedding: model)
///     let watching = Task { await live.follow() }   // until cancelled
///     let answer = await live.current.recognise(descriptor)
public actor LiveGallery {
    public let store: any Store
    public let siteID: UUID
    public let embedding: String
    public private(set) var current: MemberGallery

    public init(store: any Store, site: Site, embedding: String) async throws {
        self.store = store
        self.siteID = site.id
        self.embedding = embedding
        current = try await Self.build(store: store, siteID: site.id, embedding: embedding)
    }

    /// Rebuilds now if the store has moved on since the current gallery was built.
    public func refresh() async throws {
        let generation = try await store.galleryGeneration()
        guard generation != current.generation else { return }
        current = try await Self.build(store: store, siteID: siteID, embedding: embedding)
    }

    /// Follows the store's changes until the calling task is cancelled. A failed rebuild keeps
    /// the previous gallery (the door keeps working) and is retried on the next change.
    public func follow() async {
        for await _ in store.galleryChanges(after: current.generation) {
            try? await refresh()
        }
    }

    private static func build(store: any Store, siteID: UUID, embedding: String) async throws -> MemberGallery {
        // The generation is read first: a change during the build moves it again, so the next
        // refresh sees it and nothing is missed.
        let generation = try await store.galleryGeneration()
        let site = try await store.sites().first { $0.id == siteID }
        let samples = try await store.gallerySamples(embedding: embedding)
        let gallery = try MemberGallery(samples: samples, embedding: embedding, strategy: site?.enrolment ?? .all,
                                        threshold: MatchThreshold.default(for: embedding), generation: generation)
        return try SiteCalibration.calibrated(gallery, samples: samples, site: site)
    }
}
