import NIOCore

/// The page's static files (web/, compiled in by scripts/embed-web-assets.py: an installed binary
/// alone serves the whole page), served from memory, with a version (a hash of their bytes) for
/// cache-busting URLs.
struct Assets: Sendable {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    struct File: Sendable {
        var contentType: String
        var body: ByteBuffer
    }

    let files: [String: File]
    let version: String

    static let types = ["app.css": "text/css; charset=utf-8", "live.js": "text/javascript; charset=utf-8",
                        "energy.js": "text/javascript; charset=utf-8", "power.js": "text/javascript; charset=utf-8"]

    static func load() throws(Problem) -> Assets {
        var files: [String: File] = [:]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, type) in types.sorted(by: { $0.key < $1.key }) {
            guard let text = EmbeddedAssets.files[name] else {
                throw Problem(description: "the web page's file \(name) is not compiled in: run scripts/embed-web-assets.py and rebuild")
            }
            let data = Array(text.utf8) + [0x0A]
            for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            files[name] = File(contentType: type, body: ByteBuffer(bytes: data))
        }
        return Assets(files: files, version: String(hash % 0xFFFF_FFFF, radix: 36))
    }
}
