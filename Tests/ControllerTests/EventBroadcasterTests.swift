import Synchronization
import Testing
import TIC
@testable import Controller

/// The observers' seam: every event in order, bounded buffers, latest status.
struct EventBroadcasterTests {
    static func event(_ index: Int) -> ControllerEvent { ControllerEvent(at: .seconds(index), .meterBack(meter: "m\(index)")) }

    static func times(_ deliveries: [EventSubscription.Delivery]) -> [String] {
        deliveries.map {
            switch $0 {
            case .event(let event): "\(event.at.components.seconds)"
            case .missed(let count): "missed \(count)"
            }
        }
    }

    @Test func everySubscriberGetsEveryEventInOrder() async {
        let broadcaster = EventBroadcaster()
        let first = broadcaster.subscribe(), second = broadcaster.subscribe()
        for index in 0..<100 { broadcaster.publish([Self.event(index)]) }
        broadcaster.finish()
        var a: [EventSubscription.Delivery] = [], b: [EventSubscription.Delivery] = []
        for await delivery in first { a.append(delivery) }
        for await delivery in second { b.append(delivery) }
        #expect(Self.times(a) == (0..<100).map { "\($0)" })
        #expect(Self.times(b) == Self.times(a))
    }

    @Test func aSubscriberThatFallsBehindIsToldHowManyItMissed() async {
        let broadcaster = EventBroadcaster()
        let slow = broadcaster.subscribe(capacity: 10)
        for index in 0..<25 { broadcaster.publish([Self.event(index)]) }   // never read meanwhile
        broadcaster.finish()
        var got: [EventSubscription.Delivery] = []
        for await delivery in slow { got.append(delivery) }
        // The backlog of 10 was dropped twice (at 10 and 20), the last 5 are delivered.
        #expect(Self.times(got) == ["missed 20", "20", "21", "22", "23", "24"])
    }

    @Test func aWaitingSubscriberIsWokenAndCancellationEndsIt() async {
        let broadcaster = EventBroadcaster()
        let subscription = broadcaster.subscribe()
        let reader = Task { () -> [String] in
            var seen: [String] = []
            for await delivery in subscription { seen += Self.times([delivery]) }
            return seen
        }
        try? await Task.sleep(for: .milliseconds(20))
        broadcaster.publish([Self.event(7)])
        try? await Task.sleep(for: .milliseconds(20))
        reader.cancel()
        let seen = await reader.value
        #expect(seen == ["7"])
    }

    @Test func statusUpdatesGiveTheNewest() async throws {
        let broadcaster = EventBroadcaster()
        var core = ControllerCore(rules: try ControllerCoreTests.rules(), at: .zero, local: ControllerCoreTests.monday)
        var events: [ControllerEvent] = []
        broadcaster.publish([], status: core.status)
        core.tick(at: .seconds(5), local: ControllerCoreTests.monday, into: &events)
        broadcaster.publish([], status: core.status)
        var iterator = broadcaster.statusUpdates().makeAsyncIterator()
        let newest = await iterator.next()
        #expect(newest?.at == .seconds(5))     // the first one was replaced, never delivered
        broadcaster.finish()
        #expect(await iterator.next() == nil)
    }

    /// With a status source, a publication only says the status changed: it is built when read, once
    /// per change however often it is read, and status waiters wake at each change.
    @Test func aSourcedStatusIsBuiltWhenReadOncePerChange() async throws {
        final class Source: @unchecked Sendable {
            let lock: Mutex<(core: ControllerCore, builds: Int)>
            init(_ core: ControllerCore) { lock = Mutex((core, 0)) }
            func build() -> ControllerStatus { lock.withLock { $0.builds += 1; return $0.core.status } }
            func tick(_ seconds: Int) {
                lock.withLock { state in
                    var events: [ControllerEvent] = []
                    state.core.tick(at: .seconds(seconds), local: ControllerCoreTests.monday, into: &events)
                }
            }
            var builds: Int { lock.withLock { $0.builds } }
        }
        let source = Source(ControllerCore(rules: try ControllerCoreTests.rules(), at: .zero, local: ControllerCoreTests.monday))
        let broadcaster = EventBroadcaster()
        broadcaster.setStatusSource { source.build() }
        #expect(source.builds == 0)
        #expect(broadcaster.status?.at == .zero)
        #expect(broadcaster.status?.at == .zero)
        #expect(source.builds == 1)
        for seconds in 1...3 {
            source.tick(seconds)
            broadcaster.publish([], statusChanged: true)
        }
        #expect(source.builds == 1, "changes no one read built nothing")
        var iterator = broadcaster.statusUpdates().makeAsyncIterator()
        #expect(await iterator.next()?.at == .seconds(3))
        #expect(broadcaster.status?.at == .seconds(3))
        #expect(source.builds == 2)
        source.tick(4)
        broadcaster.publish([Self.event(4)], statusChanged: false)
        #expect(broadcaster.status?.at == .seconds(3), "no change published: the built status stands")
        let waiting = Task { await iterator.next()?.at }
        try await Task.sleep(for: .milliseconds(20))
        broadcaster.publish([], statusChanged: true)
        #expect(await waiting.value == .seconds(4))
        broadcaster.finish()
    }

    @Test func aSubscriberGetsOnlyTheKindsItAskedFor() async {
        let broadcaster = EventBroadcaster()
        let notable = broadcaster.subscribe(kinds: .notable)
        broadcaster.publish([ControllerEvent(at: .seconds(1), .valueChanged(meter: "m", label: .papp))])
        broadcaster.publish([ControllerEvent(at: .seconds(2), .valueChanged(meter: "m", label: .iinst)),
                             Self.event(3), ControllerEvent(at: .seconds(4), .stopped)])
        broadcaster.finish()
        var got: [EventSubscription.Delivery] = []
        for await delivery in notable { got.append(delivery) }
        #expect(Self.times(got) == ["3", "4"])
    }
}
