import Foundation
import Testing

/// A real mosquitto, started by the test on a loopback port with its own config and data directory
/// (never the system's broker), stopped by ``stop()`` or at deinit even when the test failed.
/// A missing binary fails the test (CI installs it through scripts/bootstrap.sh), never skips it.
final class Broker: @unchecked Sendable {
    static let binary = "/usr/sbin/mosquitto"
    static let subscriber = "/usr/bin/mosquitto_sub"

    let directory: URL
    let port: Int
    private var process: Process?

    /// With `secure`: TLS only, with a certificate for 127.0.0.1 signed by a CA made here
    /// (``caFile``), and logins required: user `linkyd`, password ``password``.
    let secure: Bool
    static let password = "s3cret-linkyd"
    var caFile: String { directory.appendingPathComponent("ca.crt").path }
    /// What `mosquitto_sub`/`mosquitto_pub` need to reach this broker.
    var clientOptions: [String] { secure ? ["--cafile", caFile, "-u", "linkyd", "-P", Self.password] : [] }

    init(secure: Bool = false) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary), FileManager.default.isExecutableFile(atPath: Self.subscriber) else {
            throw Failure("mosquitto is not installed (\(Self.binary), \(Self.subscriber)): scripts/bootstrap.sh installs mosquitto and mosquitto-clients")
        }
        self.secure = secure
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-mqtt-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        var security = "allow_anonymous true"
        if secure {
            try Self.makeCertificates(in: directory)
            try Self.run("/usr/bin/mosquitto_passwd", ["-b", "-c", directory.appendingPathComponent("passwords").path, "linkyd", Self.password])
            security = """
            allow_anonymous false
            password_file \(directory.path)/passwords
            cafile \(directory.path)/ca.crt
            certfile \(directory.path)/server.crt
            keyfile \(directory.path)/server.key
            """
        }
        try """
        listener \(port) 127.0.0.1
        \(security)
        persistence true
        persistence_location \(directory.path)/
        autosave_interval 1
        log_dest file \(directory.path)/mosquitto.log
        log_type all
        user \(NSUserName())
        """.write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
        try start()
    }

    deinit { stop() }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["-c", directory.appendingPathComponent("mosquitto.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runUnblocked()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port: port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure("mosquitto did not listen on 127.0.0.1:\(port): \(log)")
    }

    /// SIGTERM (mosquitto saves its persistent sessions), then waits for the exit.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// A CA and a server certificate for 127.0.0.1 signed by it (openssl, 2048-bit RSA, one day).
    static func makeCertificates(in directory: URL) throws {
        let d = directory.path
        try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=linkyd test CA",
                                     "-keyout", "\(d)/ca.key", "-out", "\(d)/ca.crt"])
        try run("/usr/bin/openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                                     "-keyout", "\(d)/server.key", "-out", "\(d)/server.csr"])
        try "subjectAltName = IP:127.0.0.1\n".write(toFile: "\(d)/san.ext", atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["x509", "-req", "-in", "\(d)/server.csr", "-CA", "\(d)/ca.crt", "-CAkey", "\(d)/ca.key",
                                     "-CAcreateserial", "-days", "1", "-extfile", "\(d)/san.ext", "-out", "\(d)/server.crt"])
        // mosquitto drops its privileges to `user`: the key must stay readable.
        chmod("\(d)/server.key", 0o644)
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runUnblocked()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("\(tool) \(arguments.joined(separator: " ")) failed: \(process.terminationStatus)") }
    }

    /// Publishes `payload` on `topic` (`mosquitto_pub`).
    func publish(_ topic: String, _ payload: String, extra: [String] = []) throws {
        try Self.run("/usr/bin/mosquitto_pub", ["-h", "127.0.0.1", "-p", "\(port)", "-t", topic, "-m", payload] + clientOptions + extra)
    }

    var log: String { (try? String(contentsOf: directory.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? "" }

    /// `mosquitto_sub -v` on `topic` until `count` messages or `seconds`: "topic payload" lines.
    /// `then`: run once the subscriber is connected (to see what it causes, not what was retained).
    func read(_ topic: String, count: Int, seconds: Int = 10, extra: [String] = [], then action: (() throws -> Void)? = nil) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.subscriber)
        process.arguments = ["-h", "127.0.0.1", "-p", "\(port)", "-t", topic, "-v", "-C", "\(count)", "-W", "\(seconds)"] + clientOptions + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.runUnblocked()
        if let action {
            Thread.sleep(forTimeInterval: 0.7)
            try action()
        }
        // mosquitto_sub's own -W does not end a -C wait on 2.0.11: the test's deadline does.
        let deadline = Date().addingTimeInterval(Double(seconds))
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port the kernel just gave out on 127.0.0.1 (bound then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure("cannot bind a loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
