import Foundation
import Hummingbird
import MultipartKit

/// The images a request carries, by field name, in either of CompreFace's two forms: parts of a
/// `multipart/form-data` body (`file`, or `source_image` and `target_image`), or a JSON object
/// whose fields hold base64 (a `data:image/...;base64,` prefix is allowed).
///
/// The body is read up to the context's upload limit (413 past it) and nothing is decoded as an
/// image here: ``FaceRequests`` does that, with the decoder's own size limits.
struct UploadedImages {
    private(set) var fields: [String: Data]
    /// Every part of a multipart body in order, also several of one name (`photos` of a form
    /// with `<input type=file multiple>`), with the file names browsers send.
    private(set) var parts: [(name: String, fileName: String?, data: Data)] = []

    static func read(_ request: Request, context: some RequestContext) async throws -> UploadedImages {
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        switch mediaType {
        case "multipart/form-data":
            return try UploadedImages(multipart: body, contentType: contentType)
        case "application/json":
            return try UploadedImages(json: Data(buffer: body))
        case "image/jpeg", "image/png", "application/octet-stream":
            return UploadedImages(fields: ["file": Data(buffer: body)])
        default:
            throw APIError(.unsupportedMediaType,
                           "send the image as multipart/form-data (field `file`) or as JSON with base64 (`{\"file\": \"...\"}`), not \(mediaType.isEmpty ? "no content type" : mediaType)",
                           code: CompreFaceCode.badRequest)
        }
    }

    private init(fields: [String: Data]) {
        self.fields = fields
    }

    private init(multipart body: ByteBuffer, contentType: String) throws {
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 200 else {
            throw APIError(.badRequest, "the multipart/form-data content type has no boundary", code: CompreFaceCode.badRequest)
        }
        var fields = [String: Data]()
        var parts = [(name: String, fileName: String?, data: Data)]()
        var headers = [(String, String)]()
        var part = Data()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { buffer in part.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            if let name = Self.parameter("name", in: disposition) {
                if fields[name] == nil { fields[name] = part }
                parts.append((name, Self.parameter("filename", in: disposition), part))
            }
            headers = []
            part = Data()
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError(.badRequest, "the multipart/form-data body is malformed", code: CompreFaceCode.badRequest)
        }
        self.fields = fields
        self.parts = parts
    }

    private init(json body: Data) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw APIError(.badRequest, "the JSON body must be an object such as {\"file\": \"<base64>\"}", code: CompreFaceCode.badRequest)
        }
        var fields = [String: Data]()
        for case let (name, text as String) in object {
            let payload = text.hasPrefix("data:") ? String(text.drop { $0 != "," }.dropFirst()) : text
            guard let data = Data(base64Encoded: payload, options: .ignoreUnknownCharacters) else {
                throw APIError(.badRequest, "`\(name)` is not base64", code: CompreFaceCode.badRequest)
            }
            fields[name] = data
        }
        self.fields = fields
    }

    /// The image in `field`, or a 400 that names the field.
    func image(_ field: String) throws -> Data {
        guard let data = fields[field], !data.isEmpty else {
            throw APIError(.badRequest, "the request has no image in `\(field)`", code: CompreFaceCode.missingImage)
        }
        return data
    }

    /// `name=value` or `name="value"` among a header's `;`-separated parameters.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            return pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        return nil
    }
}
