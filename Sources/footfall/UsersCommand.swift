import ArgumentParser
import FootfallCore
import FootfallServer
import Foundation

/// `footfall users`: the people who sign in to the pages of `footfall serve`.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, list and remove the people who sign in to the service's pages.",
        discussion: """
            Roles: owner (everything), admin (everything but owners), staff (members, the \
            unknown-visitors inbox, reports). Passwords are stored as bcrypt hashes only. \
            Users added here can sign in at once, also while the server runs.
            """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from standard input, or generated and printed.")

        @Argument(help: "The name they sign in with.")
        var name: String

        @Option(help: ArgumentHelp("owner, admin or staff.", valueName: "role"))
        var role: Role = .staff

        @Flag(help: "Make up a password and print it on the last line, instead of reading one.")
        var generatePassword = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard Role.userRoles.contains(role) else { throw ValidationError("a user's role is owner, admin or staff") }
        }

        func run() async throws {
            let password: String
            if generatePassword {
                password = Passwords.generate()
            } else {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw ValidationError("give the password on standard input (echo … | footfall users add), or --generate-password")
                }
                password = line
            }
            let user = try User(name: name, role: role, passwordHash: try Passwords.hash(password))
            try await withStore(store) { store, _, _ in
                guard try await store.user(named: name) == nil else { throw ValidationError("there is already a user \(name.debugDescription)") }
                try await store.save(user, by: StoreOptions.actor)
            }
            print("user \(user.name) (\(user.role.rawValue)) added")
            if generatePassword { print(password) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            for user in try await withStore(store, { store, _, _ in try await store.users() }) {
                print("\(user.name)  \(user.role.rawValue)  \(user.id.uuidString.lowercased())")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user (their sessions end within the server's next check).")

        @Argument(help: "The user's name.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStore(store) { store, _, _ in
                guard let user = try await store.user(named: name) else { throw StoreError.notFound(what: "user", key: name) }
                try await store.removeUser(id: user.id, by: StoreOptions.actor)
            }
            print("removed \(name)")
        }
    }
}
