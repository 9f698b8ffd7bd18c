import CGPIOD

/// A failure reported by the `CGPIOD` shim, in Swift terms: errno, where it happened, and the message.
struct GPIOFailure: Sendable, Hashable {
    enum Stage: Sendable, Hashable {
        /// Finding or opening the chip.
        case chip
        /// Finding the line by name, or checking its offset.
        case line
        /// Requesting the line as an output.
        case request
        /// Setting the value of a requested line.
        case set
    }

    var code: Int32
    var stage: Stage
    /// The number of lines on the chip, when the chip was opened (else 0).
    var lineCount: Int
    /// E.g. `gpiod_line_request_output_flags: Device or resource busy`.
    var message: String

    init(code: Int32, stage: Stage, lineCount: Int = 0, message: String) {
        self.code = code
        self.stage = stage
        self.lineCount = lineCount
        self.message = message
    }

    init(_ error: linkyd_gpio_error) {
        var error = error
        let message = withUnsafeBytes(of: &error.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        let stage: Stage = switch Int(error.stage) {
        case Int(LINKYD_GPIO_STAGE_CHIP.rawValue): .chip
        case Int(LINKYD_GPIO_STAGE_LINE.rawValue): .line
        case Int(LINKYD_GPIO_STAGE_REQUEST.rawValue): .request
        default: .set
        }
        self.init(code: error.code, stage: stage, lineCount: Int(error.num_lines), message: message)
    }
}
