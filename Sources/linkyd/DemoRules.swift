/// The rules `linkyd demo` runs when no `--rules` is given: the kitchen LED, the water heater and the
/// radiators of a household on Tempo or EJP, with load shedding. The same shape as rules/*.yaml.
enum DemoRules {
    static let file = "demo.yaml (built in)"
    static let source = """
    meters:
      main: { port: /dev/ttyAMA0, mode: auto }   # the simulated meter stands in for it
    outputs:
      ejp-led:      { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
      water-heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on, min-on: 2 min, min-off: 5 min }   # normally-closed contact
      radiators:    { gpio: { chip: gpiochip0, line: 27 }, initial: on, failsafe: on, min-off: 1 min }
    rules:
      - name: warn of EJP and Tempo red
        when: { any: [ { ejp-notice: true }, { ejp-peak: true }, { tempo-today: red }, { tempo-tomorrow: red } ] }
        then: { ejp-led: on }
      - name: no water heating in expensive hours
        when: { period: [hp-red, hp-white, pm] }
        then: { water-heater: off }
      - name: radiators down in red peak hours
        when: { period: hp-red, for: 1 min }
        then: { radiators: off }
    shedding:
      meter: main
      limit: 95%
      release: 80%
      delay: 5 s
      restore-after: 1 min
      loads: [radiators, water-heater]
    prices:   # Tempo, € including taxes (the /energy page's euros)
      - from: 2026-01-01
        subscription: 0.5012 €/day
        energy: { hc-blue: 0.1296, hp-blue: 0.1609, hc-white: 0.1486, hp-white: 0.1894, hc-red: 0.1568, hp-red: 0.7562 }
    """
}
