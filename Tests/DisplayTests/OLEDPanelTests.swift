@testable import Display
import HAL
import HALTesting
import Synchronization
import Testing
import TIC

@Suite struct OLEDPanelTests {
    static let absent = HardwareError(.notFound, device: "/dev/i2c-1", detail: "cannot open", hint: "enable I2C")

    final class Events: Sendable {
        let list = Mutex<[OLEDPanel<I2CRecorder>.Event]>([])
        var all: [OLEDPanel<I2CRecorder>.Event] { list.withLock { $0 } }
        func record(_ event: OLEDPanel<I2CRecorder>.Event) { list.withLock { $0.append(event) } }
    }

    final class Opener: Sendable {
        let failure = Mutex<HardwareError?>(OLEDPanelTests.absent)
        let opened = Mutex(0)
        let bus = I2CRecorder()
        func open() throws(HardwareError) -> I2CRecorder {
            if let failure = failure.withLock({ $0 }) { throw failure }
            opened.withLock { $0 += 1 }
            return bus
        }
    }

    @Test func anAbsentDisplayIsReportedOnceRetriedWithBackoffAndRecovered() {
        let events = Events(), opener = Opener()
        let panel = OLEDPanel(size: .size128x32, retry: PanelRetry(initial: .seconds(2), maximum: .seconds(8)),
                              open: { () throws(HardwareError) in try opener.open() }, onEvent: events.record)
        let start = ContinuousClock.now
        let frame = Framebuffer(size: .size128x32)
        let settings = DisplaySettings.standard, time = TimeOfDay(hour: 12, minute: 0)
        #expect(!panel.show(frame, settings: settings, localTime: time, at: start))
        #expect(!panel.show(frame, settings: settings, localTime: time, at: start + .seconds(1)), "waits 2 s")
        #expect(!panel.show(frame, settings: settings, localTime: time, at: start + .seconds(2)))
        #expect(events.all == [.unavailable(Self.absent)], "the same error is reported once")
        #expect(panel.lastError == Self.absent)

        opener.failure.withLock { $0 = nil }
        #expect(!panel.show(frame, settings: settings, localTime: time, at: start + .seconds(5)), "next attempt at 2 + 4 s")
        #expect(panel.show(frame, settings: settings, localTime: time, at: start + .seconds(6)))
        #expect(events.all == [.unavailable(Self.absent), .recovered])
        #expect(panel.isShowing && panel.lastError == nil)
        #expect(opener.opened.withLock { $0 } == 1)
    }

    @Test func aFailingPanelIsReopenedAndReinitialised() {
        let events = Events(), opener = Opener()
        opener.failure.withLock { $0 = nil }
        let panel = OLEDPanel(size: .size128x64, retry: PanelRetry(initial: .seconds(1)),
                              open: { () throws(HardwareError) in try opener.open() }, onEvent: events.record)
        let start = ContinuousClock.now
        var frame = Framebuffer(size: .size128x64)
        let night = DisplaySettings(contrast: 0xCF, night: .init(from: TimeOfDay(hour: 22, minute: 0), to: TimeOfDay(hour: 7, minute: 0), contrast: 0x01))
        #expect(panel.show(frame, settings: night, localTime: TimeOfDay(hour: 23, minute: 0), at: start))
        var emulator = PanelEmulator()
        emulator.feed(opener.bus.transactions)
        #expect(emulator.contrast == 0x01, "night contrast at 23:00")

        let nack = HardwareError(.notFound, device: "i2c", detail: "nack", hint: "wiring")
        opener.bus.failure = nack
        frame[1, 1] = true
        #expect(!panel.show(frame, settings: night, localTime: TimeOfDay(hour: 23, minute: 1), at: start + .seconds(1)))
        #expect(events.all == [.unavailable(nack)])
        opener.bus.failure = nil
        opener.bus.removeAll()
        #expect(panel.show(frame, settings: night, localTime: TimeOfDay(hour: 8, minute: 0), at: start + .seconds(2)))
        emulator = PanelEmulator()
        emulator.feed(opener.bus.transactions)
        #expect(emulator.commands.first == [0xAE], "re-initialised from scratch")
        #expect(emulator.contrast == 0xCF, "day contrast at 08:00")
        #expect(emulator.framebuffer(.size128x64) == frame)
        #expect(opener.opened.withLock { $0 } == 2)

        panel.shutdown()
        #expect(opener.bus.transactions.last?.bytes == [0x00, 0xAE])
    }

    @Test func retryDecisionsArePure() {
        var retry = PanelRetry(initial: .seconds(1), maximum: .seconds(4))
        let t0 = ContinuousClock.now
        let a = HardwareError(.notFound, device: "d", detail: "a", hint: ""), b = HardwareError(.io, device: "d", detail: "b", hint: "")
        #expect(retry.shouldAttempt(at: t0))
        let first = retry.failed(a, at: t0)
        #expect(first)
        #expect(!retry.shouldAttempt(at: t0 + .milliseconds(999)) && retry.shouldAttempt(at: t0 + .seconds(1)))
        let again = retry.failed(a, at: t0 + .seconds(1))
        #expect(!again)
        #expect(retry.nextAttempt == t0 + .seconds(3))
        let other = retry.failed(b, at: t0 + .seconds(3))
        #expect(other, "a different error is reported")
        #expect(retry.nextAttempt == t0 + .seconds(7), "capped at 4 s")
        let recovered = retry.succeeded(), recoveredTwice = retry.succeeded()
        #expect(recovered && !recoveredTwice)
    }
}
