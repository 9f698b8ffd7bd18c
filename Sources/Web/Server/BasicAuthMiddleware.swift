import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import Synchronization

/// HTTP Basic for every request when `web: { users-file: }` is set: the user's bcrypt hash must
/// match (hummingbird-auth's `Bcrypt`). A bcrypt check costs about 0.1 s on a Pi Zero 2, so the
/// credentials last accepted (at most 8) are remembered in memory and not checked again.
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let users: UsersFile
    private let accepted = AcceptedCredentials()

    init(users: UsersFile) {
        self.users = users
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], isAllowed(header) else {
            return Response(status: .unauthorized,
                            headers: [.wwwAuthenticate: "Basic realm=\"linkyd\", charset=\"UTF-8\"", .contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "linkyd: a user and password are needed (web: users-file:)\n")))
        }
        return try await next(request, context)
    }

    func isAllowed(_ header: String) -> Bool {
        if accepted.contains(header) { return true }
        guard header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: decoded, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return false }
        let name = String(text[..<colon]), password = String(text[text.index(after: colon)...])
        guard let hash = users.users[name], Bcrypt.verify(password, hash: hash) else { return false }
        accepted.insert(header)
        return true
    }
}

/// The last 8 `Authorization` headers that passed, so bcrypt runs once per browser, not per request.
final class AcceptedCredentials: Sendable {
    private let list = Mutex<[String]>([])

    func contains(_ header: String) -> Bool { list.withLock { $0.contains(header) } }

    func insert(_ header: String) {
        list.withLock { list in
            list.append(header)
            if list.count > 8 { list.removeFirst() }
        }
    }
}
