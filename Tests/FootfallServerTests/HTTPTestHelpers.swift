import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// Request bodies as CompreFace's clients send them.
enum Upload {
    static let boundary = "footfall-test-boundary-7d3f"

    /// A multipart/form-data body with one part per (field, file name, bytes).
    static func multipart(_ parts: [(field: String, fileName: String, data: Data)]) -> (HTTPFields, ByteBuffer) {
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.field)\"; filename=\"\(part.fileName)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8))
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    static func file(_ path: String, field: String = "file") throws -> (HTTPFields, ByteBuffer) {
        multipart([(field, URL(fileURLWithPath: path).lastPathComponent, try Data(contentsOf: URL(fileURLWithPath: path)))])
    }

    static func json(_ object: Any) throws -> (HTTPFields, ByteBuffer) {
        ([.contentType: "application/json"], ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object)))
    }
}

extension TestResponse {
    /// The body as a JSON object (or array), for reading fields without mirroring every type.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(buffer: body)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
}

extension TestClientProtocol {
    /// `execute` with an API key and a prepared body.
    func send(_ uri: String, _ method: HTTPRequest.Method, key: String?, _ content: (HTTPFields, ByteBuffer)? = nil) async throws -> TestResponse {
        var headers = content?.0 ?? [:]
        if let key { headers[HTTPField.Name("x-api-key")!] = key }
        return try await execute(uri: uri, method: method, headers: headers, body: content?.1)
    }
}
