import Faces
import Foundation
import FootfallCore
import Hummingbird

/// `/api/v1/unknown-visitors`: the inbox of faces the door did not know (admin keys). Naming a
/// visitor as a member adds the visitor's descriptors to the member's samples, and the gallery
/// (and the site's calibration) is rebuilt at once: the door knows them from the next frame.
/// This is how staff correct the door, the "retrain for local accuracy" of the seed system.
struct UnknownVisitorRoutes {
    let service: FootfallService

    struct VisitorJSON: Encodable {
        var id: UUID
        var firstSeen: Date, lastSeen: Date
        var visitCount: Int
        var faces: Int
        enum CodingKeys: String, CodingKey {
            case id, firstSeen = "first_seen", lastSeen = "last_seen", visitCount = "visit_count", faces
        }
    }

    struct Visitors: Encodable { var visitors: [VisitorJSON] }
    struct NameBody: Decodable {
        var memberID: UUID?
        enum CodingKeys: String, CodingKey { case memberID = "member_id" }
    }

    struct PromoteBody: Decodable {
        var name: String?
        var externalID: String?
        enum CodingKeys: String, CodingKey { case name, externalID = "external_id" }
    }

    func add(to router: Router<FootfallRequestContext>) {
        let group = router.group("api/v1/unknown-visitors").add(middleware: APIKeyAuthentication(store: service.store, roles: [.admin]))

        group.get { _, _ -> Response in
            let inbox = try await service.store.unknownVisitors().filter { $0.memberID == nil }.sorted { $0.lastSeen > $1.lastSeen }
            return try JSONResponse.make(Visitors(visitors: inbox.map {
                VisitorJSON(id: $0.id, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen, visitCount: $0.visitCount, faces: $0.descriptors.count)
            }))
        }

        group.post(":visitor/name") { request, context -> Response in
            let visitor = try await self.visitor(context)
            guard let memberID = try await request.decode(as: NameBody.self, context: context).memberID,
                  let member = try await service.store.member(id: memberID) else {
                throw APIError(.badRequest, "give `member_id`, the id of an existing member")
            }
            _ = try await adopt(visitor, as: member, by: context.actor)
            return try JSONResponse.make(MemberJSON(member, samples: try await service.store.samples(ofMember: member.id).count))
        }

        group.post(":visitor/promote") { request, context -> Response in
            let visitor = try await self.visitor(context)
            let body = try await request.decode(as: PromoteBody.self, context: context)
            guard let name = body.name else { throw APIError(.badRequest, "missing field `name`") }
            let member = try Member(name: name, externalID: body.externalID, consentAt: Date())
            let added = try await adopt(visitor, as: member, by: context.actor)
            return try JSONResponse.make(MemberJSON(member, samples: added), status: .created)
        }

        group.delete(":visitor") { _, context -> Response in
            let visitor = try await self.visitor(context)
            try await service.store.removeUnknownVisitor(id: visitor.id, by: context.actor)
            return try JSONResponse.make(["dismissed": visitor.id.uuidString.lowercased()])
        }
    }

    /// Stores the visitor's faces as the member's samples (creating the member if new), links
    /// the visitor to them so it leaves the inbox, and rebuilds the gallery. Returns the count.
    private func adopt(_ visitor: UnknownVisitor, as member: Member, by actor: String) async throws -> Int {
        guard visitor.embedding == service.embedding else {
            throw APIError(.badRequest, "this visitor was described by \(visitor.embedding), the server uses \(service.embedding)")
        }
        // Kiosk frames keep no quality figures; zeros say "not measured".
        let unmeasured = SampleQuality(faceWidth: 0, sharpness: 0, yaw: 0, confidence: 0)
        let samples = visitor.descriptors.map {
            FaceSample(memberID: member.id, descriptor: $0, embedding: visitor.embedding, quality: unmeasured, source: .unknownVisitor)
        }
        try await service.store.enrol(member, samples: samples, by: actor)
        var linked = visitor
        linked.memberID = member.id
        try await service.store.save(linked)
        try await service.gallery.refresh()
        return samples.count
    }

    private func visitor(_ context: FootfallRequestContext) async throws -> UnknownVisitor {
        let key = try context.parameters.require("visitor")
        guard let id = UUID(uuidString: key), let visitor = try await service.store.unknownVisitors().first(where: { $0.id == id }) else {
            throw APIError(.notFound, "no unknown visitor \(key.debugDescription)")
        }
        return visitor
    }
}
