import Faces
import Foundation
import FootfallCore
import Hummingbird

/// `/api/v1/recognition/faces`: CompreFace's face examples, which are members' face samples.
/// An example is judged by the enrolment gates like any sample: a face too small, blurred or
/// turned away is refused with the reason (code 100), where CompreFace would keep it.
struct FaceExampleRoutes {
    let service: FootfallService

    struct Example: Codable, Equatable {
        var imageID: String
        var subject: String
        enum CodingKeys: String, CodingKey { case imageID = "image_id", subject }
    }

    struct Page: Encodable {
        var faces: [Example]
        var pageNumber: Int, pageSize: Int, totalPages: Int, totalElements: Int
        enum CodingKeys: String, CodingKey {
            case faces, pageNumber = "page_number", pageSize = "page_size", totalPages = "total_pages", totalElements = "total_elements"
        }
    }

    func add(to group: RouterGroup<FootfallRequestContext>) {
        let directory = SubjectDirectory(store: service.store)

        group.post("faces") { request, context -> Response in
            guard let given = request.uri.queryParameters["subject"] else {
                throw APIError(.badRequest, "Required parameter subject is missing", code: CompreFaceCode.missingParameter)
            }
            let name = try SubjectDirectory.checkedName(String(given))
            let photo = try await UploadedImages.read(request, context: context).image("file")
            let member = try await directory.member(named: name) ?? Member(name: name, consentAt: Date())
            let enrolment = service.enrolment
            let judged = try await service.pool.run {
                enrolment.sample(from: photo, name: "the uploaded image", memberID: member.id, source: .photo)
            }
            let sample = try judged.mapError(Self.apiError).get()
            try await service.store.enrol(member, samples: [sample], by: context.actor)
            try await service.gallery.refresh()
            return try JSONResponse.make(Example(imageID: sample.id.uuidString.lowercased(), subject: name), status: .created)
        }

        group.get("faces") { request, _ -> Response in
            let query = request.uri.queryParameters
            let page = max(0, Int(query["page"] ?? "") ?? 0), size = max(1, min(1000, Int(query["size"] ?? "") ?? 20))
            var examples = try await service.store.gallerySamples(embedding: service.embedding)
                .map { Example(imageID: $0.sampleID.uuidString.lowercased(), subject: $0.member.name) }
                .sorted { ($0.subject.lowercased(), $0.imageID) < ($1.subject.lowercased(), $1.imageID) }
            if let subject = query["subject"], !subject.isEmpty {
                examples = examples.filter { $0.subject.caseInsensitiveCompare(String(subject)) == .orderedSame }
            }
            let slice = examples.dropFirst(page * size).prefix(size)
            return try JSONResponse.make(Page(faces: Array(slice), pageNumber: page, pageSize: size,
                                              totalPages: (examples.count + size - 1) / size, totalElements: examples.count))
        }

        group.delete("faces") { request, context -> Response in
            var members = try await service.store.members()
            if let subject = request.uri.queryParameters["subject"], !subject.isEmpty {
                members = members.filter { $0.name.caseInsensitiveCompare(String(subject)) == .orderedSame }
            }
            var deleted = 0
            for member in members {
                for sample in try await service.store.samples(ofMember: member.id)
                where try await service.store.removeSample(id: sample.id, by: context.actor) {
                    deleted += 1
                }
            }
            try await service.gallery.refresh()
            return try JSONResponse.make(SubjectRoutes.Deleted(deleted: deleted))
        }

        group.delete("faces/:image_id") { _, context -> Response in
            guard let removed = try await remove(try Self.imageID(context), by: context.actor) else {
                throw APIError(.notFound, "Image \(try context.parameters.require("image_id")) not found", code: CompreFaceCode.imageNotFound)
            }
            try await service.gallery.refresh()
            return try JSONResponse.make(removed)
        }

        group.post("faces/delete") { request, context -> Response in
            let ids = try await request.decode(as: [String].self, context: context)
            var removed = [Example]()
            for id in ids.compactMap(UUID.init(uuidString:)) {
                if let example = try await remove(id, by: context.actor) { removed.append(example) }
            }
            try await service.gallery.refresh()
            return try JSONResponse.make(removed)
        }

        group.get("faces/:image_id/img") { _, context -> Response in
            // CompreFace answers an image it does not have with an empty 200; photos are kept
            // only when the operator turned them on.
            let photo = try await service.store.sample(id: try Self.imageID(context))?.photo ?? Data()
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: photo)))
        }
    }

    private func remove(_ id: UUID, by actor: String) async throws -> Example? {
        guard let sample = try await service.store.sample(id: id),
              let member = try await service.store.member(id: sample.memberID),
              try await service.store.removeSample(id: id, by: actor) else { return nil }
        return Example(imageID: id.uuidString.lowercased(), subject: member.name)
    }

    static func imageID(_ context: FootfallRequestContext) throws -> UUID {
        let raw = try context.parameters.require("image_id")
        guard let id = UUID(uuidString: raw) else {
            throw APIError(.notFound, "Image Id is not valid", code: CompreFaceCode.imageNotFound)
        }
        return id
    }

    /// The gates' refusals in CompreFace's terms where it has them.
    static func apiError(_ refusal: EnrolmentRefusal) -> APIError {
        switch refusal {
        case .noFace: APIError(.badRequest, "No face is found in the given image", code: CompreFaceCode.noFace)
        case .ambiguousSubject: APIError(.badRequest, "More than one face in the source image: \(refusal)", code: CompreFaceCode.severalFaces)
        case .unreadable: APIError(.badRequest, "\(refusal)", code: CompreFaceCode.badImage)
        case .faceTooSmall, .blurred, .notFrontal: APIError(.badRequest, "the face was refused as a sample: \(refusal)", code: CompreFaceCode.refusedSample)
        }
    }
}
