import Faces
import FootfallCore
import Foundation

/// A member as `members list` prints it.
struct MemberSummary: Encodable {
    var id: String
    var name: String
    var externalID: String?
    var status: String
    var role: String
    /// The last day of the membership.
    var expires: String?
    var consent: String?
    var samples: Int?

    init(_ member: Member, samples: Int?) {
        id = member.id.uuidString.lowercased()
        name = member.name
        externalID = member.externalID
        status = member.status.rawValue
        role = member.role.rawValue
        expires = member.expiresAt.map(MemberDates.lastDay)
        consent = member.consentAt.map { $0.formatted(.iso8601) }
        self.samples = samples
    }

    var line: String {
        var parts = [name, id, status]
        if role != "member" { parts.append(role) }
        if let externalID { parts.append("external id \(externalID)") }
        if let expires { parts.append("until \(expires)") }
        if let samples { parts.append("\(samples) sample\(samples == 1 ? "" : "s")") }
        return parts.joined(separator: "  ")
    }
}

/// One stored sample as `members show` prints it: its figures, never the descriptor.
struct SampleSummary: Encodable {
    var id: String
    var source: String
    var embedding: String
    var quality: SampleQuality
    var photoKeptUntil: String?
    var created: String

    init(_ sample: FaceSample) {
        id = sample.id.uuidString.lowercased()
        source = sample.source.rawValue
        embedding = sample.embedding
        quality = sample.quality
        photoKeptUntil = sample.photo == nil ? nil : sample.photoExpiresAt.map { $0.formatted(.iso8601) }
        created = sample.createdAt.formatted(.iso8601)
    }

    var line: String {
        var text = "\(id)  \(source)  face \(Int(quality.faceWidth.rounded())) px, sharpness \(Int(quality.sharpness.rounded())), yaw \(String(format: "%.2f", quality.yaw))"
        if let photoKeptUntil { text += ", photo kept until \(photoKeptUntil)" }
        return text
    }
}

struct MemberDetail: Encodable {
    var summary: MemberSummary
    var samples: [SampleSummary]

    init(_ member: Member, samples: [FaceSample]) {
        summary = MemberSummary(member, samples: samples.count)
        self.samples = samples.map(SampleSummary.init)
    }
}

/// What `members add` did with each photo.
struct EnrolmentReport: Encodable {
    var member: Member
    /// False when no photo was accepted and a new member was therefore not stored.
    var enrolled: Bool
    var photos: [Photo]

    struct Photo: Encodable {
        var path: String
        var accepted: Bool
        var sample: String?
        var reason: String?
        var resembles: String?
        var distance: Float?

        var line: String {
            var text = accepted ? "\(path): accepted" : "\(path): refused: \(reason ?? "")"
            if let resembles, let distance {
                text += " (resembles member \(resembles) at distance \(String(format: "%.3f", distance)): a second enrolment or a look-alike?)"
            }
            return text
        }
    }

    init(member: Member, enrolled: Bool, outcomes: [PhotoEnrolment.PhotoOutcome]) {
        self.member = member
        self.enrolled = enrolled
        photos = outcomes.map { outcome in
            switch outcome.result {
            case let .success(sample):
                Photo(path: outcome.source, accepted: true, sample: sample.id.uuidString.lowercased(),
                      resembles: outcome.lookAlike?.member.name, distance: outcome.lookAlike?.distance)
            case let .failure(refusal):
                Photo(path: outcome.source, accepted: false, reason: refusal.description)
            }
        }
    }

    enum CodingKeys: CodingKey { case member, enrolled, photos }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(MemberSummary(member, samples: nil), forKey: .member)
        try container.encode(enrolled, forKey: .enrolled)
        try container.encode(photos, forKey: .photos)
    }
}
