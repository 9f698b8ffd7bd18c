/// An I/O problem at a hardware edge: what kind, which device, and what the user can do about it.
/// (ARCHITECTURE.md: "I/O problems are HardwareErrors with a kind, the device and an actionable hint".)
public struct HardwareError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case notFound = "not found"
        case permissionDenied = "permission denied"
        case busy = "busy"
        case unsupported = "unsupported"
        case disconnected = "disconnected"
        case io = "I/O error"
    }

    public var kind: Kind
    public var device: String
    public var detail: String
    public var hint: String

    public init(_ kind: Kind, device: String, detail: String, hint: String) {
        self.kind = kind
        self.device = device
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        "\(device): \(kind.rawValue): \(detail)" + (hint.isEmpty ? "" : "\nhint: \(hint)")
    }
}
