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

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary), FileManager.default.isExecutableFile(atPath: Self.subscriber) else {
            throw Failure("mosquitto is not installed (\(Self.binary), \(Self.subscriber)): scripts/bootstrap.sh installs mosquitto and mosquitto-clients")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-mqtt-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        try """
        listener \(port) 127.0.0.1
        allow_anonymous true
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

    var log: String { (try? String(contentsOf: directory.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? "" }

    /// `mosquitto_sub -v` on `topic` until `count` messages or `seconds`: "topic payload" lines.
    func read(_ topic: String, count: Int, seconds: Int = 10, extra: [String] = []) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.subscriber)
        process.arguments = ["-h", "127.0.0.1", "-p", "\(port)", "-t", topic, "-v", "-C", "\(count)", "-W", "\(seconds)"] + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.runUnblocked()
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
