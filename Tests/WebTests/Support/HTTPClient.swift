import Foundation
import Glibc

/// A minimal HTTP/1.1 client on a plain socket (loopback only), so the tests see exactly what the
/// server sends: status, headers, body; and SSE streams read as they come.
struct HTTPClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    let port: Int

    static func connect(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        // MSG_NOSIGNAL: a server that closed first is an error here, never a SIGPIPE for the test process.
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func get(_ path: String, method: String = "GET", headers: [String: String] = [:]) -> Response {
        let fd = Self.connect(port)
        defer { close(fd) }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        Self.send(fd, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(extra)\r\n")
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { break }
            data += chunk[0..<count]
        }
        return Self.parse(String(decoding: data, as: UTF8.self))
    }

    static func parse(_ text: String) -> Response {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        var body = parts.dropFirst().joined(separator: "\r\n\r\n")
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let end = rest.range(of: "\r\n"), let size = Int(rest[..<end.lowerBound], radix: 16), size > 0 {
            let start = end.upperBound
            let bytes = Array(rest[start...].utf8)
            out += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return out
    }

    /// An open SSE stream: read what arrived until `text` shows up (or the timeout).
    final class Stream {
        let fd: Int32
        var received = ""

        init(port: Int, path: String = "/api/events") {
            fd = HTTPClient.connect(port)
            HTTPClient.send(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        }

        deinit { close(fd) }

        func read(until text: String, timeout: Double = 5) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            var chunk = [UInt8](repeating: 0, count: 65536)
            var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while Date() < deadline {
                if received.contains(text) { return true }
                if poll(&pollfd, 1, 50) > 0 {
                    let count = Glibc.read(fd, &chunk, chunk.count)
                    if count <= 0 { return received.contains(text) }
                    received += String(decoding: chunk[0..<count], as: UTF8.self)
                }
            }
            return received.contains(text)
        }
    }
}

extension HTTPClient {
    /// A socket listening on 127.0.0.1:`port` (to hold a port in a test).
    struct Listener {
        let fd: Int32
        func close() { Glibc.close(fd) }
    }

    static func listen(_ port: Int) -> Listener {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        Glibc.listen(fd, 1)
        return Listener(fd: fd)
    }
}
