import Foundation
import Hummingbird

/// An error answered as JSON, `{"message": …, "code": …}`, CompreFace's shape, so its clients
/// read our errors as they read its own. `code` is CompreFace's number where it has one for the
/// case (``CompreFaceCode``), else the HTTP status.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    public var code: Int

    public init(_ status: HTTPResponse.Status, _ message: String, code: Int? = nil) {
        self.status = status
        self.message = message
        self.code = code ?? status.code
    }

    private struct Body: Encodable {
        var message: String
        var code: Int
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(Body(message: message, code: code))
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
