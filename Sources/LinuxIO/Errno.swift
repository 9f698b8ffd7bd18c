#if canImport(Glibc)
import Glibc
#endif

/// The system's words for an errno value, for the `detail` of a `HardwareError`.
enum Errno {
    static func text(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
