/// Where a GPIO line is: a chip and a line on it, as the rules file writes them
/// (`gpio: { chip: gpiochip0, line: GPIO17 }`).
///
/// - `chip`: a device name (`gpiochip0`), a path (`/dev/gpiochip0`), a number (`0`) or the chip's
///   label (`pinctrl-bcm2711`, stable across boots while `gpiochipN` numbering may change).
/// - `line`: a line name (`GPIO17`, as `gpioinfo` lists them) or an offset on the chip (`17`).
public struct GPIOLineAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Line: Sendable, Hashable, CustomStringConvertible {
        case name(String)
        case offset(Int)

        /// A line written in a configuration file: all decimal digits is an offset, anything else a name.
        public init(parsing text: String) {
            if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
               let offset = Int(text) {
                self = .offset(offset)
            } else {
                self = .name(text)
            }
        }

        /// `GPIO17` for a name, `offset 17` for an offset.
        public var description: String {
            switch self {
            case .name(let name): name
            case .offset(let offset): "offset \(offset)"
            }
        }
    }

    public var chip: String
    public var line: Line

    public init(chip: String, line: Line) {
        self.chip = chip
        self.line = line
    }

    /// `gpiochip0 line GPIO17`, `gpiochip0 line offset 25`.
    public var description: String { "\(chip) line \(line)" }
}
