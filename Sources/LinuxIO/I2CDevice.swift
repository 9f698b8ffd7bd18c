#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CI2C
import HAL
import Synchronization

/// A Linux I2C bus, `/dev/i2c-N` (kernel Documentation/i2c/dev-interface.rst), as an `I2CBus`.
///
/// Opened once; each `write(_:to:)` selects the target with `ioctl(I2C_SLAVE)` when it changes, then
/// sends the bytes with one `write(2)`: one I2C transaction, START to STOP. Adapters that only do
/// SMBus (some USB bridges) get SMBus "write I2C block" transfers through libi2c instead: the first
/// byte as the command, then at most 32 bytes a block.
///
/// ```swift
/// let bus = try I2CDevice(path: "/dev/i2c-1")
/// try bus.write([0x00, 0xAE], to: .ssd1306)
/// ```
public final class I2CDevice: I2CBus {
    /// `/dev/i2c-1`.
    public let name: String
    /// Whether the adapter does plain I2C transfers (else SMBus block writes are used).
    public let hasPlainTransfers: Bool
    private struct State {
        var fd: Int32
        var address: I2CAddress?
    }
    private let state: Mutex<State>

    /// Opens `path`: `/dev/i2c-1`, or just the bus number (`1`).
    /// - Throws: `HardwareError` — `.notFound` with how to enable I2C on a Raspberry Pi,
    ///   `.permissionDenied` with the group to join, `.unsupported` for a file that is not an I2C bus.
    public init(path: String) throws(HardwareError) {
        let device = path.allSatisfy(\.isNumber) && !path.isEmpty ? "/dev/i2c-" + path : path
        let fd = open(device, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw Self.openError(errno, device: device) }
        var functionality: UInt = 0
        guard linkyd_i2c_functionality(fd, &functionality) == 0 else {
            let code = errno
            close(fd)
            throw Self.notAnAdapter(code, device: device)
        }
        let plain = linkyd_i2c_has_plain_transfers(functionality) != 0
        guard plain || linkyd_i2c_has_block_writes(functionality) != 0 else {
            close(fd)
            throw HardwareError(.unsupported, device: device, detail: "the adapter can neither write I2C nor SMBus blocks",
                                hint: "use the Raspberry Pi's own I2C bus (/dev/i2c-1, pins 3 and 5)")
        }
        name = device
        hasPlainTransfers = plain
        state = Mutex(State(fd: fd))
    }

    deinit {
        state.withLock { state in
            if state.fd >= 0 { close(state.fd) }
            state.fd = -1
        }
    }

    public func write(_ bytes: [UInt8], to address: I2CAddress) throws(HardwareError) {
        guard !bytes.isEmpty else { return }
        let failure: HardwareError? = state.withLock { state in
            if state.address != address {
                guard linkyd_i2c_set_address(state.fd, Int32(address.value)) == 0 else {
                    return Self.addressError(errno, device: name, address: address)
                }
                state.address = address
            }
            if hasPlainTransfers {
                let written = bytes.withUnsafeBytes { Glibc.write(state.fd, $0.baseAddress, $0.count) }
                if written < 0 { return Self.writeError(errno, device: name, address: address) }
                if written != bytes.count {
                    return HardwareError(.io, device: name, detail: "short write to \(address): \(written) of \(bytes.count) bytes",
                                         hint: "check the wiring; try a lower bus speed (dtparam=i2c_arm_baudrate=100000)")
                }
                return nil
            }
            let command = bytes[0]
            var start = 1
            repeat {
                let end = min(start + 32, bytes.count)
                let block = Array(bytes[start..<end])
                let status = block.withUnsafeBufferPointer {
                    linkyd_i2c_write_block(state.fd, command, UInt8($0.count), $0.baseAddress)
                }
                if status < 0 { return Self.writeError(errno, device: name, address: address) }
                start = end
            } while start < bytes.count
            return nil
        }
        if let failure { throw failure }
    }
}
