/// One I2C bus (a Linux `/dev/i2c-N`), seen from a driver as a sequence of write transactions.
///
/// Contract:
/// - ``write(_:to:)`` is one complete transaction: START, the address with the write bit, every byte
///   of `bytes` in order, STOP. The bytes are the device's own protocol (for an SSD1306, a control
///   byte then commands or display data).
/// - Implementations may split a long transaction only where the caller's protocol allows it; the
///   Linux adapter (`LinuxIO.I2CDevice`) sends it whole when the adapter supports plain I2C, and as
///   SMBus block writes (the first byte repeated, at most 32 more a block) otherwise.
/// - A target that does not acknowledge, a missing bus, a permission problem: `HardwareError`s that
///   name the bus and address and say what to check.
/// - Buses are `Sendable`: they are opened by the composition root and handed to a service.
///
/// Test double: `HALTesting.I2CRecorder` (records, or plays a transcript back and fails on mismatch).
public protocol I2CBus: Sendable {
    /// A human-readable name for logs and errors, e.g. `/dev/i2c-1`.
    var name: String { get }

    /// Writes `bytes` to the target at `address` in one transaction.
    func write(_ bytes: [UInt8], to address: I2CAddress) throws(HardwareError)
}
