import Controller
import Foundation
import Testing

/// ``RulesFile/read(_:)``: the text, or an error with the path, what went wrong and a hint.
struct RulesFileTests {
    /// A new file in a fresh temporary directory, removed by the caller.
    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-rules-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("rules.yaml")
        try Data(bytes).write(to: file)
        return file
    }

    static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    static func error(reading path: String) -> RulesFileError? {
        do {
            _ = try RulesFile.read(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func validFileIsReturnedAsText() throws {
        let text = "meters:\n  main: { port: /dev/ttyAMA0 }  # café, 3 kVA\n"
        let file = try RulesFileTests.temporaryFile(Array(text.utf8))
        defer { RulesFileTests.remove(file) }
        #expect(try RulesFile.read(file.path) == text)
    }

    @Test func exampleRulesFilesAreRead() throws {
        let path = RulesFixture.repositoryRoot.appendingPathComponent("rules/ejp-tempo-led.yaml").path
        #expect(try RulesFile.read(path).contains("outputs:"))
    }

    @Test func missingFileSuggestsAnExample() throws {
        let path = "/nonexistent/linkyd-\(UUID())/rules.yaml"
        let error = try #require(RulesFileTests.error(reading: path))
        #expect(error.path == path && error.kind == .noSuchFile)
        #expect(error.description == """
            \(path): error: no such file
            hint: the examples in rules/ are a good start: cp rules/ejp-tempo-led.yaml \(path)
            """)
    }

    /// chmod 000 stops every user but root (tests often run as root: then only the message is checked).
    @Test func unreadableFileGivesAPermissionsHint() throws {
        let file = try RulesFileTests.temporaryFile(Array("meters: {}\n".utf8))
        defer { RulesFileTests.remove(file) }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
        if geteuid() != 0 {
            let error = try #require(RulesFileTests.error(reading: file.path))
            #expect(error.kind == .permissionDenied)
        }
        let error = RulesFileError(path: file.path, kind: .permissionDenied)
        #expect(error.description.hasPrefix("\(file.path): error: permission denied\nhint: "))
        #expect(error.hint.contains("group") && error.hint.contains("chmod g+r \(file.path)"))
    }

    @Test func directoryIsNotARulesFile() throws {
        let file = try RulesFileTests.temporaryFile([])
        defer { RulesFileTests.remove(file) }
        let directory = file.deletingLastPathComponent().path
        let error = try #require(RulesFileTests.error(reading: directory))
        #expect(error.kind == .notAFile && error.description.hasPrefix("\(directory): error: "))
    }

    /// A Latin-1 `é` (0xE9) on line 3, column 12 (after a valid UTF-8 `é` on the same line): the
    /// first invalid byte, 1-based line and column; later bad bytes do not matter.
    @Test func latin1TextPointsAtTheFirstInvalidByte() throws {
        var bytes = Array("meters:\n  main: { port: /dev/ttyAMA0 }\n# réglage: ".utf8)
        bytes += [0xE9] + Array("té\n".utf8) + [0xE8, 0x0A]
        let file = try RulesFileTests.temporaryFile(bytes)
        defer { RulesFileTests.remove(file) }
        let error = try #require(RulesFileTests.error(reading: file.path))
        #expect(error.kind == .notUTF8(byte: 0xE9, at: SourceLocation(line: 3, column: 12)))
        #expect(error.description == """
            \(file.path):3:12: error: not UTF-8 text (byte 0xE9)
            hint: save the file as UTF-8 (your editor's encoding setting, or: iconv -f LATIN1 -t UTF-8 \(file.path) -o \(file.path).utf8)
            """)
    }

    /// Columns count Unicode scalars, as the compiler's diagnostics do: valid accents before the
    /// bad byte count one column each.
    @Test func columnsCountCharactersNotBytes() throws {
        let bytes = Array("# été à\n# ça: ".utf8) + [0xFF]
        let file = try RulesFileTests.temporaryFile(bytes)
        defer { RulesFileTests.remove(file) }
        let error = try #require(RulesFileTests.error(reading: file.path))
        #expect(error.kind == .notUTF8(byte: 0xFF, at: SourceLocation(line: 2, column: 7)))
        #expect(error.description.hasPrefix("\(file.path):2:7: error: not UTF-8 text (byte 0xFF)"))
    }
}
