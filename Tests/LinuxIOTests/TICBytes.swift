import TIC

/// Valid TIC bytes for the plumbing tests (checksums computed, tic-protocol.md §1.3).
enum TICBytes {
    static func historicGroup(_ label: String, _ data: String) -> [UInt8] {
        let zone = Array("\(label) \(data)".utf8)
        return [ASCII.lf] + zone + [ASCII.sp, Checksum.of(zone), ASCII.cr]
    }

    static func standardGroup(_ label: String, _ data: String) -> [UInt8] {
        let zone = Array("\(label)\t\(data)\t".utf8)
        return [ASCII.lf] + zone + [Checksum.of(zone), ASCII.cr]
    }

    /// A single-phase historic frame (Base option): 10 groups.
    static let historicFrame: [UInt8] = {
        let groups = [
            ("ADCO", "021861348497"), ("OPTARIF", "BASE"), ("ISOUSC", "30"), ("BASE", "010151175"),
            ("PTEC", "TH.."), ("IINST", "002"), ("IMAX", "090"), ("PAPP", "00420"), ("HHPHC", "A"),
            ("MOTDETAT", "000000"),
        ]
        return [ASCII.stx] + groups.flatMap { historicGroup($0.0, $0.1) } + [ASCII.etx]
    }()

    static let historicFrameGroupCount = 10
}
