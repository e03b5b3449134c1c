import Faces
import Foundation
import FootfallCore
import Logging

/// Everything the routes share, built once when the server starts: the store, the site it
/// serves, the networks (loaded once), the threads they run on, and the gallery the door
/// recognises from (kept current by ``LiveGallery``).
public final class FootfallService: Sendable {
    public let store: any Store
    public let site: Site
    public let pipeline: FacePipeline
    public let pool: ComputePool
    public let gallery: LiveGallery
    public let enrolment: PhotoEnrolment
    public let sessions = Sessions()
    public let throttle = LoginThrottle()
    /// Set while the store has no users: the token of the set-up page `serve` prints.
    public let firstRun: FirstRun

    public init(store: any Store, site: Site, pipeline: FacePipeline, pool: ComputePool = .shared,
                enrolment: PhotoEnrolment? = nil) async throws {
        self.store = store
        self.site = site
        self.pipeline = pipeline
        self.pool = pool
        self.enrolment = enrolment ?? PhotoEnrolment(pipeline: pipeline)
        gallery = try await LiveGallery(store: store, site: site, embedding: pipeline.embedder.signature.model)
        firstRun = FirstRun(needed: try await store.users().isEmpty)
    }

    /// The embedding every sample of this server is described with.
    public var embedding: String { pipeline.embedder.signature.model }
}
