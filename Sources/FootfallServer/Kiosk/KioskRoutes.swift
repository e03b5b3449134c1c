import Faces
import Foundation
import FootfallCore
import Hummingbird
import Imaging

/// `POST /api/v1/kiosk/{door}/frames`: a frame from the kiosk at a door (a JPEG, as the body or
/// multipart `file`), answered with guidance for the person in front of it and, once the last
/// frames agree (``FrameVote``), the door's decision (``DoorDesk``), recorded as an event.
/// A kiosk key may post only for its own door; an admin key for any.
struct KioskRoutes {
    let service: FootfallService
    let votes = KioskVotes()

    struct FrameAnswer: Encodable {
        /// `looking` until the frames agree, then `decided`.
        var state: String
        var guidance: FrameGuidance
        var message: String
        var face: Rect?
        var decision: DecisionJSON?
    }

    struct DecisionJSON: Encodable {
        var outcome: DoorDesk.Decision.Outcome
        var message: String
        var memberID: UUID?
        var memberName: String?
        var eventID: UUID?
        enum CodingKeys: String, CodingKey {
            case outcome, message, memberID = "member_id", memberName = "member_name", eventID = "event_id"
        }
    }

    func add(to router: Router<FootfallRequestContext>) {
        let group = router.group("api/v1/kiosk").add(middleware: APIKeyAuthentication(store: service.store, roles: [.admin, .kiosk]))
        group.post(":door/frames") { request, context -> Response in
            let door = try await self.door(context)
            let frame = try await UploadedImages.read(request, context: context).image("file")
            let pipeline = service.pipeline, judge = FrameJudge()
            let (guidance, face) = try await service.pool.run { () throws -> (FrameGuidance, DescribedFace?) in
                let image = try Image(data: frame, name: "the kiosk frame")
                let chosen = try pipeline.describeOneFace(in: image)
                let guidance = judge.judge(chosen?.face.detection, in: image)
                return (guidance, chosen?.face)
            }
            let gallery = await service.gallery.current
            let observation: FrameVote.Observation = switch (guidance, face.map { gallery.recognise($0.descriptor) }) {
            case let (.good, .member(member, distance)?): .member(member, distance: distance)
            case (.good, .unknown?): .unknown(face!.descriptor)
            default: .nothing
            }
            var answer = FrameAnswer(state: "looking", guidance: guidance, message: guidance.message, face: face?.detection.box)
            if let verdict = await votes.add(observation, door: door.id, at: Date()) {
                let desk = DoorDesk(store: service.store, unknownThreshold: gallery.threshold)
                let decision = try await desk.decide(verdict, at: door, embedding: service.embedding)
                answer.state = "decided"
                answer.message = decision.message
                answer.decision = DecisionJSON(outcome: decision.outcome, message: decision.message, memberID: decision.member?.id,
                                               memberName: decision.member?.name, eventID: decision.event?.id)
            }
            return try JSONResponse.make(answer)
        }
    }

    /// The door in the path, which a kiosk key must be for.
    private func door(_ context: FootfallRequestContext) async throws -> Door {
        let key = try context.parameters.require("door")
        let doors = try await service.store.doors(ofSite: nil)
        guard let door = doors.first(where: { $0.id.uuidString.lowercased() == key.lowercased() || $0.name == (key.removingPercentEncoding ?? key) }) else {
            throw APIError(.notFound, "no door \(key.debugDescription): `footfall doors list` shows them")
        }
        if let apiKey = context.apiKey, apiKey.role == .kiosk, apiKey.doorID != door.id {
            throw APIError(.forbidden, "this kiosk key belongs to another door", code: CompreFaceCode.forbidden)
        }
        return door
    }
}
