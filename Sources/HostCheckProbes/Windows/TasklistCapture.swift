import HostCheckCore

/// What one `tasklist` capture yields.
struct TasklistCapture: Sendable {
    var processes: [ProcessFact] = []
    var diagnostics: [Diagnostic] = []
    /// Lines read as header or ruler.
    var decorationLines = 0
}
