import GRDB

/// A history that cannot be opened, read or written: the file, what went wrong, and what to do.
/// `linkyd run` logs it and goes on controlling the outputs (issue 9).
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var hint: String

    public init(path: String, problem: String, hint: String) {
        self.path = path
        self.problem = problem
        self.hint = hint
    }

    public var description: String { "history \(path): \(problem); \(hint)" }

    /// A SQLite error, classified by its result code (disk full, read-only, corrupt…).
    init(path: String, doing action: String, _ error: any Error) {
        self.path = path
        guard let database = error as? DatabaseError else {
            problem = "cannot \(action): \(error)"
            hint = "check the file and its directory"
            return
        }
        let message = database.message ?? "\(database.resultCode)"
        switch database.resultCode.primaryResultCode {
        case .SQLITE_FULL:
            problem = "the disk is full (\(action))"
            hint = "free space on the SD card, or lower history: keep-minutes; rows wait in memory meanwhile"
        case .SQLITE_READONLY, .SQLITE_PERM:
            problem = "the file is read-only (\(action)): \(message)"
            hint = "linkyd needs write access to the file and its directory (systemd StateDirectory=linkyd gives /var/lib/linkyd)"
        case .SQLITE_CANTOPEN:
            problem = "cannot open the file (\(action)): \(message)"
            hint = "create the directory and give linkyd write access to it, or set history: path:"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            problem = "the file is not a valid SQLite database (\(action)): \(message)"
            hint = "move it away (e.g. to history.sqlite.broken) to start a new history; `sqlite3 FILE .recover` may save its rows"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            problem = "the database is locked by another process (\(action))"
            hint = "is another linkyd recording to the same file? give each its own history: path:"
        default:
            problem = "cannot \(action): \(message)"
            hint = "check the file with `sqlite3 FILE 'PRAGMA integrity_check'`"
        }
    }
}
