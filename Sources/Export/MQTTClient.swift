import CMosquitto
import Controller
import Foundation
import Synchronization

/// One libmosquitto connection (Debian's libmosquitto 2.x): MQTT 3.1.1 or 5, TLS, user and password,
/// keepalive, a retained last will, and reconnection with exponential backoff (1 s doubling to 60 s,
/// `mosquitto_reconnect_delay_set`). The network runs on libmosquitto's own thread
/// (`mosquitto_loop_start`): ``publish(_:_:retain:)`` never waits for the network, so no caller — and
/// never the control path — is held by a slow or absent broker.
///
/// What happens is told through `onEvent`, on libmosquitto's thread: keep the handler short.
/// `@unchecked`: the handle is libmosquitto's, whose publish/subscribe/disconnect are thread-safe with
/// `mosquitto_loop_start` (its documented threaded mode); the rest is immutable.
public final class MQTTClient: @unchecked Sendable {
    public enum Event: Sendable {
        case connected
        /// `reason` is libmosquitto's text for the connection's end (or the broker's CONNACK refusal).
        case disconnected(reason: String)
        /// The broker acknowledged message `mid` (QoS 1: PUBACK).
        case acknowledged(mid: Int32)
        case message(topic: String, payload: String)
    }

    private let handle: OpaquePointer
    private let box: Unmanaged<Handler>
    public let server: String

    private final class Handler: Sendable {
        let onEvent: @Sendable (Event) -> Void
        init(_ onEvent: @escaping @Sendable (Event) -> Void) { self.onEvent = onEvent }
    }

    /// libmosquitto loaded (only when an MQTT exporter is made: a daemon without `mqtt:` never maps it
    /// nor its libssl/libcrypto) and initialised, once; or why not.
    private static let library: Result<Void, LibraryProblem> = {
        var error = [CChar](repeating: 0, count: 512)
        guard linkyd_mosquitto_open(&error, error.count) == 0 else {
            return .failure(LibraryProblem(text: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        let rc = mosquitto_lib_init()
        guard rc == MOSQ_ERR_SUCCESS.rawValue else {
            return .failure(LibraryProblem(text: "mosquitto_lib_init: \(String(cString: mosquitto_strerror(rc)))"))
        }
        return .success(())
    }()

    private struct LibraryProblem: Error { let text: String }

    /// Prepares the connection (nothing is sent before ``start()``). Throws ``ExportError`` when
    /// libmosquitto refuses an option (a CA file that cannot be read, for instance).
    public init(config: MQTTConfig, clientID: String, password: String?, willTopic: String,
                onEvent: @escaping @Sendable (Event) -> Void) throws(ExportError) {
        server = "\(config.tls ? "mqtts" : "mqtt")://\(config.host):\(config.port)"
        keepalive = Int32(config.keepalive.components.seconds)
        host = config.host
        port = Int32(config.port)
        if case .failure(let problem) = Self.library {
            throw ExportError(server: server, problem: "cannot load libmosquitto (\(problem.text))",
                              hint: "install it: sudo apt-get install libmosquitto1")
        }
        guard let handle = mosquitto_new(clientID, true, nil) else {
            throw ExportError(server: server, problem: "libmosquitto could not make a client", hint: "is libmosquitto1 installed?")
        }
        self.handle = handle
        box = Unmanaged.passRetained(Handler(onEvent))
        mosquitto_user_data_set(handle, box.toOpaque())
        let version = config.protocolVersion == .v5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311
        try check(mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, Int32(version)), doing: "set the protocol version")
        if let user = config.username {
            try check(mosquitto_username_pw_set(handle, user, password), doing: "set the user name")
        }
        let offline = Array("offline".utf8)
        try check(mosquitto_will_set(handle, willTopic, Int32(offline.count), offline, 1, true), doing: "set the last will")
        if config.tls {
            let capath = config.caFile == nil ? "/etc/ssl/certs" : nil
            try check(mosquitto_tls_set(handle, config.caFile, capath, nil, nil, nil),
                      doing: "set up TLS with \(config.caFile ?? "/etc/ssl/certs")", hint: "ca-file: must be a readable PEM file")
        }
        try check(mosquitto_reconnect_delay_set(handle, 1, 60, true), doing: "set the reconnection delay")
        mosquitto_connect_callback_set(handle) { _, user, rc in
            guard let user else { return }
            let handler = Unmanaged<Handler>.fromOpaque(user).takeUnretainedValue()
            if rc == 0 {
                handler.onEvent(.connected)
            } else {
                // MQTT 3.1.1 CONNACK codes are 1-5; MQTT 5 reason codes are 0x80 and above.
                let text = rc >= 0x80 ? mosquitto_reason_string(rc) : mosquitto_connack_string(rc)
                handler.onEvent(.disconnected(reason: "the broker refused the connection: " + String(cString: text!)))
            }
        }
        mosquitto_disconnect_callback_set(handle) { _, user, rc in
            guard let user else { return }
            Unmanaged<Handler>.fromOpaque(user).takeUnretainedValue()
                .onEvent(.disconnected(reason: rc == 0 ? "disconnected" : String(cString: mosquitto_strerror(rc)).trimmingCharacters(in: CharacterSet(charactersIn: ".")) ))
        }
        mosquitto_publish_callback_set(handle) { _, user, mid in
            guard let user else { return }
            Unmanaged<Handler>.fromOpaque(user).takeUnretainedValue().onEvent(.acknowledged(mid: mid))
        }
        mosquitto_message_callback_set(handle) { _, user, message in
            guard let user, let message, let topic = message.pointee.topic else { return }
            let length = Int(message.pointee.payloadlen)
            let payload = message.pointee.payload.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self)
            } ?? ""
            Unmanaged<Handler>.fromOpaque(user).takeUnretainedValue().onEvent(.message(topic: String(cString: topic), payload: payload))
        }
    }

    private let keepalive: Int32
    private let host: String
    private let port: Int32

    deinit {
        mosquitto_destroy(handle)
        box.release()
    }

    /// Starts connecting on libmosquitto's thread; it reconnects by itself after any loss. A broker
    /// that is down now is not an error: the first attempt's failure is returned for the log.
    @discardableResult
    public func start() -> String? {
        let rc = mosquitto_connect_async(handle, host, port, keepalive)
        mosquitto_loop_start(handle)
        return rc == MOSQ_ERR_SUCCESS.rawValue ? nil : String(cString: mosquitto_strerror(rc))
    }

    /// Queues a message (QoS 1). Returns its message id (acknowledged later by
    /// ``Event/acknowledged(mid:)``), or nil when libmosquitto refused it (not connected, queue full).
    @discardableResult
    public func publish(_ topic: String, _ payload: String, retain: Bool) -> Int32? {
        var mid: Int32 = 0
        let bytes = Array(payload.utf8)
        let rc = mosquitto_publish(handle, &mid, topic, Int32(bytes.count), bytes, 1, retain)
        return rc == MOSQ_ERR_SUCCESS.rawValue ? mid : nil
    }

    public func subscribe(_ topic: String) {
        mosquitto_subscribe(handle, nil, topic, 1)
    }

    /// Disconnects cleanly (the will is not sent: publish `offline` first) and stops the thread.
    public func stop() {
        mosquitto_disconnect(handle)
        mosquitto_loop_stop(handle, false)
    }

    private func check(_ rc: Int32, doing what: String, hint: String? = nil) throws(ExportError) {
        guard rc != MOSQ_ERR_SUCCESS.rawValue else { return }
        throw ExportError(server: server, problem: "cannot \(what): \(String(cString: mosquitto_strerror(rc)))", hint: hint)
    }
}
