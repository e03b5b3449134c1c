import Foundation
import FootfallCore
import Hummingbird

/// `GET /api/v1/events?from&to&door`: what the doors saw, oldest first (default: the last 24
/// hours), for `admin` and `viewer` keys. Members appear by id and name; a deleted member's
/// events remain, without either.
struct EventRoutes {
    let service: FootfallService

    struct EventJSON: Encodable {
        var id: UUID
        var at: Date
        var doorID: UUID
        var kind: Event.Kind
        var memberID: UUID?
        var memberName: String?
        var unknownVisitorID: UUID?
        var distance: Float?
        enum CodingKeys: String, CodingKey {
            case id, at, doorID = "door_id", kind, memberID = "member_id", memberName = "member_name"
            case unknownVisitorID = "unknown_visitor_id", distance
        }
    }

    struct Events: Encodable { var events: [EventJSON] }

    func add(to router: Router<FootfallRequestContext>) {
        let group = router.group("api/v1/events").add(middleware: APIKeyAuthentication(store: service.store, roles: [.admin, .viewer]))
        group.get { request, _ -> Response in
            let query = request.uri.queryParameters
            let to = try Self.date(query["to"], name: "to") ?? Date()
            let from = try Self.date(query["from"], name: "from") ?? to.addingTimeInterval(-24 * 3600)
            guard from <= to else { throw APIError(.badRequest, "`from` is after `to`") }
            var events = try await service.store.events(from: from, to: to, site: service.site.id)
            if let door = query["door"] {
                events = events.filter { $0.doorID.uuidString.lowercased() == door.lowercased() }
            }
            var names = [UUID: String]()
            for id in Set(events.compactMap(\.memberID)) { names[id] = try await service.store.member(id: id)?.name }
            return try JSONResponse.make(Events(events: events.map {
                EventJSON(id: $0.id, at: $0.at, doorID: $0.doorID, kind: $0.kind, memberID: $0.memberID,
                          memberName: $0.memberID.flatMap { names[$0] }, unknownVisitorID: $0.unknownVisitorID, distance: $0.score)
            }))
        }
    }

    /// An ISO 8601 time (`2026-12-03T09:00:00Z`) or a day (`2026-12-03`, midnight UTC).
    static func date(_ text: Substring?, name: String) throws -> Date? {
        guard let text else { return nil }
        let string = String(text)
        if let date = ISO8601DateFormatter().date(from: string) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: string) { return date }
        throw APIError(.badRequest, "`\(name)` is not a time such as 2026-12-03T09:00:00Z or a day such as 2026-12-03")
    }
}
