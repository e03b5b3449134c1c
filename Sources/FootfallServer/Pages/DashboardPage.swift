import Foundation
import FootfallCore
import Hummingbird

/// `GET /`: the owner's view of the site: today's check-ins by hour and the last 30 days by
/// day (SVG drawn here), members and unknown visitors today, and the latest events.
struct DashboardPage {
    let service: FootfallService

    func add(to router: Router<FootfallRequestContext>) {
        let pages = router.group().add(middleware: SessionAuthentication(service: service))
        pages.get { _, context -> Response in
            let timeZone = TimeZone(identifier: service.site.timeZone) ?? .current
            let now = Date()
            let events = try await service.store.events(from: now.addingTimeInterval(-31 * 86400), to: now.addingTimeInterval(1),
                                                        site: service.site.id)
            let counts = DoorCounts(events: events, days: 30, now: now, timeZone: timeZone)
            return Page.response(title: service.site.name, session: context.session, body: try await body(counts, events: events, timeZone: timeZone))
        }
    }

    private func body(_ counts: DoorCounts, events: [Event], timeZone: TimeZone) async throws -> String {
        let dayLabel = Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: timeZone)
        let timeLabel = Date.FormatStyle(date: .omitted, time: .shortened, timeZone: timeZone)
        let hours = BarChart.svg(counts.entriesByHour.enumerated().map { (label: String(format: "%02d", $0.offset), value: $0.element) },
                                 title: "Check-ins today by hour", labelEvery: 2)
        let days = BarChart.svg(counts.entriesByDay.map { (label: $0.day.formatted(dayLabel), value: $0.entries) },
                                title: "Check-ins per day, last 30 days", labelEvery: 5)
        let cards = [
            (counts.entriesByHour.reduce(0, +), "check-ins today"),
            (counts.membersToday, "members today"),
            (counts.returningToday, "of them came before"),
            (counts.unknownToday, "unknown visitors today"),
            (counts.deniedToday, "turned away today"),
        ].map { "<div class=\"card\"><div class=\"value\">\($0.0)</div><div class=\"label\">\($0.1)</div></div>" }.joined()
        let doors = Dictionary(uniqueKeysWithValues: try await service.store.doors(ofSite: service.site.id).map { ($0.id, $0.name) })
        var rows = ""
        for event in events.suffix(15).reversed() {
            let who = try await event.memberID.asyncMap { try await service.store.member(id: $0)?.name } ?? nil
            let person = who ?? (event.unknownVisitorID == nil ? "—" : "unknown visitor")
            rows += "<tr><td>\(event.at.formatted(timeLabel))</td><td>\(Page.escaped(doors[event.doorID] ?? "?"))</td><td>\(event.kind.rawValue)</td><td>\(Page.escaped(person))</td></tr>"
        }
        return """
            <div class="cards">\(cards)</div>
            <section><h2>Today by hour</h2>\(hours)</section>
            <section><h2>The last 30 days</h2>\(days)</section>
            <section><h2>Latest events</h2><table><tr><th>Time</th><th>Door</th><th>What</th><th>Who</th></tr>\(rows.isEmpty ? "<tr><td colspan=\"4\">Nothing yet today.</td></tr>" : rows)</table></section>
            """
    }
}

private extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
