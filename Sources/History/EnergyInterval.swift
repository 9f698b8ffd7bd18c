import Controller

/// Energy of one meter over one local interval (hour, day, month, year), and its cost once priced
/// (``priced(by:)``): what `linkyd report` prints. Energy per period is the difference of that
/// period's own index between snapshots (``HistoryStore/energy(meter:from:to:by:)``).
public struct EnergyInterval: Sendable, Hashable {
    public var meter: String
    public var step: ReportStep
    public var key: CalendarDateKey
    /// Wh by period name (`hc-blue`, `hp`, `base`, `index-7`…).
    public var energy: [String: Int]
    /// Wh injected (`EAIT`), nil for a meter that sends no injection index.
    public var injected: Int?
    /// Local days of the interval the meter's subscription is due for (data span ∩ report range).
    public var subscriptionDays: [CalendarDate]
    /// Days of the interval with energy, and their energy by period (for prices that change inside it).
    var daily: [CalendarDate: [String: Int]]
    var dailyInjected: [CalendarDate: Int]

    /// € by period, subscription, injection value and total (nil until priced).
    public var cost: [String: Double] = [:]
    public var subscription: Double?
    public var injectionValue: Double?
    public var total: Double?
    /// Periods with energy and no price in force on some day: not costed (a warning).
    public var unpriced: [String] = []

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var date: String { step.dateText(key) }
    public var totalEnergy: Int { energy.values.reduce(0, +) }

    /// Prices each day's energy with the entry in force that day for this meter; the subscription
    /// is due per day (per hour: a 24th of the day's).
    public func priced(by prices: PriceSchedule) -> EnergyInterval {
        var result = self
        guard !prices.isEmpty else { return result }
        var cost: [String: Double] = [:], unpriced: Set<String> = []
        var injection: Double?
        for (day, energy) in daily {
            let entry = prices.entry(on: day, meter: meter)
            for (period, wh) in energy where wh != 0 {
                if let price = entry?.energy[period] {
                    cost[period, default: 0] += Double(wh) / 1000 * price
                } else {
                    unpriced.insert(period)
                }
            }
            if let wh = dailyInjected[day], wh != 0, let price = entry?.injection {
                injection = (injection ?? 0) + Double(wh) / 1000 * price
            }
        }
        var subscription: Double?
        for day in subscriptionDays {
            if let perDay = prices.entry(on: day, meter: meter)?.subscriptionPerDay {
                subscription = (subscription ?? 0) + (step == .hour ? perDay / 24 : perDay)
            }
        }
        result.cost = cost
        result.subscription = subscription
        result.injectionValue = injection
        result.unpriced = unpriced.sorted()
        result.total = cost.values.reduce(subscription ?? 0, +)
        return result
    }
}
