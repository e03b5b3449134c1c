import Foundation
import FootfallCore
import FootfallServer
import Hummingbird
import HummingbirdTesting
import Imaging
import TestSupport
import Testing

@Suite struct AuthAndBadInputTests {
    static let id = UUID().uuidString.lowercased()
    /// Every CompreFace endpoint, writes and reads alike.
    static let routes: [(String, HTTPRequest.Method)] = [
        ("/api/v1/recognition/subjects", .post), ("/api/v1/recognition/subjects", .get),
        ("/api/v1/recognition/subjects/anna", .put), ("/api/v1/recognition/subjects/anna", .delete),
        ("/api/v1/recognition/subjects", .delete), ("/api/v1/recognition/faces?subject=anna", .post),
        ("/api/v1/recognition/faces", .get), ("/api/v1/recognition/faces?subject=anna", .delete),
        ("/api/v1/recognition/faces/\(id)", .delete), ("/api/v1/recognition/faces/delete", .post),
        ("/api/v1/recognition/faces/\(id)/img", .get), ("/api/v1/recognition/recognize", .post),
        ("/api/v1/recognition/faces/\(id)/verify", .post), ("/api/v1/recognition/embeddings/recognize", .post),
        ("/api/v1/recognition/embeddings/faces/\(id)/verify", .post), ("/api/v1/detection/detect", .post),
        ("/api/v1/verification/verify", .post), ("/api/v1/verification/embeddings/verify", .post),
    ]

    @Test func everyEndpointRefusesMissingWrongAndUnderprivilegedKeys() async throws {
        try await ServerFixture.with { fixture in
            let photo = try Upload.file(Fixtures.data("identities/celeb5/val/madonna/httpcdnfuncheapcomwpcontentuploadsVOGUEjpg.jpg"))
            try await fixture.app.test(.router) { client in
                for (uri, method) in Self.routes {
                    let missing = try await client.send(uri, method, key: nil, photo)
                    #expect(missing.status == .unauthorized && missing.object["code"] as? Int == CompreFaceCodes.missingAPIKey, "\(method) \(uri)")
                    let wrong = try await client.send(uri, method, key: APIKeySecret().text, photo)
                    #expect(wrong.status == .unauthorized && wrong.object["code"] as? Int == CompreFaceCodes.invalidAPIKey, "\(method) \(uri)")
                    for role in [Role.viewer, .kiosk] {
                        let refused = try await client.send(uri, method, key: fixture.keys[role], photo)
                        #expect(refused.status == .forbidden && refused.object["code"] as? Int == CompreFaceCodes.forbidden, "\(role) \(method) \(uri)")
                        #expect((refused.object["message"] as? String)?.contains(role.rawValue) == true)
                    }
                }
                // A revoked key stops working at once.
                let admin = try #require(try await fixture.store.apiKeys().first { $0.role == .admin })
                try await fixture.store.removeAPIKey(id: admin.id, by: "test")
                let revoked = try await client.send("/api/v1/recognition/subjects", .get, key: fixture.keys[.admin])
                #expect(revoked.status == .unauthorized)
            }
            #expect(try await fixture.store.members().isEmpty)
        }
    }

    @Test func badUploadsGetClearErrorsAndStoreNothing() async throws {
        try await ServerFixture.with { fixture in
            let key = fixture.keys[.recognition]!
            let photoPath = Fixtures.data("identities/celeb5/val/madonna/httpcdnfuncheapcomwpcontentuploadsVOGUEjpg.jpg")
            let jpeg = try Data(contentsOf: URL(fileURLWithPath: photoPath))
            try await fixture.app.test(.router) { client in
                let add = "/api/v1/recognition/faces?subject=anna"
                let truncated = try await client.send(add, .post, key: key, Upload.multipart([("file", "t.jpg", jpeg.prefix(jpeg.count / 3))]))
                #expect(truncated.status == .badRequest && truncated.object["code"] as? Int == CompreFaceCodes.badImage)
                let notAnImage = try await client.send(add, .post, key: key, Upload.multipart([("file", "x.jpg", Data("hello".utf8))]))
                #expect(notAnImage.status == .badRequest && notAnImage.object["code"] as? Int == CompreFaceCodes.badImage)
                let noFile = try await client.send(add, .post, key: key, Upload.multipart([("other", "x.jpg", jpeg)]))
                #expect(noFile.status == .badRequest && noFile.object["code"] as? Int == CompreFaceCodes.missingImage)
                let wrongType = try await client.send(add, .post, key: key, ([.contentType: "text/plain"], ByteBuffer(bytes: jpeg)))
                #expect(wrongType.status == .unsupportedMediaType && wrongType.object["message"] != nil)
                let noBoundary = try await client.send(add, .post, key: key, ([.contentType: "multipart/form-data"], ByteBuffer(bytes: jpeg)))
                #expect(noBoundary.status == .badRequest)
                let badBase64 = try await client.send(add, .post, key: key, try Upload.json(["file": "%%% not base64"]))
                #expect(badBase64.status == .badRequest)
                let noSubject = try await client.send("/api/v1/recognition/faces", .post, key: key, Upload.multipart([("file", "a.jpg", jpeg)]))
                #expect(noSubject.object["code"] as? Int == 33)
                // Over the 20 MB upload limit: refused before it is read.
                let huge = try await client.send(add, .post, key: key, Upload.multipart([("file", "big.jpg", Data(count: 21 * 1024 * 1024))]))
                #expect(huge.status == .contentTooLarge && huge.object["message"] != nil)
                // A PNG that claims 100,000 × 100,000 pixels in a few bytes.
                let bomb = try await client.send(add, .post, key: key, Upload.multipart([("file", "bomb.png", Self.pngClaiming(width: 100_000, height: 100_000))]))
                #expect([.badRequest, .contentTooLarge].contains(bomb.status) && bomb.object["message"] != nil)
                let malformedJSON = try await client.send("/api/v1/recognition/subjects", .post, key: key,
                                                          ([.contentType: "application/json"], ByteBuffer(string: "{\"subject\": ")))
                #expect(malformedJSON.status == .badRequest && malformedJSON.object["message"] != nil)
                let unknownRoute = try await client.send("/api/v1/recognition/nothing", .get, key: key)
                #expect(unknownRoute.status == .notFound && unknownRoute.object["message"] != nil)
                let noFace = try await client.send("/api/v1/recognition/recognize", .post, key: key,
                                                   Upload.multipart([("file", "grey.png", Self.greyPNG())]))
                #expect(noFace.status == .badRequest && noFace.object["code"] as? Int == CompreFaceCodes.noFace)
                // Still serving.
                let health = try await client.send("/health", .get, key: nil)
                #expect(health.status == .ok)
            }
            #expect(try await fixture.store.members().isEmpty)
        }
    }

    /// The PNG signature and an IHDR chunk claiming the size, then nothing.
    static func pngClaiming(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
        for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: [8, 2, 0, 0, 0, 0, 0, 0, 0])
        return data
    }

    /// A flat grey 64×64 picture: no face in it.
    static func greyPNG() throws -> Data {
        Data(try Image(width: 64, height: 64, channels: 3, pixels: [UInt8](repeating: 128, count: 64 * 64 * 3)).pngData())
    }
}
