import Foundation
import TIC

/// Real captures copied from ../shared/captures (provenance and licences in Fixtures/SOURCES.md).
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        CaptureFile.stream(from: try contents(name))
    }

    /// The file as stored (before ``CaptureFile`` unpacks it).
    static func contents(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError.missing(name)
        }
        return Array(try Data(contentsOf: url))
    }

    static var allCaptureNames: [String] {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { !$0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
    }

    /// Everything a decoding produced, for comparisons.
    struct Decoded: Equatable {
        var frames: [Frame]
        var statistics: DecoderStatistics
        var state: MeterState
    }

    /// Decodes `bytes` cut into `chunks` (sizes cycled), through both entry points.
    static func decode(_ bytes: [UInt8], chunks: [Int] = [Int.max]) -> Decoded {
        var decoder = FrameDecoder()
        var state = MeterState()
        var frames: [Frame] = []
        var sink = Tee(state: state)
        var offset = 0, turn = 0
        while offset < bytes.count {
            let size = min(max(1, chunks[turn % chunks.count]), bytes.count - offset)
            let chunk = Array(bytes[offset..<offset + size])
            chunk.withUnsafeBytes { decoder.push($0, into: &sink) }
            offset += size
            turn += 1
        }
        decoder.finish(into: &sink)
        frames = sink.collector.frames
        state = sink.state
        return Decoded(frames: frames, statistics: decoder.statistics, state: state)
    }

    /// Feeds a ``FrameCollector`` and a ``MeterState`` at once.
    struct Tee: TICSink {
        var state: MeterState
        var collector = FrameCollector()
        mutating func accept(_ group: GroupView) { state.accept(group); collector.accept(group) }
        mutating func frameStarted() { state.frameStarted(); collector.frameStarted() }
        mutating func frameEnded(_ end: FrameEnd) { state.frameEnded(end); collector.frameEnded(end) }
    }
}

enum FixtureError: Error { case missing(String) }
