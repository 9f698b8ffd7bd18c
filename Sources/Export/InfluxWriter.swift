import AsyncHTTPClient
import Controller
import Foundation
import NIOCore
import NIOHTTP1

/// One InfluxDB write endpoint, over async-http-client: a body of line protocol in, what the server
/// answered out. InfluxDB 1.x: `POST <url>/write?db=<database>&precision=ms`, with HTTP Basic when a
/// username is configured (InfluxDB 1.x accepts it, and it keeps the password out of the URL);
/// 2.x: `POST <url>/api/v2/write?org=&bucket=&precision=ms` with `Authorization: Token <token>`.
/// Both answer 204 No Content when every point was written.
public struct InfluxWriter: Sendable {
    /// What a write came to.
    public enum Outcome: Sendable, Hashable {
        case written
        /// The server answered, but not 2xx: its status and the start of its body (InfluxDB puts
        /// `{"error":"…"}` there).
        case refused(status: Int, body: String)
        /// No answer: connection refused, timeout, TLS or name resolution failure.
        case unreachable(String)
    }

    public let config: InfluxDBConfig
    let url: String
    let authorization: String?
    let client: HTTPClient
    let timeout: TimeAmount

    /// `secret` is the password (1.x with a username) or the token (2.x), as read from its file.
    /// The process's client for InfluxDB (never shut down, like `HTTPClient.shared`), with connection
    /// retries off: async-http-client would otherwise retry a refused connection until the request's
    /// deadline, and the exporter has its own backoff (and must say at once that the server is down).
    public static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(config: InfluxDBConfig, secret: String?, client: HTTPClient = InfluxWriter.client, timeout: TimeAmount = .seconds(60)) {
        self.config = config
        self.client = client
        self.timeout = timeout
        let base = config.server
        switch config.api {
        case .v1(let database, let username, _):
            url = base + "/write?db=" + Self.query(database) + "&precision=ms"
            authorization = username.map { "Basic " + Data("\($0):\(secret ?? "")".utf8).base64EncodedString() }
        case .v2(let org, let bucket, _):
            url = base + "/api/v2/write?org=" + Self.query(org) + "&bucket=" + Self.query(bucket) + "&precision=ms"
            authorization = "Token " + (secret ?? "")
        }
    }

    /// The request as it will be sent (tests check its shape; the journal never shows the header).
    public func request(body: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "linkyd")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }

    /// Sends `body` (lines of line protocol) and waits for the answer (at most the timeout).
    public func write(_ body: String) async -> Outcome {
        do {
            let response = try await client.execute(request(body: body), timeout: timeout)
            let status = Int(response.status.code)
            let bytes = try await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(status) { return .written }
            return .refused(status: status, body: Self.excerpt(String(buffer: bytes)))
        } catch let error as HTTPClientError {
            return .unreachable(Self.describe(error))
        } catch let error as IOError {
            return .unreachable(String(cString: strerror(error.errnoCode)).lowercased())
        } catch {
            return .unreachable("\(error)")
        }
    }

    /// The first 200 characters of a body, on one line.
    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout: "connection timed out"
        case .deadlineExceeded, .readTimeout: "no answer in time"
        case .remoteConnectionClosed: "the server closed the connection"
        default: "\(error)"
        }
    }

    /// A query parameter value, percent-encoded (RFC 3986 unreserved characters stay as they are).
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension InfluxWriter.Outcome {
    /// The journal's words for it, with what to do; nil when written.
    func problem(server: String, api: InfluxDBConfig.API) -> String? {
        switch self {
        case .written:
            return nil
        case .unreachable(let reason):
            return "\(server): \(reason) (is influxd running and listening there?)"
        case .refused(let status, let body):
            let answered = "\(server) answered HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
            let hint: String
            switch (status, api) {
            case (401, .v1), (403, .v1): hint = "check username: and the password in password-file:"
            case (401, .v2), (403, .v2): hint = "check the token in token-file: (it needs write access to the bucket)"
            case (404, .v1(let database, _, _)): hint = "create the database (influx -execute 'CREATE DATABASE \(database)') or fix database:"
            case (404, .v2): hint = "check org: and bucket: (and that this server has the 2.x API /api/v2/write)"
            case (413, _): hint = "lower batch-size:"
            case (400, _): hint = "the server refused the points; linkyd retries them"
            default: hint = status >= 500 ? "the server has a problem; linkyd retries" : "linkyd retries"
            }
            return answered + " (\(hint))"
        }
    }

    /// What makes two failures the same outage for the journal: the status, or being unreachable.
    var kind: String {
        switch self {
        case .written: "written"
        case .unreachable: "unreachable"
        case .refused(let status, _): "HTTP \(status)"
        }
    }
}
