import Controller
import HTTPTypes
import Hummingbird

/// Query-string checks: an unknown parameter is a 400 that names the accepted ones.
enum Query {
    /// A request refused with a message: `{"error": "…"}` for the API, text for pages.
    struct Failure: Error, HTTPResponseError {
        var status: HTTPResponse.Status
        var message: String
        var json: Bool

        var headers: HTTPFields {
            [.contentType: json ? "application/json" : "text/plain; charset=utf-8"]
        }

        func response(from request: Request, context: some RequestContext) throws -> Response {
            var body = message + "\n"
            if json {
                var object = JSONObject()
                object.add("error", .string(message))
                body = object.line + "\n"
            }
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    static func check(_ request: Request, allowed: [String], json: Bool) throws {
        for (key, _) in request.uri.queryParameters where !allowed.contains(String(key)) {
            let accepted = allowed.isEmpty ? "this path takes no parameter" : "accepted: " + allowed.joined(separator: ", ")
            throw Failure(status: .badRequest, message: "unknown query parameter '\(key)' (\(accepted))", json: json)
        }
    }
}

/// GET and HEAD only (the server changes nothing); unknown paths are a 404 with a message.
struct ReadOnlyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let json = request.uri.path.hasPrefix("/api/")
        guard request.method == .get || request.method == .head else {
            let failure = Query.Failure(status: .methodNotAllowed, message: "linkyd's web server is read-only: only GET", json: json)
            var response = try failure.response(from: request, context: context)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw Query.Failure(status: .notFound, message: "no such page: \(request.uri.path)", json: json)
        }
    }
}
