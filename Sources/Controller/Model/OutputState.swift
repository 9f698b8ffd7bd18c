import HAL

/// An output's logical state in the rules' words (`on` / `off`): the same type as the line's,
/// ``HAL/LineState`` (one vocabulary from the rules file to the GPIO line).
public typealias OutputState = LineState
