import Faces
import Foundation
import FootfallCore
import Hummingbird

/// `/api/v1/members`: the site's members for staff software and the pages (admin keys):
/// list and search, add, change, delete (everything of theirs), and photos, each judged by the
/// enrolment gates with its verdict.
struct MemberRoutes {
    let service: FootfallService

    struct MemberBody: Decodable {
        var name: String?
        var externalID: String?
        var status: Member.Status?
        var expiresAt: Date?
        var role: Member.Role?
        enum CodingKeys: String, CodingKey {
            case name, externalID = "external_id", status, expiresAt = "expires_at", role
        }
    }

    struct MemberList: Encodable { var members: [MemberJSON] }

    struct MemberDetail: Encodable {
        var member: MemberJSON
        var samples: [SampleJSON]
    }

    struct PhotoVerdict: Encodable {
        var accepted: Bool
        var sample: SampleJSON?
        var refusal: String?
        var lookAlike: String?
        enum CodingKeys: String, CodingKey { case accepted, sample, refusal, lookAlike = "look_alike" }
    }

    func add(to router: Router<FootfallRequestContext>) {
        let group = router.group("api/v1/members").add(middleware: APIKeyAuthentication(store: service.store, roles: [.admin]))

        group.get { request, _ -> Response in
            var members = try await service.store.members()
            if let search = request.uri.queryParameters["search"], !search.isEmpty {
                members = members.filter { $0.name.localizedCaseInsensitiveContains(search) || $0.externalID?.localizedCaseInsensitiveContains(search) == true }
            }
            let counts = try await sampleCounts()
            return try JSONResponse.make(MemberList(members: members.map { MemberJSON($0, samples: counts[$0.id] ?? 0) }))
        }

        group.post { request, context -> Response in
            let body = try await request.decode(as: MemberBody.self, context: context)
            guard let name = body.name else { throw APIError(.badRequest, "missing field `name`") }
            let member = try Member(name: name, externalID: body.externalID, status: body.status ?? .active, expiresAt: body.expiresAt,
                                    role: body.role ?? .member, consentAt: Date())
            try await service.store.enrol(member, samples: [], by: context.actor)
            return try JSONResponse.make(MemberJSON(member, samples: 0), status: .created)
        }

        group.get(":member") { _, context -> Response in
            let member = try await self.member(context)
            let samples = try await service.store.samples(ofMember: member.id)
            return try JSONResponse.make(MemberDetail(member: MemberJSON(member, samples: samples.count), samples: samples.map(SampleJSON.init)))
        }

        group.patch(":member") { request, context -> Response in
            var member = try await self.member(context)
            let body = try await request.decode(as: MemberBody.self, context: context)
            if let name = body.name { try member.rename(to: name) }
            if let externalID = body.externalID { try member.setExternalID(externalID.isEmpty ? nil : externalID) }
            if let status = body.status { member.status = status }
            if let expiresAt = body.expiresAt { member.expiresAt = expiresAt }
            if let role = body.role { member.role = role }
            member.updatedAt = Date()
            try await service.store.update(member, by: context.actor)
            try await service.gallery.refresh()
            return try JSONResponse.make(MemberJSON(member, samples: try await service.store.samples(ofMember: member.id).count))
        }

        group.delete(":member") { _, context -> Response in
            let member = try await self.member(context)
            try await service.store.removeMember(id: member.id, by: context.actor)
            try await service.gallery.refresh()
            return try JSONResponse.make(["deleted": member.id.uuidString.lowercased()])
        }

        group.post(":member/photos") { request, context -> Response in
            let member = try await self.member(context)
            let photo = try await UploadedImages.read(request, context: context).image("file")
            let enrolment = service.enrolment
            let judged = try await service.pool.run {
                enrolment.sample(from: photo, name: "the uploaded photo", memberID: member.id, source: .photo)
            }
            switch judged {
            case let .failure(refusal):
                return try JSONResponse.make(PhotoVerdict(accepted: false, refusal: "\(refusal)"), status: .unprocessableContent)
            case let .success(sample):
                let others = await service.gallery.current.nearestMembers(to: sample.descriptor, count: 2)
                let lookAlike = others.first { $0.member.id != member.id && $0.distance <= MatchThreshold.default(for: service.embedding) }
                try await service.store.enrol(member, samples: [sample], by: context.actor)
                try await service.gallery.refresh()
                return try JSONResponse.make(PhotoVerdict(accepted: true, sample: SampleJSON(sample), lookAlike: lookAlike?.member.name),
                                             status: .created)
            }
        }
    }

    private func member(_ context: FootfallRequestContext) async throws -> Member {
        let key = try context.parameters.require("member")
        guard let id = UUID(uuidString: key), let member = try await service.store.member(id: id) else {
            throw APIError(.notFound, "no member \(key.debugDescription)")
        }
        return member
    }

    private func sampleCounts() async throws -> [UUID: Int] {
        var counts = [UUID: Int]()
        for sample in try await service.store.gallerySamples(embedding: service.embedding) { counts[sample.member.id, default: 0] += 1 }
        return counts
    }
}
