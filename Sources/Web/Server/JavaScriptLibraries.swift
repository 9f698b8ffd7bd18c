import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Debian's charting libraries, served from `/usr/share/javascript` as Debian installs them (never
/// a copy in the repository): Chart.js (libjs-chart.js) for the energy bars, dygraphs
/// (libjs-dygraphs) for the power curves. Only the files below are served; each is read once and
/// kept in memory. A missing file is a 404 that names the package to install (the pages say it
/// too, and still show their numbers in a table).
public struct JavaScriptLibraries: Sendable {
    public static let debianRoot = "/usr/share/javascript"

    /// URL path under `/javascript/` → (file under the root, content type, Debian package).
    static let files: [String: (path: String, type: String, package: String)] = [
        "chart.js/chart.min.js": ("chart.js/chart.min.js", "text/javascript; charset=utf-8", "libjs-chart.js"),
        "dygraphs/dygraph.min.js": ("dygraphs/dygraph.min.js", "text/javascript; charset=utf-8", "libjs-dygraphs"),
        "dygraphs/dygraph.min.css": ("dygraphs/dygraph.min.css", "text/css; charset=utf-8", "libjs-dygraphs"),
    ]

    let root: String
    private let cache = Cache()

    private final class Cache: Sendable {
        let files = Mutex<[String: ByteBuffer]>([:])
    }

    public init(root: String) { self.root = root }

    func response(package: String, file: String) throws -> Response {
        let key = package + "/" + file
        guard let entry = Self.files[key] else {
            throw Query.Failure(status: .notFound, message: "no such file: /javascript/\(key) (served: \(Self.files.keys.sorted().joined(separator: ", ")))", json: false)
        }
        let body: ByteBuffer
        if let cached = cache.files.withLock({ $0[key] }) {
            body = cached
        } else {
            let path = root + "/" + entry.path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Query.Failure(status: .notFound, message: "\(path) is missing: install Debian's \(entry.package) (sudo apt-get install \(entry.package))", json: false)
            }
            body = ByteBuffer(bytes: data)
            cache.files.withLock { $0[key] = body }
        }
        return Response(status: .ok, headers: [.contentType: entry.type, .cacheControl: "public, max-age=86400"],
                        body: .init(byteBuffer: body))
    }
}
