import HAL
import HALTesting
import Testing

@Suite struct OutputLineSpyTests {
    @Test func recordsEveryDriveInOrder() throws {
        let spy = OutputLineSpy(name: "ejp-led")
        #expect(spy.state == nil)
        try spy.drive(.on)
        try spy.drive(.on)
        try spy.drive(.off)
        #expect(spy.states == [.on, .on, .off])
        #expect(spy.drives.map(\.sequence) == [0, 1, 2])
        #expect(spy.state == .off)
    }

    @Test func sharedLogOrdersDrivesAcrossLines() throws {
        let log = DriveLog()
        let radiators = OutputLineSpy(name: "radiators", log: log)
        let heater = OutputLineSpy(name: "water-heater", log: log)
        try radiators.drive(.off)
        try heater.drive(.off)
        try heater.drive(.on)
        try radiators.drive(.on)
        #expect(log.drives.map(\.description)
            == ["#0 radiators off", "#1 water-heater off", "#2 water-heater on", "#3 radiators on"])
        #expect(heater.drives.map(\.sequence) == [1, 2])
        #expect(radiators.states == [.off, .on])
        log.removeAll()
        #expect(log.drives.isEmpty)
        #expect(heater.state == nil)
    }

    @Test func injectedFailureThrowsAndRecordsNothing() throws {
        let spy = OutputLineSpy(name: "relay")
        let failure = HardwareError(.disconnected, device: "relay", detail: "gone", hint: "")
        spy.failure = failure
        #expect(throws: failure) { try spy.drive(.on) }
        #expect(spy.drives.isEmpty)
        spy.failure = nil
        try spy.drive(.on)
        #expect(spy.states == [.on])
    }

    @Test func concurrentDrivesAreAllRecorded() async {
        let log = DriveLog()
        let lines = (0..<8).map { OutputLineSpy(name: "line\($0)", log: log) }
        await withTaskGroup(of: Void.self) { group in
            for line in lines {
                group.addTask {
                    for index in 0..<100 { try? line.drive(LineState(index.isMultiple(of: 2))) }
                }
            }
        }
        #expect(log.drives.count == 800)
        #expect(log.drives.map(\.sequence) == Array(0..<800))
        #expect(lines.allSatisfy { $0.drives.count == 100 && $0.state == .off })
    }
}

@Suite struct LineStateTests {
    @Test func logicalStates() {
        #expect(LineState(true) == .on)
        #expect(LineState.on.toggled == .off)
        #expect("\(LineState.on) \(LineState.off)" == "on off")
    }
}

@Suite struct GPIOLineAddressTests {
    @Test(arguments: [
        ("GPIO17", GPIOLineAddress.Line.name("GPIO17")),
        ("17", .offset(17)),
        ("025", .offset(25)),
        ("-1", .name("-1")),
        ("", .name("")),
        ("99999999999999999999999", .name("99999999999999999999999")),
    ])
    func parsesNamesAndOffsets(text: String, expected: GPIOLineAddress.Line) {
        #expect(GPIOLineAddress.Line(parsing: text) == expected)
    }

    @Test func describesItself() {
        #expect(GPIOLineAddress(chip: "gpiochip0", line: .name("GPIO17")).description == "gpiochip0 line GPIO17")
        #expect(GPIOLineAddress(chip: "pinctrl-rp1", line: .offset(25)).description
            == "pinctrl-rp1 line offset 25")
    }
}
