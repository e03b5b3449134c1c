import Foundation

/// Entries counted the way the dashboard shows them, in the site's own time zone: today's by
/// hour, the last days' by day, and how many distinct members and unknown visitors came.
public struct DoorCounts: Sendable {
    /// 24 counts of today's entries (check-ins), midnight first.
    public var entriesByHour: [Int]
    /// Entries per day, oldest first, today last, with each day's start.
    public var entriesByDay: [(day: Date, entries: Int)]
    /// Members checked in today, each once.
    public var membersToday: Int
    /// Of them, members who had also come on an earlier day of the period.
    public var returningToday: Int
    /// Unknown visitors seen today.
    public var unknownToday: Int
    /// Refusals today (suspended or expired members).
    public var deniedToday: Int

    /// Counts `events` (the last `days` days' worth, or more) as of `now` in `timeZone`.
    public init(events: [Event], days: Int = 30, now: Date = Date(), timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        let starts = (0..<days).reversed().map { calendar.date(byAdding: .day, value: -$0, to: today)! }
        var byHour = [Int](repeating: 0, count: 24), byDay = [Int](repeating: 0, count: days)
        var todayMembers = Set<UUID>(), earlierMembers = Set<UUID>(), todayUnknown = Set<UUID>()
        var denied = 0
        for event in events where event.at >= starts[0] && event.at <= now {
            let isToday = event.at >= today
            switch event.kind {
            case .entry:
                let day = starts.lastIndex { $0 <= event.at } ?? 0
                byDay[day] += 1
                if isToday { byHour[calendar.component(.hour, from: event.at)] += 1 }
                if let member = event.memberID { if isToday { todayMembers.insert(member) } else { earlierMembers.insert(member) } }
            case .seen:
                if isToday, let visitor = event.unknownVisitorID { todayUnknown.insert(visitor) }
            case .denied:
                if isToday { denied += 1 }
            case .exit:
                break
            }
        }
        entriesByHour = byHour
        entriesByDay = zip(starts, byDay).map { (day: $0, entries: $1) }
        membersToday = todayMembers.count
        returningToday = todayMembers.intersection(earlierMembers).count
        unknownToday = todayUnknown.count
        deniedToday = denied
    }
}
