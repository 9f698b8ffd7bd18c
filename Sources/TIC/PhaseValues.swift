/// One optional value per phase (1…3). Mono-phase meters fill phase 1 only.
public struct PhaseValues<Value: Sendable & Hashable>: Sendable, Hashable {
    public var phase1: Value?
    public var phase2: Value?
    public var phase3: Value?

    public init(_ phase1: Value? = nil, _ phase2: Value? = nil, _ phase3: Value? = nil) {
        self.phase1 = phase1
        self.phase2 = phase2
        self.phase3 = phase3
    }

    /// Phase 1…3; other numbers read nil and are ignored on write.
    public subscript(phase: Int) -> Value? {
        get {
            switch phase {
            case 1: phase1
            case 2: phase2
            case 3: phase3
            default: nil
            }
        }
        set {
            switch phase {
            case 1: phase1 = newValue
            case 2: phase2 = newValue
            case 3: phase3 = newValue
            default: break
            }
        }
    }

    /// The values present, phase 1 first.
    public var present: [Value] { [phase1, phase2, phase3].compactMap { $0 } }
    public var isEmpty: Bool { phase1 == nil && phase2 == nil && phase3 == nil }
    /// Whether phase 2 or 3 has a value: the meter is three-phase.
    public var hasPolyphase: Bool { phase2 != nil || phase3 != nil }
}
