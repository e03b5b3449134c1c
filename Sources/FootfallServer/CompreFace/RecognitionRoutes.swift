import Faces
import Foundation
import FootfallCore
import Hummingbird

/// `/api/v1/recognition/recognize` and the verify-against-an-example endpoints, images and
/// embeddings: the gallery's answers in CompreFace's shapes (``Similarity`` for the scale).
struct RecognitionRoutes {
    let service: FootfallService

    struct Results<Item: Encodable>: Encodable {
        var result: [Item]
        var pluginsVersions: [String: String]?
        enum CodingKeys: String, CodingKey { case result, pluginsVersions = "plugins_versions" }
    }

    struct EmbeddingsBody: Decodable { var embeddings: [[Float]]? }

    struct EmbeddingCandidates: Encodable {
        var embedding: [Float]
        var similarities: [SubjectSimilarityJSON]
    }

    struct EmbeddingSimilarity: Encodable {
        var embedding: [Float]
        var similarity: Double
    }

    func add(to group: RouterGroup<FootfallRequestContext>) {
        let finder = FaceFinder(service: service)

        group.post("recognize") { request, context -> Response in
            let query = try FaceQuery(request)
            let photo = try await UploadedImages.read(request, context: context).image("file")
            let faces = try await finder.faces(in: photo, query: query, describe: true)
            let gallery = await service.gallery.current
            let result = faces.map { face in
                var json = FaceResultJSON(face, options: query)
                json.subjects = Self.candidates(for: face.descriptor!, in: gallery, count: query.predictionCount)
                return json
            }
            return try JSONResponse.make(Results(result: result, pluginsVersions: query.status ? finder.pluginVersions : nil))
        }

        group.post("faces/:image_id/verify") { request, context -> Response in
            let query = try FaceQuery(request)
            let (example, subject) = try await self.example(context)
            let photo = try await UploadedImages.read(request, context: context).image("file")
            let faces = try await finder.faces(in: photo, query: query, describe: true)
            let threshold = await service.gallery.current.threshold
            let result = faces.map { face in
                var json = FaceResultJSON(face, options: query)
                json.subject = subject
                json.similarity = Similarity.of(distance: face.descriptor!.distance(to: example.descriptor), threshold: threshold)
                return json
            }
            return try JSONResponse.make(Results(result: result, pluginsVersions: query.status ? finder.pluginVersions : nil))
        }

        group.post("embeddings/recognize") { request, context -> Response in
            let query = try FaceQuery(request)
            let gallery = await service.gallery.current
            let dimension = gallery.dimension > 0 ? gallery.dimension : service.pipeline.embedder.signature.dimension
            let embeddings = try await Self.embeddings(request, context: context, dimension: dimension)
            let result = embeddings.map { values in
                EmbeddingCandidates(embedding: values,
                                    similarities: Self.candidates(for: FaceDescriptor(values), in: gallery, count: query.predictionCount))
            }
            return try JSONResponse.make(Results(result: result, pluginsVersions: nil))
        }

        group.post("embeddings/faces/:image_id/verify") { request, context -> Response in
            let (example, _) = try await self.example(context)
            let threshold = await service.gallery.current.threshold
            let embeddings = try await Self.embeddings(request, context: context, dimension: example.descriptor.count)
            let result = embeddings.map { values in
                EmbeddingSimilarity(embedding: values,
                                    similarity: Similarity.of(distance: FaceDescriptor(values).distance(to: example.descriptor), threshold: threshold))
            }.sorted { $0.similarity > $1.similarity }
            return try JSONResponse.make(Results(result: result, pluginsVersions: nil))
        }
    }

    /// The members the gallery would name, most similar first: nobody beyond the threshold.
    static func candidates(for descriptor: FaceDescriptor, in gallery: MemberGallery, count: Int) -> [SubjectSimilarityJSON] {
        gallery.nearestMembers(to: descriptor, count: count)
            .filter { $0.distance <= gallery.threshold }
            .map { SubjectSimilarityJSON(subject: $0.member.name, similarity: Similarity.of(distance: $0.distance, threshold: gallery.threshold)) }
    }

    /// The stored example `image_id` names and its subject; 404 code 44 when there is none, and
    /// 400 when it was described by another embedder than this server's.
    private func example(_ context: FootfallRequestContext) async throws -> (FaceSample, String) {
        let id = try FaceExampleRoutes.imageID(context)
        guard let sample = try await service.store.sample(id: id), let member = try await service.store.member(id: sample.memberID) else {
            throw APIError(.notFound, "Image \(id.uuidString.lowercased()) not found", code: CompreFaceCode.imageNotFound)
        }
        guard sample.embedding == service.embedding else {
            throw APIError(.badRequest, "image \(id.uuidString.lowercased()) was described by \(sample.embedding), this server uses \(service.embedding)",
                           code: CompreFaceCode.badRequest)
        }
        return (sample, member.name)
    }

    /// `{"embeddings": [[…], …]}`, each of `dimension` values.
    static func embeddings(_ request: Request, context: FootfallRequestContext, dimension: Int) async throws -> [[Float]] {
        let embeddings = try await request.decode(as: EmbeddingsBody.self, context: context).embeddings ?? []
        guard !embeddings.isEmpty else { throw APIError(.badRequest, "Field embeddings cannot be empty", code: CompreFaceCode.emptyField) }
        try checkDimensions(embeddings, dimension: dimension)
        return embeddings
    }

    static func checkDimensions(_ embeddings: [[Float]], dimension: Int) throws {
        if let wrong = embeddings.first(where: { $0.count != dimension || $0.contains { !$0.isFinite } }) {
            throw APIError(.badRequest, "an embedding has \(wrong.count) values (or a non-finite one); this server's have \(dimension)",
                           code: CompreFaceCode.badRequest)
        }
    }
}
