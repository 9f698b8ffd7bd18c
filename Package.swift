// swift-tools-version: 6.0
// linkyd — a Raspberry Pi daemon for the French electricity meter's TIC stream.
// Layout and design: ARCHITECTURE.md (pure core, I/O at the edges).
import PackageDescription

let package = Package(
    name: "linkyd",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "linkyd", targets: ["linkyd"]),
        .library(name: "TIC", targets: ["TIC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // History (issue 9): SQLite in WAL mode, migrations, batched transactions.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Exporters (issue 11) — see the Export target below.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),  // NIOCore: async-http-client's buffers and timeouts
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // Pure decoding: bytes → groups → frames → MeterState; encoder and simulator. No Foundation.
        .target(name: "TIC"),
        // Protocols and value types shared by the hardware edges (and the serial link's events).
        .target(name: "HAL", dependencies: ["TIC"]),
        // Test doubles and fixtures for the hardware edges (OutputLineSpy, I2CRecorder, PseudoTerminal);
        // for test targets only, never linked into linkyd.
        .target(name: "HALTesting", dependencies: ["HAL"]),
        // C shim over libgpiod 1.6 or 2.x (chosen at compile time, see Sources/CGPIOD/gpio_backend.h).
        // Needs libgpiod-dev (scripts/bootstrap.sh); scripts/check-libgpiod2.sh compile-checks 2.x.
        .target(name: "CGPIOD", linkerSettings: [.linkedLibrary("gpiod", .when(platforms: [.linux]))]),
        // libi2c's <i2c/smbus.h> and <linux/i2c-dev.h>, with ioctl wrappers (libi2c-dev, scripts/bootstrap.sh).
        .systemLibrary(name: "CI2C", path: "Sources/CI2C"),
        // Linux I/O edges: serial port (termios), GPIO lines (libgpiod), I2C buses (/dev/i2c-N), sd_notify, journald.
        .target(
            name: "LinuxIO",
            dependencies: ["HAL", "TIC", "CGPIOD", "CI2C", .product(name: "Logging", package: "swift-log")]
        ),
        // The OLED: framebuffer, fonts, dashboard screens, SSD1306 driver over HAL.I2CBus, PNG/ASCII preview.
        .target(name: "Display", dependencies: ["HAL", "TIC"]),
        // Rules file → diagnostics → compiled rules; the pure rule engine; the control service.
        .target(
            name: "Controller",
            dependencies: [
                "TIC", "HAL",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The daemon: the live controller and the services of `linkyd run` (readers, controller, display,
        // reload, watchdog, readiness, journal), generic over the clock.
        .target(
            name: "Daemon",
            dependencies: [
                "TIC", "HAL", "LinuxIO", "Controller", "Display",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The history (issue 9): minute/hour power rows, index snapshots, events in SQLite (GRDB, WAL);
        // the plausibility gate; prices and cost; the recorder service of `linkyd run`.
        .target(
            name: "History",
            dependencies: [
                "TIC", "Controller",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The web page and its API: Hummingbird 2 (pages, JSON, server-sent events), /metrics through
        // swift-prometheus, optional HTTP Basic with bcrypt hashes (hummingbird-auth). Read-only.
        .target(
            name: "Web",
            dependencies: [
                "TIC", "Controller", "History",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),   // NIOThreadPool: the history's blocking reads
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Exporters (issue 11): MQTT with Home Assistant discovery (libmosquitto behind CMosquitto),
        // reading indexes and events from the history with cursors of their own.
        // (loaded with dlopen when an MQTT exporter is made: libmosquitto-dev for the headers at build
        // time, libmosquitto1 at run time only with `mqtt:`)
        .target(name: "CMosquitto", path: "Sources/CMosquitto", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "Export",
            dependencies: [
                "TIC", "Controller", "History", "CMosquitto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Catches SIGHUP/SIGTERM/SIGINT from before main() (the executable only; see its header).
        .target(name: "CStartup"),
        .executableTarget(
            name: "linkyd",
            dependencies: [
                "TIC", "HAL", "LinuxIO", "Controller", "Display", "Daemon", "CStartup", "History", "Web", "Export",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Benchmarks (never timed assertions in tests): `swift run -c release linkyd-bench`.
        .executableTarget(
            name: "linkyd-bench",
            dependencies: ["TIC", "Controller", "HAL", "Daemon", "History", "Export", .product(name: "Logging", package: "swift-log"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(name: "TICTests", dependencies: ["TIC"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HALTests", dependencies: ["HAL", "HALTesting"]),
        .testTarget(name: "LinuxIOTests", dependencies: ["LinuxIO", "HAL", "HALTesting", "TIC"]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "TIC", "HAL", "HALTesting"], resources: [.copy("Golden")]),
        .testTarget(name: "DisplayTests", dependencies: ["Display", "HAL", "HALTesting", "TIC"], resources: [.copy("Golden")]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "TIC", "Controller", "HAL", "HALTesting", "LinuxIO",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Controller", "TIC"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "History", "Controller", "TIC", "HALTesting", "linkyd"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "linkyd", "TIC", "Controller", "HAL", "HALTesting", "LinuxIO", "History",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .testTarget(
            name: "LinkydTests",
            dependencies: [
                "linkyd", "TIC", "Controller", "HAL", "HALTesting", "LinuxIO",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
