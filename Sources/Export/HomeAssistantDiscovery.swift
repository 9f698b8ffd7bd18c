import Controller
import History
import TIC

/// Home Assistant's device-based MQTT discovery (issue 11): one retained config per meter at
/// `<discovery-prefix>/device/linkyd_<address>/config`. Pure: a meter's identity in, the payload out.
///
/// Keys relied on (Home Assistant's MQTT discovery documentation, device-based discovery since 2024.11):
/// `dev` (`ids`, `name`, `mf`, `mdl`, `sn`), `o` (`name`, `sw`, `url`), `cmps` (each with `p`, the
/// platform), `availability` (a list of `topic`, with `payload_available`/`payload_not_available`),
/// `qos`, and per component `unique_id`, `name`, `state_topic`, `value_template`, `device_class`,
/// `unit_of_measurement`, `state_class`, `options` (enum sensors), `json_attributes_topic`,
/// `entity_category`. No `object_id` (removed in Home Assistant 2026.4); Home Assistant derives entity
/// ids from the device and component names.
///
/// Units are the meter's: apparent power in VA with `device_class: apparent_power` (never `power` in W),
/// every withdrawal/injection index `device_class: energy`, `state_class: total_increasing` in Wh (no
/// `last_reset`), so the Energy dashboard takes them as they are.
public struct HomeAssistantDiscovery: Sendable {
    public var discoveryPrefix: String
    public var topics: MQTTTopics
    public var version: String

    public init(discoveryPrefix: String, topics: MQTTTopics, version: String = linkydVersion) {
        self.discoveryPrefix = discoveryPrefix
        self.topics = topics
        self.version = version
    }

    /// Home Assistant's birth topic: `online` there means "send the configs again".
    public var statusTopic: String { "\(discoveryPrefix)/status" }

    public static func deviceID(address: String) -> String { "linkyd_" + MQTTTopics.sanitized(address) }

    public func configTopic(address: String) -> String { "\(discoveryPrefix)/device/\(Self.deviceID(address: address))/config" }

    /// The config of `meter`'s device: the entities its state carries (`state`: which indexes, phases,
    /// voltages it sends), and the outputs (given to the first meter's device only).
    public func config(meter: String, state: MeterState, outputs: [String]) -> String {
        let address = state.address ?? meter
        let id = Self.deviceID(address: address)
        var components: [(String, JSONObject)] = []
        func add(_ key: String, _ platform: String, _ name: String, topic: String, template: String,
                 _ extra: [(String, JSONValue)] = []) {
            var c = JSONObject()
            c.add("p", .string(platform))
            c.add("name", .string(name))
            c.add("unique_id", .string("\(id)_\(key)"))
            c.add("state_topic", .string(topic))
            c.add("value_template", .string(template))
            for (k, v) in extra { c.add(k, v) }
            components.append(("\(id)_\(key)", c))
        }
        let stateTopic = topics.state(meter), powerTopic = topics.power(meter), energyTopic = topics.energy(meter)
        let va: [(String, JSONValue)] = [("device_class", .string("apparent_power")), ("unit_of_measurement", .string("VA")),
                                         ("state_class", .string("measurement"))]
        add("apparent_power", "sensor", "Apparent power", topic: powerTopic, template: "{{ value_json.apparent_power_va }}", va)
        if state.mode == .standard {
            add("injected_power", "sensor", "Injected power", topic: powerTopic, template: "{{ value_json.injected_power_va }}", va)
        }
        let phases = max(1, state.phases)
        for phase in 0..<phases {
            let suffix = phases == 1 ? "" : " L\(phase + 1)"
            add("current_\(phase + 1)", "sensor", "Current" + suffix, topic: powerTopic, template: "{{ value_json.currents_a[\(phase)] }}",
                [("device_class", .string("current")), ("unit_of_measurement", .string("A")), ("state_class", .string("measurement"))])
            if state.mode == .standard {
                add("voltage_\(phase + 1)", "sensor", "Voltage" + suffix, topic: powerTopic, template: "{{ value_json.voltages_v[\(phase)] }}",
                    [("device_class", .string("voltage")), ("unit_of_measurement", .string("V")), ("state_class", .string("measurement"))])
            }
        }
        let values = EnergyIndex.values(of: state)
        for index in EnergyIndex.allCases where values[index.rawValue] != nil {
            let name: String
            switch index {
            case .s1, .s2, .s3, .s4, .s5, .s6, .s7, .s8, .s9, .s10:
                name = "Index \(EnergyIndex.periodName(supplierIndex: index.rawValue + 1, tariff: state.tariffOption))"
            case .east: name = "Total withdrawn"
            case .eait: name = "Total injected"
            case .d1, .d2, .d3, .d4: name = "Distributor index \(index.label)"
            case .q1, .q2, .q3, .q4: continue  // reactive (VArh): not an energy the Energy dashboard takes
            }
            add("index_\(index.label.lowercased())", "sensor", name, topic: energyTopic, template: "{{ value_json.indexes.\(index.label) }}",
                [("device_class", .string("energy")), ("unit_of_measurement", .string("Wh")), ("state_class", .string("total_increasing"))])
        }
        let periods = TariffPeriod.allCases.map(\.rawValue) + ["unknown"]
        add("period", "sensor", "Tariff period", topic: stateTopic, template: "{{ value_json.period or 'unknown' }}",
            [("device_class", .string("enum")), ("options", .array(periods.map(JSONValue.string)))])
        if state.tariffOption == .tempo {
            let colours = TempoColor.allCases.map(\.rawValue) + ["unknown"]
            for (key, name) in [("tempo_today", "Tempo today"), ("tempo_tomorrow", "Tempo tomorrow")] {
                add(key, "sensor", name, topic: stateTopic, template: "{{ value_json.\(key) or 'unknown' }}",
                    [("device_class", .string("enum")), ("options", .array(colours.map(JSONValue.string)))])
            }
        }
        if state.tariffOption == .ejp {
            add("ejp_notice", "binary_sensor", "EJP notice", topic: stateTopic, template: Self.flag("ejp_notice"))
            add("ejp_peak", "binary_sensor", "EJP peak", topic: stateTopic, template: Self.flag("ejp_peak"))
        }
        add("overpower", "binary_sensor", "Overpower", topic: stateTopic, template: Self.flag("overpower"),
            [("device_class", .string("problem"))])
        add("signal_lost", "binary_sensor", "Signal lost", topic: stateTopic, template: Self.flag("signal_lost"),
            [("device_class", .string("problem")), ("entity_category", .string("diagnostic"))])
        for output in outputs {
            add("output_\(MQTTTopics.sanitized(output))", "binary_sensor", "Output \(output)", topic: topics.output(output),
                template: "{{ 'ON' if value_json.state == 'on' else 'OFF' }}",
                [("device_class", .string("power")), ("json_attributes_topic", .string(topics.output(output)))])
        }

        var device = JSONObject()
        device.add("ids", .array([.string(id)]))
        device.add("name", .string("Linky \(meter)"))
        device.add("mf", .string("Enedis"))
        device.add("mdl", .string("Linky (\(state.mode?.rawValue ?? "TIC"))"))
        device.add("sn", .string(address))
        var origin = JSONObject()
        origin.add("name", .string("linkyd"))
        origin.add("sw", .string(version))
        var cmps = JSONObject()
        for (key, component) in components { cmps.add(key, .object(component)) }
        var availability = JSONObject()
        availability.add("topic", .string(topics.availability))
        var root = JSONObject()
        root.add("dev", .object(device))
        root.add("o", .object(origin))
        root.add("cmps", .object(cmps))
        root.add("availability", .array([.object(availability)]))
        root.add("payload_available", .string("online"))
        root.add("payload_not_available", .string("offline"))
        root.add("qos", .int(1))
        return root.line
    }

    static func flag(_ key: String) -> String { "{{ 'ON' if value_json.\(key) else 'OFF' }}" }
}

/// linkyd's version, as the discovery's origin (`o.sw`) states it.
public let linkydVersion = "0.11"
