import Foundation
import Testing

/// A real PostgreSQL 15 (Debian's postgresql), started by the test in its own data directory on a
/// free loopback port (`initdb`, then `postgres -D dir -k dir -p port`), never the system's cluster;
/// stopped by ``stop()`` or at deinit. postgres refuses to run as root: as root (CI), initdb and
/// postgres run as the `postgres` user (runuser) on a directory chowned to it.
///
/// The cluster has a superuser `admin` (trust over the Unix socket, for psql in the tests) and a role
/// `linkyd` with a password (scram-sha-256 over TCP) owning the database `linky`. With `tls`, a
/// self-signed certificate for `localhost`/127.0.0.1 (openssl) and `ssl = on`.
final class PostgresServer: @unchecked Sendable {
    static let bin = "/usr/lib/postgresql/15/bin"
    static let password = "s3cret-linkyd"

    let directory: URL
    let port: Int
    let tls: Bool
    private var process: Process?
    private let asRoot = getuid() == 0

    var data: String { directory.appendingPathComponent("data").path }
    var socketDirectory: String { directory.path }
    var certificate: String { directory.appendingPathComponent("server.crt").path }
    var passwordFile: String { directory.appendingPathComponent("pg.password").path }

    init(tls: Bool = false) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.bin + "/postgres") else {
            throw Failure("PostgreSQL 15 is not installed (\(Self.bin)/postgres): scripts/bootstrap.sh installs postgresql")
        }
        self.tls = tls
        directory = URL(fileURLWithPath: "/tmp/linkyd-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Broker.freePort()
        try (Self.password + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        if asRoot { try run("/bin/chown", ["postgres:postgres", directory.path]) }
        try run(Self.bin + "/initdb", ["-D", data, "-U", "admin", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"], asPostgres: true)
        var settings = "listen_addresses = '127.0.0.1'\nport = \(port)\nunix_socket_directories = '\(socketDirectory)'\nfsync = off\n"
        if tls {
            try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                                         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                         "-keyout", directory.appendingPathComponent("server.key").path, "-out", certificate])
            for file in ["server.key", "server.crt"] {
                let path = directory.appendingPathComponent(file).path
                chmod(path, 0o600)
                if asRoot { try run("/bin/chown", ["postgres:postgres", path]) }
            }
            settings += "ssl = on\nssl_cert_file = '\(certificate)'\nssl_key_file = '\(directory.appendingPathComponent("server.key").path)'\n"
        }
        let conf = URL(fileURLWithPath: data).appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: conf)
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
        try handle.close()
        try start()
        do {
            try psql("CREATE ROLE linkyd LOGIN PASSWORD '\(Self.password)'", database: "postgres")
            try psql("CREATE DATABASE linky OWNER linkyd", database: "postgres")
        } catch {
            stop()  // deinit does not run for an object whose init threw
            throw error
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asRoot ? "/usr/sbin/runuser" : Self.bin + "/postgres")
        let arguments = ["-D", data, "-k", socketDirectory, "-p", "\(port)", "-c", "listen_addresses=127.0.0.1"]
        process.arguments = asRoot ? ["-u", "postgres", "--", Self.bin + "/postgres"] + arguments : arguments
        let log = FileHandle(forWritingAtPath: logPath) ?? {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            return FileHandle(forWritingAtPath: logPath)!
        }()
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.runUnblocked()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? psql("SELECT 1", database: "postgres")) == "1" { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw Failure("postgres did not start on 127.0.0.1:\(port): \(self.log)")
    }

    /// SIGINT to the postmaster (fast shutdown: clients disconnected, data kept; its pid from
    /// postmaster.pid, not runuser's), then waits for the exit.
    func stop() {
        guard let process, process.isRunning else { return }
        let pidFile = (try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8))?.split(separator: "\n").first
        kill(pidFile.flatMap { pid_t($0) } ?? process.processIdentifier, SIGINT)
        process.waitUntilExit()
        self.process = nil
    }

    var logPath: String { directory.appendingPathComponent("postgres.log").path }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// psql over the Unix socket as `admin`: unaligned, tuples only, `|` between columns.
    @discardableResult
    func psql(_ sql: String, database: String = "linky") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", "\(port)", "-U", "admin", "-d", database, "-c", sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.runUnblocked()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("psql \(sql.prefix(80)): \(String(decoding: problem, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func lines(_ sql: String) throws -> [String] {
        try psql(sql).split(separator: "\n").map(String.init)
    }

    private func run(_ tool: String, _ arguments: [String], asPostgres: Bool = false) throws {
        let process = Process()
        let viaRunuser = asPostgres && asRoot
        process.executableURL = URL(fileURLWithPath: viaRunuser ? "/usr/sbin/runuser" : tool)
        process.arguments = viaRunuser ? ["-u", "postgres", "--", tool] + arguments : arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.runUnblocked()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("\(tool) failed: \(String(decoding: problem, as: UTF8.self))")
        }
    }
}
