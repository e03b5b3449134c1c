import Faces
import Foundation
import FootfallCore
import Hummingbird

/// CompreFace's detection and verification services: `/api/v1/detection/detect`,
/// `/api/v1/verification/verify` and `/api/v1/verification/embeddings/verify`.
struct DetectionVerificationRoutes {
    let service: FootfallService

    struct Verification: Encodable {
        var sourceImageFace: FaceResultJSON
        var faceMatches: [FaceResultJSON]
        var pluginsVersions: [String: String]?
        enum CodingKeys: String, CodingKey {
            case sourceImageFace = "source_image_face", faceMatches = "face_matches", pluginsVersions = "plugins_versions"
        }
    }

    struct EmbeddingsVerifyBody: Decodable {
        var source: [Float]?
        var targets: [[Float]]?
    }

    func addDetection(to group: RouterGroup<FootfallRequestContext>) {
        let finder = FaceFinder(service: service)
        group.post("detect") { request, context -> Response in
            let query = try FaceQuery(request)
            let photo = try await UploadedImages.read(request, context: context).image("file")
            let faces = try await finder.faces(in: photo, query: query, describe: query.plugins.contains("calculator"))
            return try JSONResponse.make(RecognitionRoutes.Results(result: faces.map { FaceResultJSON($0, options: query) },
                                                                   pluginsVersions: query.status ? finder.pluginVersions : nil))
        }
    }

    func addVerification(to group: RouterGroup<FootfallRequestContext>) {
        let finder = FaceFinder(service: service)
        group.post("verify") { request, context -> Response in
            let query = try FaceQuery(request)
            let images = try await UploadedImages.read(request, context: context)
            let source = try await finder.faces(in: try images.image("source_image"), query: query, describe: true)
            guard source.count == 1 else {
                throw APIError(.badRequest, "More than one face in the source image", code: CompreFaceCode.severalFaces)
            }
            let targets = try await finder.faces(in: try images.image("target_image"), query: query, describe: true)
            let threshold = await service.gallery.current.threshold
            let matches = targets.map { face in
                var json = FaceResultJSON(face, options: query)
                json.similarity = Similarity.of(distance: face.descriptor!.distance(to: source[0].descriptor!), threshold: threshold)
                return json
            }
            let verification = Verification(sourceImageFace: FaceResultJSON(source[0], options: query), faceMatches: matches,
                                            pluginsVersions: query.status ? finder.pluginVersions : nil)
            return try JSONResponse.make(RecognitionRoutes.Results(result: [verification], pluginsVersions: nil))
        }

        group.post("embeddings/verify") { request, context -> Response in
            let body = try await request.decode(as: EmbeddingsVerifyBody.self, context: context)
            guard let source = body.source, !source.isEmpty else {
                throw APIError(.badRequest, "Field source cannot be empty", code: CompreFaceCode.emptyField)
            }
            guard let targets = body.targets, !targets.isEmpty else {
                throw APIError(.badRequest, "2 embeddings were expected, but 1 were provided", code: CompreFaceCode.wrongEmbeddingCount)
            }
            let gallery = await service.gallery.current
            let dimension = gallery.dimension > 0 ? gallery.dimension : service.pipeline.embedder.signature.dimension
            try RecognitionRoutes.checkDimensions([source] + targets, dimension: dimension)
            let result = targets.map { values in
                RecognitionRoutes.EmbeddingSimilarity(
                    embedding: values,
                    similarity: Similarity.of(distance: FaceDescriptor(values).distance(to: FaceDescriptor(source)), threshold: gallery.threshold))
            }.sorted { $0.similarity > $1.similarity }
            return try JSONResponse.make(RecognitionRoutes.Results(result: result, pluginsVersions: nil))
        }
    }
}
