/// One observer's view of the controller's events: every event in order, or a note of how many it
/// missed because it fell behind (``EventBroadcaster``). Ends when the broadcaster finishes or the
/// consuming task is cancelled. Iterate it once.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = Delivery

    public enum Delivery: Sendable {
        case event(ControllerEvent)
        /// This many events were dropped since the last delivery: this observer fell behind.
        case missed(Int)
    }

    let broadcaster: EventBroadcaster
    let id: Int

    /// Stops the subscription (its buffer is dropped).
    public func cancel() { broadcaster.unsubscribe(id) }

    public func makeAsyncIterator() -> Iterator { Iterator(broadcaster: broadcaster, id: id) }

    public struct Iterator: AsyncIteratorProtocol {
        let broadcaster: EventBroadcaster
        let id: Int
        private var batch: [ControllerEvent] = []
        private var position = 0

        init(broadcaster: EventBroadcaster, id: Int) {
            self.broadcaster = broadcaster
            self.id = id
        }

        public mutating func next() async -> Delivery? {
            if position < batch.count {
                defer { position += 1 }
                return .event(batch[position])
            }
            guard let (events, missed) = await broadcaster.take(id) else { return nil }
            batch = events
            position = 0
            if missed > 0 { return .missed(missed) }
            return await next()
        }
    }
}

/// The newest ``ControllerStatus`` each time it changes (intermediate ones are skipped).
public struct StatusUpdates: AsyncSequence, Sendable {
    public typealias Element = ControllerStatus
    let broadcaster: EventBroadcaster

    public func makeAsyncIterator() -> Iterator { Iterator(broadcaster: broadcaster, id: broadcaster.newWaiterID()) }

    public struct Iterator: AsyncIteratorProtocol {
        let broadcaster: EventBroadcaster
        let id: Int
        private var version = 0

        init(broadcaster: EventBroadcaster, id: Int) {
            self.broadcaster = broadcaster
            self.id = id
        }

        public mutating func next() async -> ControllerStatus? {
            guard let (status, version) = await broadcaster.status(newerThan: version, waiter: id) else { return nil }
            self.version = version
            return status
        }
    }
}
