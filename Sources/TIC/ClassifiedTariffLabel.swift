/// The supplier's label of the current tariff, standard `LTARF` (trimmed), with the HC/HP period it
/// names, read once when the group is applied (tic-protocol.md §7.2). Its text is supplier-defined:
/// ``MeterState/period`` uses it only when neither `NTARF` nor STGE gives the supplier index.
struct ClassifiedTariffLabel: Sendable, Hashable {
    let text: String
    /// ``TariffPeriod/hc`` for a label with `CREUSE` or starting with `HC`, ``TariffPeriod/hp`` for
    /// `PLEINE` or `HP`, else nil.
    let offPeakPeriod: TariffPeriod?

    init(_ text: String) {
        self.text = text
        if text.contains("CREUSE") || text.hasPrefix("HC") {
            offPeakPeriod = .hc
        } else if text.contains("PLEINE") || text.hasPrefix("HP") {
            offPeakPeriod = .hp
        } else {
            offPeakPeriod = nil
        }
    }
}
