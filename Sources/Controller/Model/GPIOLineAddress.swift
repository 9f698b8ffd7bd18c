/// Which GPIO line an output drives: a chip and a line on it, each by name or number, as libgpiod
/// finds them (`gpiodetect`, `gpioinfo`).
public struct GPIOLineAddress: Sendable, Hashable, CustomStringConvertible {
    /// A GPIO chip: by device name (`gpiochip0`, `/dev/gpiochip0`) or by label (`pinctrl-bcm2711`).
    public enum Chip: Sendable, Hashable, CustomStringConvertible {
        case name(String)
        case label(String)

        /// `gpiochipN` and paths are names; anything else is a label.
        public init(_ text: String) {
            let isName = text.hasPrefix("/") || (text.hasPrefix("gpiochip") && text.dropFirst(8).allSatisfy(\.isNumber) && text.count > 8)
            self = isName ? .name(text) : .label(text)
        }

        public var description: String {
            switch self {
            case .name(let name): name
            case .label(let label): label
            }
        }
    }

    /// A line: by name (`GPIO17`, from the device tree's `gpio-line-names`) or by offset on the chip.
    public enum Line: Sendable, Hashable, CustomStringConvertible {
        case name(String)
        case offset(Int)

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

        public var description: String {
            switch self {
            case .name(let name): name
            case .offset(let offset): String(offset)
            }
        }
    }

    public var chip: Chip
    public var line: Line

    public init(chip: Chip, line: Line) {
        self.chip = chip
        self.line = line
    }

    public var description: String { "\(chip) line \(line)" }
}
