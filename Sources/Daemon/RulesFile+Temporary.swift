import Foundation

// TEMPORARY until Controller.RulesFile lands (branch tic-fixes): the file's text or an error.
enum RulesFile {
    struct Problem: Error, CustomStringConvertible { let description: String }
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(description: "\(path): not UTF-8 text") }
        return text
    }
}
