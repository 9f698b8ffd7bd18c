import Foundation
import Testing

/// A real influxd (Debian 12's InfluxDB 1.6), started by the test on loopback with its own config:
/// its own HTTP and RPC ports, its own meta, data and WAL directories in a temporary directory (never
/// the system's server). Stopped by ``stop()`` or at deinit even when the test failed. A missing
/// binary fails the test (scripts/bootstrap.sh installs influxdb), never skips it. Its directory is
/// removed at deinit.
final class InfluxServer: @unchecked Sendable {
    static let binary = "/usr/bin/influxd"

    let directory: URL
    let port: Int
    let rpcPort: Int
    let authEnabled: Bool
    private var process: Process?

    var url: String { "http://127.0.0.1:\(port)" }

    init(authEnabled: Bool = false) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw Failure("influxd is not installed (\(Self.binary)): scripts/bootstrap.sh installs influxdb")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-influx-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Broker.freePort()
        rpcPort = try Broker.freePort()
        self.authEnabled = authEnabled
        try """
        reporting-disabled = true
        bind-address = "127.0.0.1:\(rpcPort)"
        [meta]
          dir = "\(directory.path)/meta"
        [data]
          dir = "\(directory.path)/data"
          wal-dir = "\(directory.path)/wal"
          query-log-enabled = false
        [http]
          enabled = true
          bind-address = "127.0.0.1:\(port)"
          auth-enabled = \(authEnabled)
          log-enabled = false
        [monitor]
          store-enabled = false
        [continuous_queries]
          enabled = false
        [subscriber]
          enabled = false
        """.write(to: directory.appendingPathComponent("influxdb.conf"), atomically: true, encoding: .utf8)
        try start()
    }

    /// Stops the server and removes its directory (data, WAL, logs).
    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["-config", directory.appendingPathComponent("influxdb.conf").path]
        let log = directory.appendingPathComponent("influxd.log")
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.runUnblocked()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? request("GET", "/ping").status) == 204 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure("influxd did not answer /ping on 127.0.0.1:\(port): \(self.log.suffix(2000))")
    }

    /// SIGTERM, then waits for the exit.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    var log: String { (try? String(contentsOf: directory.appendingPathComponent("influxd.log"), encoding: .utf8)) ?? "" }

    /// InfluxQL through `/query` (POST, so CREATE/DROP work too); `user` for a server with auth.
    @discardableResult
    func query(_ text: String, database: String? = nil, user: (String, String)? = nil) throws -> [String: Any] {
        var path = "/query?q=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text) + "&epoch=ms"
        if let database { path += "&db=\(database)" }
        if let (name, password) = user { path += "&u=\(name)&p=\(password)" }
        let (status, body) = try request("POST", path)
        guard status == 200, let document = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw Failure("\(text): HTTP \(status) \(body)")
        }
        if let results = document["results"] as? [[String: Any]], let error = results.first?["error"] as? String {
            throw Failure("\(text): \(error)")
        }
        return document
    }

    /// The rows of a SELECT: column name → value, one dictionary per row (first series only).
    func select(_ text: String, database: String) throws -> [[String: Any]] {
        let document = try query(text, database: database)
        guard let results = document["results"] as? [[String: Any]],
              let series = results.first?["series"] as? [[String: Any]] else { return [] }
        var rows: [[String: Any]] = []
        for one in series {
            guard let columns = one["columns"] as? [String], let values = one["values"] as? [[Any]] else { continue }
            let tags = one["tags"] as? [String: Any] ?? [:]
            for value in values {
                var row = tags
                for (column, item) in zip(columns, value) { row[column] = item }
                rows.append(row)
            }
        }
        return rows
    }

    /// A plain HTTP/1.0 exchange on loopback (the fixture checks the server, not linkyd's client).
    func request(_ method: String, _ path: String) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw Failure("cannot connect to 127.0.0.1:\(port)") }
        let text = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let response = String(decoding: data, as: UTF8.self)
        guard let statusLine = response.split(separator: "\r\n").first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1]) else { throw Failure("no HTTP answer from 127.0.0.1:\(port)") }
        let body = response.range(of: "\r\n\r\n").map { String(response[$0.upperBound...]) } ?? ""
        return (status, body)
    }
}
