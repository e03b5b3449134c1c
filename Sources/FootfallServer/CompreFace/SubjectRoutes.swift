import Foundation
import FootfallCore
import Hummingbird

/// `/api/v1/recognition/subjects`: CompreFace's subjects, which are the site's members.
struct SubjectRoutes {
    let service: FootfallService

    struct SubjectBody: Codable { var subject: String? }
    struct SubjectsList: Encodable { var subjects: [String] }
    struct Updated: Encodable { var updated: Bool }
    struct Deleted: Encodable { var deleted: Int }

    func add(to group: RouterGroup<FootfallRequestContext>) {
        let directory = SubjectDirectory(store: service.store)

        group.post("subjects") { request, context -> Response in
            let name = try SubjectDirectory.checkedName(try await request.decode(as: SubjectBody.self, context: context).subject)
            guard try await directory.member(named: name) == nil else {
                throw APIError(.badRequest, "Subject already exists", code: CompreFaceCode.subjectExists)
            }
            try await service.store.enrol(try Member(name: name, consentAt: Date()), samples: [], by: context.actor)
            return try JSONResponse.make(SubjectBody(subject: name), status: .created)
        }

        group.get("subjects") { _, _ -> Response in
            try JSONResponse.make(SubjectsList(subjects: try await service.store.members().map(\.name)))
        }

        group.put("subjects/:subject") { request, context -> Response in
            let old = try await directory.existing(try SubjectDirectory.pathSubject(context))
            let newName = try SubjectDirectory.checkedName(try await request.decode(as: SubjectBody.self, context: context).subject)
            guard newName != old.name else { return try JSONResponse.make(Updated(updated: false)) }
            if let target = try await directory.member(named: newName), target.id != old.id {
                // CompreFace merges into the existing subject. Copy first, then delete: an
                // interruption leaves the samples twice, never lost.
                let moved = try await service.store.samples(ofMember: old.id).map { sample in
                    var sample = sample
                    sample.id = UUID()
                    sample.memberID = target.id
                    return sample
                }
                try await service.store.enrol(target, samples: moved, by: context.actor)
                try await service.store.removeMember(id: old.id, by: context.actor)
            } else {
                var renamed = old
                try renamed.rename(to: newName)
                try await service.store.update(renamed, by: context.actor)
            }
            try await service.gallery.refresh()
            return try JSONResponse.make(Updated(updated: true))
        }

        group.delete("subjects/:subject") { _, context -> Response in
            let member = try await directory.existing(try SubjectDirectory.pathSubject(context))
            try await service.store.removeMember(id: member.id, by: context.actor)
            try await service.gallery.refresh()
            return try JSONResponse.make(SubjectBody(subject: member.name))
        }

        group.delete("subjects") { _, context -> Response in
            var deleted = 0
            for member in try await service.store.members() where try await service.store.removeMember(id: member.id, by: context.actor) {
                deleted += 1
            }
            try await service.gallery.refresh()
            return try JSONResponse.make(Deleted(deleted: deleted))
        }
    }
}
