import Foundation
import LinuxIO
import Testing

/// ``StartupPages``: the executable's read-only pages are given back, and the process runs on.
@Suite struct StartupPagesTests {
    /// `RssFile` of this process, in kB (file pages resident: the test binary's text among them).
    static func residentFileKB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssFile:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test func theExecutablesReadOnlyPagesAreGivenBack() throws {
        let before = try Self.residentFileKB()
        let outcome = StartupPages.release()
        let after = try Self.residentFileKB()
        #expect(outcome.error == nil, "MADV_PAGEOUT refused: \(outcome.error ?? "")")
        #expect(outcome.advisedBytes > 1_000_000)
        #expect(after < before - 1024, "RssFile \(before) kB → \(after) kB")
        // The code runs on (what it needs faults back in), and a second call is harmless.
        #expect(StartupPages.release().error == nil)
        #expect([3, 1, 2].sorted() == [1, 2, 3])
    }
}
