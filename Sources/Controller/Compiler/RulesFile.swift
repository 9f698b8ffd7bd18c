import Foundation

/// Reads a rules file for the compiler: its text, or a ``RulesFileError`` that says which file, what
/// went wrong and what to do — with `file:line:col` when the text is not UTF-8, like a diagnostic
/// (ARCHITECTURE.md, "Conventions").
public enum RulesFile {
    /// The text of the file at `path`, which must be UTF-8 (as YAML 1.2 files are).
    public static func read(_ path: String) throws(RulesFileError) -> String {
        let bytes = try contents(of: path)
        if let (offset, location) = firstInvalidUTF8(bytes) {
            throw RulesFileError(path: path, kind: .notUTF8(byte: bytes[offset], at: location))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte of the first invalid UTF-8 sequence, and where it is: 1-based
    /// line, and column in Unicode scalars (as ``SourceLocation`` counts them); nil for valid text.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, location: SourceLocation)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                return (offset, SourceLocation(line: line, column: column))
            case .emptyInput:
                return nil
            }
        }
    }
}

/// The bytes of the file at `path` (outside ``RulesFile``, whose `read` would hide POSIX `read`).
private func contents(of path: String) throws(RulesFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw RulesFileError(path: path, errno: errno) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw RulesFileError(path: path, errno: errno)
        }
        if count == 0 { return bytes }
        bytes += buffer[..<count]
    }
}

/// A rules file that cannot be read: the path, what went wrong, and a hint.
public struct RulesFileError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case noSuchFile
        case permissionDenied
        case notAFile
        /// The first byte that is not UTF-8, and where it is.
        case notUTF8(byte: UInt8, at: SourceLocation)
        /// Any other failure of `open`/`read`, with the system's message.
        case unreadable(String)
    }

    public let path: String
    public let kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    init(path: String, errno code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: self.init(path: path, kind: .noSuchFile)
        case EACCES, EPERM: self.init(path: path, kind: .permissionDenied)
        case EISDIR: self.init(path: path, kind: .notAFile)
        default: self.init(path: path, kind: .unreadable(String(cString: strerror(code))))
        }
    }

    /// What went wrong, one line.
    public var problem: String {
        switch kind {
        case .noSuchFile: "no such file"
        case .permissionDenied: "permission denied"
        case .notAFile: "is a directory, not a rules file"
        case .notUTF8(let byte, _): "not UTF-8 text (byte 0x\(byte < 16 ? "0" : "")\(String(byte, radix: 16, uppercase: true)))"
        case .unreadable(let message): "cannot read the file: \(message)"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch kind {
        case .noSuchFile:
            "the examples in rules/ are a good start: cp rules/ejp-tempo-led.yaml \(path)"
        case .permissionDenied:
            "the service runs as user linkyd: make the file readable by its group (sudo chgrp linkyd \(path) && sudo chmod g+r \(path)) and its directories searchable; try it with: sudo -u linkyd linkyd check \(path)"
        case .notAFile:
            "give the rules file itself, e.g. \(path)/rules.yaml"
        case .notUTF8:
            "save the file as UTF-8 (your editor's encoding setting, or: iconv -f LATIN1 -t UTF-8 \(path) -o \(path).utf8)"
        case .unreadable:
            "check the file and the disk: cat \(path) > /dev/null"
        }
    }

    /// `PATH[:LINE:COL]: error: PROBLEM` and `hint: …`, as diagnostics are shown.
    public var description: String {
        var position = path
        if case .notUTF8(_, let location) = kind { position += ":\(location.line):\(location.column)" }
        return "\(position): error: \(problem)\nhint: \(hint)"
    }
}
