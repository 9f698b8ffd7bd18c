/// Writes valid TIC wire bytes: the inverse of ``FrameDecoder``. Pure; used by the simulator, the
/// tests and benchmarks.
///
/// Layouts (tic-protocol.md §1.1-1.3):
///
/// ```
/// group, historic          LF label SP data SP checksum CR        checksum zone: label SP data
/// group, standard          LF label HT data HT checksum CR        checksum zone: label HT data HT
/// group, standard+horodate LF label HT horodate HT data HT checksum CR
/// frame                    STX group… ETX
/// interrupted frame        STX group… EOT
/// ```
///
/// The encoder writes what it is given: it does not check labels or data against
/// ``KnownLabel/format`` (a test may want to send invalid groups). The separator and checksum
/// zone come from `group.mode`.
public enum TICEncoder {
    /// The checksum character of `group` (tic-protocol.md §1.3): the historic zone excludes the
    /// separator before the checksum, the standard zone includes it.
    public static func checksum(of group: Group) -> UInt8 {
        var zone: [UInt8] = []
        appendZone(of: group, to: &zone)
        return Checksum.of(zone)
    }

    /// Appends `LF label SEP [horodate SEP] data SEP checksum CR`.
    public static func append(_ group: Group, to bytes: inout [UInt8]) {
        bytes.append(ASCII.lf)
        let start = bytes.count
        appendZone(of: group, to: &bytes)
        let checksum = Checksum.of(bytes[start...])
        if group.mode == .historic { bytes.append(ASCII.sp) }
        bytes.append(checksum)
        bytes.append(ASCII.cr)
    }

    /// The bytes of one group, LF to CR included.
    public static func encode(_ group: Group) -> [UInt8] {
        var bytes: [UInt8] = []
        append(group, to: &bytes)
        return bytes
    }

    /// Appends a complete frame: `STX groups ETX`.
    public static func appendFrame(_ groups: [Group], to bytes: inout [UInt8]) {
        bytes.append(ASCII.stx)
        for group in groups { append(group, to: &bytes) }
        bytes.append(ASCII.etx)
    }

    /// The bytes of a complete frame, STX to ETX included.
    public static func encodeFrame(_ groups: [Group]) -> [UInt8] {
        var bytes: [UInt8] = []
        appendFrame(groups, to: &bytes)
        return bytes
    }

    /// Appends a frame the meter interrupted after `groups` (tic-protocol.md §1.1, EOT): `STX
    /// groups EOT`. The decoder reports it as ``FrameEnd/interrupted``.
    public static func appendInterruptedFrame(_ groups: [Group], to bytes: inout [UInt8]) {
        bytes.append(ASCII.stx)
        for group in groups { append(group, to: &bytes) }
        appendInterruption(to: &bytes)
    }

    /// Appends EOT: the meter stops the frame in progress (it restarts later with a new STX).
    public static func appendInterruption(to bytes: inout [UInt8]) {
        bytes.append(ASCII.eot)
    }

    /// `label SEP [horodate SEP] data`, plus the final SEP in standard mode: the checksum zone.
    private static func appendZone(of group: Group, to bytes: inout [UInt8]) {
        let separator = group.mode.separator
        bytes.append(contentsOf: group.label.description.utf8)
        bytes.append(separator)
        if let horodate = group.horodate {
            bytes.append(contentsOf: horodate.description.utf8)
            bytes.append(separator)
        }
        bytes.append(contentsOf: group.data.utf8)
        if group.mode == .standard { bytes.append(separator) }
    }
}
