import Foundation
import FootfallCore
import Hummingbird
import Imaging
import Logging

/// Turns whatever a route throws into an ``APIError``: every failure a client sees is JSON with a
/// message that says what to do, and nothing internal leaks (an unexpected error is logged with
/// the request id and answered 500 without details).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = Self.apiError(for: error)
            if answer.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try answer.response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return APIError(error.status, error.body ?? Self.describe(error.status))
        case let error as any HTTPResponseError:
            // Hummingbird's own, such as NIO's "too many bytes" for a body over the limit.
            return APIError(error.status, Self.describe(error.status))
        case let error as DecodingError:
            return APIError(.badRequest, "malformed request: \(Self.describe(error))", code: CompreFaceCode.badRequest)
        case let error as ImageError:
            if case .tooLarge = error { return APIError(.contentTooLarge, "\(error)") }
            return APIError(.badRequest, "\(error)", code: CompreFaceCode.badImage)
        case let error as StoreError:
            switch error {
            case .diskFull: return APIError(HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), "\(error)")
            case .notFound: return APIError(.notFound, "\(error)")
            case .invalidName, .unknownTimeZone, .ambiguous, .invalidRole, .kioskKeyNeedsDoor:
                return APIError(.badRequest, "\(error)", code: CompreFaceCode.badRequest)
            default: return APIError(.serviceUnavailable, "the store is unavailable: try again shortly")
            }
        default:
            return APIError(.internalServerError, "internal error: the server logged it")
        }
    }

    private static func describe(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "no such endpoint"
        case .contentTooLarge: "the request body is over \(FootfallRequestContext.uploadLimit / 1_048_576) MB"
        case .methodNotAllowed: "this endpoint does not take that method"
        default: status.reasonPhrase
        }
    }

    /// A decoding error in a sentence: which field, and what was wrong with it.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? "the body" : "`\(keys.joined(separator: "."))`"
        }
        return switch error {
        case let .keyNotFound(key, context): "missing field `\((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))`"
        case let .typeMismatch(_, context): "\(path(context)) has the wrong type"
        case let .valueNotFound(_, context): "\(path(context)) is null"
        case let .dataCorrupted(context): "\(path(context)) is not valid JSON"
        @unknown default: "the body could not be read"
        }
    }
}
