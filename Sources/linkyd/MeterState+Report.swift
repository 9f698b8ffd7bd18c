import TIC

extension MeterState {
    /// One readable line per frame for `linkyd decode` without `--json`.
    func summary(frame: Int) -> String {
        var parts = ["#\(frame)", mode?.rawValue ?? "?", address ?? "-"]
        if let period { parts.append("period \(period.rawValue)") }
        if let power = apparentPower { parts.append("\(power)") }
        if let injected = injectedPower { parts.append("injecting \(injected)") }
        let amps = currents.present.map { "\($0.value)" }
        if !amps.isEmpty { parts.append(amps.joined(separator: "/") + " A") }
        if let total = totalEnergy { parts.append("\(total)") }
        if let today = tempoToday { parts.append("tempo \(today.rawValue)→\(tempoTomorrow?.rawValue ?? "?")") }
        if ejpNotice { parts.append("EJP NOTICE") }
        if ejpPeak { parts.append("EJP PEAK") }
        if overpower { parts.append("OVERPOWER") }
        return parts.joined(separator: "  ")
    }

}

extension DecoderStatistics {
    var report: String {
        """
        frames: \(frames)
        groups accepted: \(groupsAccepted)
        checksum errors: \(checksumErrors)
        malformed groups: \(malformedGroups)
        interrupted frames: \(interruptedFrames)
        bytes: \(bytes)
        """
    }
}
