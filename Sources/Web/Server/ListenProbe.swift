import Controller
import Glibc

/// Whether the server could listen at an address, asked of the kernel (bind, then close): what
/// `linkyd check` reports and `linkyd run` says before starting the server.
public enum ListenProbe {
    /// Nil when a socket binds at `host:port`; else the reason and what to do.
    public static func problem(host: String, port: Int) -> String? {
        let isIPv6 = host.contains(":")
        let fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "cannot create a socket: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return "'\(host)' is not an IPv6 address" }
            result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else { return "'\(host)' is not an IPv4 address" }
            result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        }
        guard result != 0 else { return nil }
        let code = errno
        switch code {
        case EADDRINUSE:
            return "port \(port) is already in use; hint: `ss -ltnp 'sport = :\(port)'` shows by whom (linkyd itself, if it runs), or choose another port in web: listen:"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine; hint: write 0.0.0.0:\(port) (every interface) or 127.0.0.1:\(port)"
        case EACCES:
            return "port \(port) needs privileges; hint: use a port above 1023, such as 8080"
        default:
            return "cannot listen at \(host):\(port): \(String(cString: strerror(code)))"
        }
    }

    /// The problem with `config`'s address, nil when it binds or the server is off.
    public static func problem(_ config: WebConfig) -> String? {
        guard case .address(let host, let port) = config.listen else { return nil }
        return problem(host: host, port: port)
    }
}
