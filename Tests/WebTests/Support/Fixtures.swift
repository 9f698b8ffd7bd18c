import Foundation
import TIC

/// Rules files and meter frames for the web tests.
enum Fixtures {
    /// A rules file on `port` (a pty) with one output, the web server at `listen`.
    static func rules(port: String, listen: String, extra: String = "") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-web-\(UUID()).yaml").path
        try """
        meters:
          main: { port: \(port), mode: historic }
        outputs:
          water-heater: { gpio: { chip: gpiochip0, line: 17 }, initial: off, failsafe: off }
        rules:
          - { name: off-peak heating, when: { period: hc-blue }, then: { water-heater: on } }
        web:
          listen: \(listen)
        \(extra)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A historic Tempo frame with `power` VA.
    static func frame(power: Int, period: String = "HCJB") -> [UInt8] {
        let groups = [("ADCO", "041876097326"), ("OPTARIF", "BBR("), ("ISOUSC", "45"), ("BBRHCJB", "012345678"),
                      ("BBRHPJB", "023456789"), ("BBRHCJW", "000000000"), ("BBRHPJW", "000000000"), ("BBRHCJR", "000000000"),
                      ("BBRHPJR", "000000000"), ("PTEC", period), ("DEMAIN", "ROUG"), ("IINST", String(format: "%03d", power / 230)),
                      ("IMAX", "090"), ("PAPP", String(format: "%05d", power)), ("HHPHC", "A"), ("MOTDETAT", "000000")]
        return TICEncoder.encodeFrame(groups.map { Group(mode: .historic, label: Label($0.0) ?? "X", data: $0.1) })
    }

    /// Where screenshots go: `.build/artefacts/web` in the package (printed by the tests).
    static var artefacts: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent(".build/artefacts/web").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A step of a browser test on standard error (unbuffered), so a CI log shows where it stands.
func trace(_ text: String) {
    FileHandle.standardError.write(Data("[web test] \(text)\n".utf8))
}
