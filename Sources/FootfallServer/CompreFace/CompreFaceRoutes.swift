import FootfallCore
import Hummingbird

/// CompreFace's REST API on the site's members, so its clients and SDKs work unchanged: the
/// recognition service (subjects, face examples, recognize, verify), detection and
/// verification, each behind an `x-api-key` of role `recognition` or `admin`.
///
/// Where Footfall differs on purpose: credentials are refused with 401/403 (CompreFace: 400/404,
/// with the same codes 20 and 10); a key serves all three services; examples pass the
/// enrolment gates; recognition offers only members within the site's threshold.
struct CompreFaceRoutes {
    let service: FootfallService

    func add(to router: Router<FootfallRequestContext>) {
        let authentication = APIKeyAuthentication(store: service.store, roles: [.admin, .recognition])
        let recognition = router.group("api/v1/recognition").add(middleware: authentication)
        SubjectRoutes(service: service).add(to: recognition)
        FaceExampleRoutes(service: service).add(to: recognition)
        RecognitionRoutes(service: service).add(to: recognition)
        let routes = DetectionVerificationRoutes(service: service)
        routes.addDetection(to: router.group("api/v1/detection").add(middleware: authentication))
        routes.addVerification(to: router.group("api/v1/verification").add(middleware: authentication))
    }
}
