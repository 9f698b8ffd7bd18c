import Display
import HAL
import HALTesting

/// An SSD1306 as the bytes on the bus describe it: reads I2C transactions (control bytes with Co and
/// D/C#, commands with their argument counts, the three addressing modes, column and page windows,
/// data writes) and rebuilds the panel's GDDRAM and registers. Independent of the driver's code, so
/// that comparing its GDDRAM with the framebuffer checks what the driver really sent.
struct PanelEmulator {
    enum AddressingMode: Equatable { case horizontal, vertical, page }

    var gddram = [[UInt8]](repeating: [UInt8](repeating: 0, count: 128), count: 8)
    var mode = AddressingMode.page  // reset value (§10.1.3)
    var column = 0, page = 0
    var columnWindow = 0...127, pageWindow = 0...7
    var contrast: UInt8 = 0x7F
    var isOn = false
    var multiplexRatio = 64
    var comPins: UInt8 = 0x12
    var chargePump = false
    var segmentRemapped = false, comScanReversed = false
    /// Every command with its arguments, in order.
    var commands: [[UInt8]] = []
    /// Problems found in the stream (unknown control byte, truncated command…).
    var problems: [String] = []

    mutating func feed(_ transactions: [I2CTransaction], address: I2CAddress = .ssd1306) {
        for transaction in transactions {
            guard transaction.address == address else {
                problems.append("write to \(transaction.address), not \(address)")
                continue
            }
            feed(transaction.bytes)
        }
    }

    /// One transaction: control byte, then a stream (Co = 0) or a single byte (Co = 1) and another
    /// control byte (datasheet §8.1.5.2).
    mutating func feed(_ bytes: [UInt8]) {
        var index = 0
        var pending: [UInt8] = []
        while index < bytes.count {
            let control = bytes[index]
            guard control & 0x3F == 0 else {
                problems.append("control byte \(control) has low bits set")
                return
            }
            let continuation = control & 0x80 != 0, isData = control & 0x40 != 0
            let payload = continuation ? bytes[(index + 1)..<min(index + 2, bytes.count)] : bytes[(index + 1)...]
            for byte in payload {
                if isData { writeData(byte) } else { pending.append(byte); pending = command(pending) }
            }
            index += 1 + payload.count
        }
        if !pending.isEmpty { problems.append("truncated command \(pending)") }
    }

    /// Executes `bytes` if it is a whole command; returns what is still waiting for arguments.
    private mutating func command(_ bytes: [UInt8]) -> [UInt8] {
        guard let opcode = bytes.first, bytes.count == 1 + SSD1306Command.argumentCount(of: opcode) else { return bytes }
        commands.append(bytes)
        switch opcode {
        case 0x00...0x0F where mode == .page: column = column & 0xF0 | Int(opcode & 0x0F)
        case 0x10...0x1F where mode == .page: column = column & 0x0F | Int(opcode & 0x0F) << 4
        case 0x20:
            switch bytes[1] & 3 {
            case 0: mode = .horizontal
            case 1: mode = .vertical
            case 2: mode = .page
            default: problems.append("invalid addressing mode")
            }
        case 0x21:
            columnWindow = Int(bytes[1] & 0x7F)...Int(bytes[2] & 0x7F)
            column = columnWindow.lowerBound
        case 0x22:
            pageWindow = Int(bytes[1] & 7)...Int(bytes[2] & 7)
            page = pageWindow.lowerBound
        case 0xB0...0xB7 where mode == .page: page = Int(opcode & 7)
        case 0x81: contrast = bytes[1]
        case 0xA0, 0xA1: segmentRemapped = opcode == 0xA1
        case 0xC0, 0xC8: comScanReversed = opcode == 0xC8
        case 0xA8: multiplexRatio = Int(bytes[1] & 0x3F) + 1
        case 0xDA: comPins = bytes[1]
        case 0x8D: chargePump = bytes[1] & 0x04 != 0
        case 0xAE, 0xAF: isOn = opcode == 0xAF
        default: break
        }
        return []
    }

    /// One GDDRAM byte at the pointers, then the pointers move as the addressing mode says (§10.1.3).
    private mutating func writeData(_ byte: UInt8) {
        gddram[page][column] = byte
        switch mode {
        case .page:
            column = column == 127 ? 0 : column + 1  // wraps within the page, page unchanged
        case .horizontal:
            if column < columnWindow.upperBound {
                column += 1
            } else {
                column = columnWindow.lowerBound
                page = page < pageWindow.upperBound ? page + 1 : pageWindow.lowerBound
            }
        case .vertical:
            if page < pageWindow.upperBound {
                page += 1
            } else {
                page = pageWindow.lowerBound
                column = column < columnWindow.upperBound ? column + 1 : columnWindow.lowerBound
            }
        }
    }

    /// The visible part of GDDRAM as a framebuffer of `size`.
    func framebuffer(_ size: PanelSize) -> Framebuffer {
        var frame = Framebuffer(size: size)
        for y in 0..<size.height {
            for x in 0..<size.width where gddram[y / 8][x] & (1 << UInt8(y % 8)) != 0 { frame[x, y] = true }
        }
        return frame
    }
}
