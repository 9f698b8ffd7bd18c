// swift-tools-version: 6.0
// linkyd — a Raspberry Pi daemon for the French electricity meter's TIC stream.
// Layout and design: ARCHITECTURE.md (pure core, I/O at the edges).
import PackageDescription

let package = Package(
    name: "linkyd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "linkyd", targets: ["linkyd"]),
        .library(name: "TIC", targets: ["TIC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure decoding: bytes → groups → frames → MeterState; encoder and simulator. No Foundation.
        .target(name: "TIC"),
        // Protocols and value types shared by the hardware edges.
        .target(name: "HAL"),
        // Linux I/O edges: serial port (termios).
        .target(name: "LinuxIO", dependencies: ["HAL", "TIC"]),
        // Rules file → diagnostics → compiled rules (and, later, the rule engine and outputs).
        .target(
            name: "Controller",
            dependencies: ["TIC", "HAL", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "linkyd",
            dependencies: [
                "TIC", "HAL", "LinuxIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (never timed assertions in tests): `swift run -c release linkyd-bench`.
        .executableTarget(name: "linkyd-bench", dependencies: ["TIC"]),
        .testTarget(name: "TICTests", dependencies: ["TIC"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "TIC"], resources: [.copy("Golden")]),
        .testTarget(name: "LinuxIOTests", dependencies: ["LinuxIO", "TIC"]),
        .testTarget(name: "LinkydTests", dependencies: ["linkyd", "TIC"]),
    ],
    swiftLanguageModes: [.v6]
)
