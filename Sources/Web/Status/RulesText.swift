import Controller
import Synchronization

/// The rules file in force, as text, for `/rules`: read when the web service starts and again after
/// each applied reload (a refused reload leaves the text in force as it was). The demo gives its
/// built-in text instead of a path.
public final class RulesText: Sendable {
    public struct Snapshot: Sendable {
        /// The name shown (the path).
        public var file: String
        /// Nil when the file could not be read.
        public var text: String?
        /// The diagnostics of that text, rendered (warnings; empty when none).
        public var diagnostics: String
    }

    private let path: String?
    private let current: Mutex<Snapshot>

    /// The file at `path`, read now.
    public init(path: String) {
        self.path = path
        current = Mutex(RulesText.read(path))
    }

    /// A fixed text (the demo's rules).
    public init(file: String, text: String) {
        path = nil
        current = Mutex(RulesText.snapshot(file: file, text: text))
    }

    public var snapshot: Snapshot { current.withLock { $0 } }

    /// Reads the file again (after an applied reload).
    public func reread() {
        guard let path else { return }
        let snapshot = RulesText.read(path)
        current.withLock { $0 = snapshot }
    }

    static func read(_ path: String) -> Snapshot {
        guard let text = try? RulesFile.read(path) else { return Snapshot(file: path, text: nil, diagnostics: "") }
        return snapshot(file: path, text: text)
    }

    static func snapshot(file: String, text: String) -> Snapshot {
        let compilation = RulesCompiler.compile(source: text, file: file)
        let diagnostics = compilation.diagnostics.isEmpty ? "" : compilation.diagnostics.rendered(source: text)
        return Snapshot(file: file, text: text, diagnostics: diagnostics)
    }
}
