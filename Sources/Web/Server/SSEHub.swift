import Controller
import NIOCore
import Synchronization

/// The server-sent-events clients: each message is encoded once and queued for every client in a
/// bounded buffer of its own. Broadcasting never waits: a client whose buffer is full (it does not
/// read, or reads too slowly) is dropped — its stream ends and the browser reconnects — so no client
/// can hold memory or slow anyone down.
///
/// While at least one client is connected, the hub follows the controller's live statuses
/// (``EventBroadcaster/followLiveStatus()``, once ``follow(_:)`` was called): a status at every new power
/// reaches the open pages within milliseconds. With no page open, the controller builds statuses only at
/// frame ends, switches and ticks — nobody would see the others.
public final class SSEHub: Sendable {
    /// Messages a client may have waiting before it is dropped.
    public let capacity: Int
    private let state = Mutex(State())

    private struct State {
        var clients: [Int: Client] = [:]
        var nextID = 0
        var closed = false
        var dropped = 0
        var broadcaster: EventBroadcaster?
        var following: LiveStatusFollowing?

        /// Live statuses while a client is connected.
        mutating func updateFollowing() {
            if clients.isEmpty {
                following = nil
            } else if following == nil, let broadcaster {
                following = broadcaster.followLiveStatus()
            }
        }
    }

    private struct Client {
        var queue: [ByteBuffer] = []
        var waiter: CheckedContinuation<ByteBuffer?, Never>?
    }

    public init(capacity: Int = 32) {
        self.capacity = max(1, capacity)
    }

    /// Clients connected now.
    public var count: Int { state.withLock { $0.clients.count } }
    /// Closed (graceful shutdown): no new client.
    public var isClosed: Bool { state.withLock { $0.closed } }
    /// Clients dropped for falling behind, since start.
    public var droppedCount: Int { state.withLock { $0.dropped } }

    /// Follow `broadcaster`'s live statuses while clients are connected.
    public func follow(_ broadcaster: EventBroadcaster) {
        state.withLock { state in
            state.broadcaster = broadcaster
            state.updateFollowing()
        }
    }

    /// A new client, with `first` queued (the current status); nil once closed.
    public func connect(first: [ByteBuffer]) -> Int? {
        state.withLock { state in
            guard !state.closed else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.clients[id] = Client(queue: Array(first.suffix(capacity)))
            state.updateFollowing()
            return id
        }
    }

    /// Queues `message` for every client; drops those whose buffer is full. Never blocks.
    public func broadcast(_ message: ByteBuffer) {
        var wake: [CheckedContinuation<ByteBuffer?, Never>] = []
        state.withLock { state in
            for id in Array(state.clients.keys) {
                guard var client = state.clients[id] else { continue }
                if let waiter = client.waiter {
                    client.waiter = nil
                    state.clients[id] = client
                    wake.append(waiter)
                } else if client.queue.count >= capacity {
                    state.clients[id] = nil
                    state.dropped += 1
                } else {
                    client.queue.append(message)
                    state.clients[id] = client
                }
            }
            state.updateFollowing()
        }
        for waiter in wake { waiter.resume(returning: message) }
    }

    /// The client's next message, waiting for one; nil once it was dropped, disconnected or the hub
    /// closed (its stream then ends).
    public func next(_ id: Int) async -> ByteBuffer? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ByteBuffer?, Never>) in
                enum Step { case message(ByteBuffer), end, wait }
                let step: Step = state.withLock { state in
                    guard var client = state.clients[id], !Task.isCancelled else { return .end }
                    if !client.queue.isEmpty {
                        let message = client.queue.removeFirst()
                        state.clients[id] = client
                        return .message(message)
                    }
                    client.waiter = continuation
                    state.clients[id] = client
                    return .wait
                }
                switch step {
                case .message(let message): continuation.resume(returning: message)
                case .end: continuation.resume(returning: nil)
                case .wait: break
                }
            }
        } onCancel: {
            disconnect(id)
        }
    }

    /// Forgets a client (its stream ended or failed).
    public func disconnect(_ id: Int) {
        let waiter = state.withLock { state in
            defer { state.updateFollowing() }
            return state.clients.removeValue(forKey: id)?.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Ends every stream and refuses new clients (graceful shutdown).
    public func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<ByteBuffer?, Never>] in
            state.closed = true
            let waiters = state.clients.values.compactMap(\.waiter)
            state.clients.removeAll()
            state.updateFollowing()
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    /// One SSE message: `event: NAME` and the data on one line.
    public static func message(event: String, data: String) -> ByteBuffer {
        ByteBuffer(string: "event: \(event)\ndata: \(data)\n\n")
    }
}
