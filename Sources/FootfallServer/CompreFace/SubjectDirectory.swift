import Foundation
import FootfallCore
import Hummingbird

/// CompreFace's subjects are Footfall's members, named case-insensitively as CompreFace names
/// them. A name two members share cannot be a subject until one is renamed (400, naming both).
struct SubjectDirectory {
    let store: any Store

    /// CompreFace's rules for a subject name: 1 to 50 characters, none of `;`, `/`, `\`.
    static func checkedName(_ name: String?) throws -> String {
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError(.badRequest, "Subject name is empty; ", code: CompreFaceCode.badRequest) }
        guard name.count <= 50 else { throw APIError(.badRequest, "Subject name size must be between 1 and 50", code: CompreFaceCode.badRequest) }
        guard !name.contains(where: { ";/\\".contains($0) }) else {
            throw APIError(.badRequest, "The name cannot contain the following special characters: ';', '/', '\\\\'",
                           code: CompreFaceCode.badSubjectName)
        }
        return name
    }

    func member(named subject: String) async throws -> Member? {
        let matches = try await store.members().filter { $0.name.caseInsensitiveCompare(subject) == .orderedSame }
        guard matches.count <= 1 else {
            throw APIError(.badRequest, "\(matches.count) members are named \(subject.debugDescription): rename all but one to use it as a subject",
                           code: CompreFaceCode.badRequest)
        }
        return matches.first
    }

    func existing(_ subject: String) async throws -> Member {
        guard let member = try await member(named: subject) else {
            throw APIError(.notFound, "Subject \(subject) not found", code: CompreFaceCode.subjectNotFound)
        }
        return member
    }

    /// A path parameter as the client meant it (percent-decoded).
    static func pathSubject(_ context: FootfallRequestContext) throws -> String {
        let raw = try context.parameters.require("subject")
        return try checkedName(raw.removingPercentEncoding ?? raw)
    }
}
