import ArgumentParser
import Faces
import FootfallCore
import Foundation

/// `footfall members`: the people a site recognises, managed from the shell.
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Enrol, list, change and remove the site's members.",
        discussion: """
            Members live in the store: the data folder (--data, default $FOOTFALL_DATA, else \
            ~/.local/share/footfall) or a PostgreSQL database (--database). Only face \
            descriptors are stored, not photos, unless --keep-photos is given.

            Examples:
              footfall members add "Ada Lovelace" ada1.jpg ada2.jpg --external-id M-001
              footfall members list
              footfall members set "Ada Lovelace" --status suspended
              footfall members remove M-001
            """,
        subcommands: [Add.self, List.self, Show.self, Set.self, Remove.self, Identify.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol a member from photos (or add photos to an existing member).",
            discussion: """
                Each photo must show the member clearly: one face that is the photo's subject \
                (large and near the middle; refused when a second face is nearly as prominent), \
                at least --min-face-width pixels wide, sharp, and roughly frontal. One line per \
                photo says whether it was accepted and, if not, why. A face that resembles \
                another member is accepted and flagged.

                A NAME that is an existing member's name, external id or id adds the photos to \
                that member; otherwise a new member is made (nothing is stored when no photo \
                is accepted). Exits with 1 when any photo was refused.
                """)

        @Argument(help: "The member's name (or an existing member's name, external id or id).")
        var name: String

        @Argument(help: "Photos, or folders of photos.")
        var photos: [String]

        @Option(name: .customLong("external-id"), help: "The site's own reference, such as a membership number.")
        var externalID: String?

        @Option(help: "active (default), suspended or expired.")
        var status: Member.Status = .active

        @Option(help: ArgumentHelp("The last day of the membership (YYYY-MM-DD, in this machine's time zone).", valueName: "date"))
        var expires: String?

        @Flag(help: "Staff: recognised at the door but left out of visitor counts.")
        var staff = false

        @Option(name: .customLong("min-face-width"), help: "Narrowest face accepted, in pixels.")
        var minimumFaceWidth: Float = EnrolmentGates().minimumFaceWidth

        @Option(name: .customLong("keep-photos"), help: ArgumentHelp("Keep each accepted photo for this many days beside its sample (default: photos are not kept).", valueName: "days"))
        var keepPhotos: Double?

        @OptionGroup var augmentation: AugmentationOptions

        @OptionGroup var store: StoreOptions

        @OptionGroup var parallel: ParallelOptions

        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try output.resolved(among: [.text, .json], standard: .text)
            if let expires { _ = try MemberDates.day(expires) }
            guard minimumFaceWidth > 0 else { throw ValidationError("--min-face-width must be positive") }
            if let keepPhotos, !(keepPhotos > 0) { throw ValidationError("--keep-photos must be a positive number of days") }
        }

        func run() async throws {
            let files = ImageFiles.find(at: photos)
            guard !files.isEmpty else { throw ValidationError("no photos found in \(photos.joined(separator: ", "))") }
            let enrolment = PhotoEnrolment(pipeline: try FacePipeline(), gates: EnrolmentGates(minimumFaceWidth: minimumFaceWidth),
                                           augmentation: augmentation.augmentation,
                                           photoRetention: keepPhotos.map { $0 * 86_400 })
            let format = try output.resolved(among: [.text, .json], standard: .text)
            let report = try await withStore(store) { store, _, _ in
                let member = try await existingOrNew(in: store)
                do {
                    let outcomes = try await enrolment.enrol(member, photos: files, into: store, on: parallel.pool(),
                                                             by: StoreOptions.actor)
                    return EnrolmentReport(member: member, enrolled: true, outcomes: outcomes)
                } catch let EnrolmentError.noAcceptedPhoto(_, outcomes) {
                    return EnrolmentReport(member: member, enrolled: false, outcomes: outcomes)
                }
            }
            if format == .json {
                print(try jsonString(report))
            } else {
                if report.enrolled { print("\(report.member.name): \(report.member.id.uuidString.lowercased())") }
                for photo in report.photos { print(photo.line) }
            }
            if !report.enrolled {
                printError("\(report.member.name) was not enrolled: none of the \(report.photos.count) photos was accepted")
            }
            if report.photos.contains(where: { !$0.accepted }) { throw ExitCode.failure }
        }

        private func existingOrNew(in store: any Store) async throws -> Member {
            if let existing = try await MemberLookup.find(name, in: store) { return existing }
            return try Member(name: name, externalID: externalID, status: status,
                              expiresAt: try expires.map(MemberDates.day), role: staff ? .staff : .member,
                              consentAt: Date())
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the members, by name.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let format = try output.resolved(among: [.text, .csv, .json], standard: .text)
            let rows = try await withStore(store) { store, _, _ in
                var rows = [MemberSummary]()
                for member in try await store.members() {
                    rows.append(MemberSummary(member, samples: try await store.samples(ofMember: member.id).count))
                }
                return rows
            }
            switch format {
            case .json: print(try jsonString(rows))
            case .csv:
                print("id,name,external_id,status,role,expires,samples")
                for row in rows {
                    print([row.id, row.name, row.externalID ?? "", row.status, row.role, row.expires ?? "", "\(row.samples)"]
                        .map(csvField).joined(separator: ","))
                }
            case .text:
                if rows.isEmpty { print("no members") }
                for row in rows { print(row.line) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one member and their face samples.")

        @Argument(help: "Name, external id or id.")
        var member: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let format = try output.resolved(among: [.text, .json], standard: .text)
            let detail = try await withStore(store) { store, _, _ in
                let member = try await MemberLookup.require(self.member, in: store)
                return MemberDetail(member, samples: try await store.samples(ofMember: member.id))
            }
            if format == .json {
                print(try jsonString(detail))
            } else {
                print(detail.summary.line)
                if let consent = detail.summary.consent { print("consent recorded \(consent)") }
                for sample in detail.samples { print("  \(sample.line)") }
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a member's status, expiry, role, name or external id.")

        @Argument(help: "Name, external id or id.")
        var member: String

        @Option(help: "active, suspended or expired.")
        var status: Member.Status?

        @Option(help: ArgumentHelp("The last day of the membership (YYYY-MM-DD), or `never`.", valueName: "date"))
        var expires: String?

        @Option(help: "member or staff.")
        var role: Member.Role?

        @Option(help: "A new name.")
        var name: String?

        @Option(name: .customLong("external-id"), help: "A new external id.")
        var externalID: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let expires, expires != "never" { _ = try MemberDates.day(expires) }
            guard status != nil || expires != nil || role != nil || name != nil || externalID != nil else {
                throw ValidationError("say what to change: --status, --expires, --role, --name or --external-id")
            }
        }

        func run() async throws {
            let changed = try await withStore(store) { store, _, _ in
                var member = try await MemberLookup.require(self.member, in: store)
                if let status { member.status = status }
                if let expires { member.expiresAt = expires == "never" ? nil : try MemberDates.day(expires) }
                if let role { member.role = role }
                if let name { try member.rename(to: name) }
                if let externalID { try member.setExternalID(externalID) }
                try await store.update(member, by: StoreOptions.actor)
                return member
            }
            print(MemberSummary(changed, samples: nil).line)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a member and everything that identifies them.",
            discussion: """
                Deletes the member's samples, photos and unknown-visitor links in one \
                transaction. Their past entries stay in the footfall counts, without their name.
                """)

        @Argument(help: "Name, external id or id.")
        var member: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let removed = try await withStore(store) { store, _, _ in
                let member = try await MemberLookup.require(self.member, in: store)
                try await store.removeMember(id: member.id, by: StoreOptions.actor)
                return member
            }
            print("removed \(removed.name) (\(removed.id.uuidString.lowercased()))")
        }
    }
}

extension Member.Status: ExpressibleByArgument {}
extension Member.Role: ExpressibleByArgument {}

/// Finding the member a command names: by id, external id or name.
enum MemberLookup {
    /// The one member `key` names, or nil for none; several is an error that says to use the id
    /// (so `members add` never makes a namesake of an ambiguous name).
    static func find(_ key: String, in store: any Store) async throws -> Member? {
        if let id = UUID(uuidString: key), let member = try await store.member(id: id) { return member }
        let found = try await store.members(named: key)
        guard found.count <= 1 else { throw StoreError.ambiguous(what: "member", key: key, count: found.count) }
        return found.first
    }

    static func require(_ key: String, in store: any Store) async throws -> Member {
        guard let member = try await find(key, in: store) else { throw StoreError.notFound(what: "member", key: key) }
        return member
    }
}

enum MemberDates {
    /// `YYYY-MM-DD` in this machine's time zone.
    private static var dayFormat: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = .current
        return formatter
    }

    static func day(_ text: String) throws -> Date {
        guard let day = dayFormat.date(from: text) else { throw ValidationError("\(text.debugDescription) is not a date: give YYYY-MM-DD") }
        // The membership lasts through that day.
        return day.addingTimeInterval(86_400)
    }

    /// The last day of a membership that ends at `expiry`.
    static func lastDay(_ expiry: Date) -> String {
        dayFormat.string(from: expiry.addingTimeInterval(-1))
    }
}
