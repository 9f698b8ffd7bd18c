import HAL

/// Outputs name their line with HAL's ``HAL/GPIOLineAddress`` (chip by name, path, number or label;
/// line by name or offset), the same value `LinuxIO.GPIOOutputLine` opens.
public typealias GPIOLineAddress = HAL.GPIOLineAddress

extension HAL.GPIOLineAddress.Line {
    /// The offset a Raspberry Pi name `GPIOn` usually stands for on the main chip (to warn about a
    /// line written once by name and once by number).
    public var probableOffset: Int? {
        switch self {
        case .offset(let offset): return offset
        case .name(let name):
            guard name.uppercased().hasPrefix("GPIO") else { return nil }
            return Int(name.dropFirst(4))
        }
    }
}
