import Controller
import Foundation

/// The `users-file:` of `web:`: one `name:hash` per line, the hash bcrypt's (`$2a$`, `$2b$`, `$2y$`,
/// as `htpasswd -B` writes them); blank lines and `#` comments are skipped.
public struct UsersFile: Sendable {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Name → bcrypt hash.
    public let users: [String: String]

    public init(users: [String: String]) {
        self.users = users
    }

    /// Reads and checks the file: every line must be `name:bcrypt-hash`, and at least one user.
    public static func load(_ path: String) throws(Problem) -> UsersFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path): cannot read the users file (web: users-file:); hint: create it with `htpasswd -B -c \(path) NAME` (Debian's apache2-utils), readable by the linkyd user")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(Problem) -> UsersFile {
        var users: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw Problem(description: "\(file):\(index + 1): error: expected name:bcrypt-hash; hint: `htpasswd -B \(file) NAME` adds a user")
            }
            let hash = String(line[line.index(after: colon)...])
            guard ["$2a$", "$2b$", "$2y$"].contains(where: hash.hasPrefix), hash.count == 60 else {
                throw Problem(description: "\(file):\(index + 1): error: the password of '\(line[..<colon])' is not a bcrypt hash; hint: `htpasswd -B \(file) \(line[..<colon])` writes one (never a plain password)")
            }
            users[String(line[..<colon])] = hash
        }
        guard !users.isEmpty else {
            throw Problem(description: "\(file): error: no user in the users file; hint: `htpasswd -B \(file) NAME` adds one")
        }
        return UsersFile(users: users)
    }
}
