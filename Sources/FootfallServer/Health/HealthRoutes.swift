import FootfallCore
import Hummingbird

/// `GET /health`: 200 while the store answers, 503 when it does not; for load balancers and
/// service managers, so it needs no key and says nothing private.
struct HealthRoutes {
    let service: FootfallService

    struct Health: ResponseCodable {
        var status: String
        var members: Int
        var embedding: String
    }

    func add(to router: Router<FootfallRequestContext>) {
        router.get("/health") { _, _ -> Response in
            do {
                let gallery = await service.gallery.current
                _ = try await service.store.galleryGeneration()
                let body = Health(status: "ok", members: gallery.members.count, embedding: service.embedding)
                return try JSONResponse.make(body, status: .ok)
            } catch {
                return try JSONResponse.make(Health(status: "store unavailable", members: 0, embedding: service.embedding),
                                             status: .serviceUnavailable)
            }
        }
    }
}
