import HAL
import Testing

@Suite struct BackoffTests {
    @Test func doublesUpToTheMaximumAndResets() {
        var backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(30))
        let delays = (0..<9).map { _ in backoff.next() }
        #expect(delays == [0.5, 1, 2, 4, 8, 16, 30, 30, 30].map { Duration.milliseconds(Int64($0 * 1000)) })
        backoff.reset()
        #expect(backoff.next() == .milliseconds(500))
    }

    @Test func degenerateBounds() {
        var backoff = Backoff(initial: .zero, maximum: .zero)
        #expect(backoff.next() == .milliseconds(1))
        #expect(backoff.next() == .milliseconds(1))
    }
}
