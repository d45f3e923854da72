/// One step of a compiled regular expression, for ``RegexMachine``.
enum RegexInstruction: Sendable, Hashable {
    /// Consume this scalar (case-folded when the program ignores case).
    case scalar(UInt32)
    /// Consume a scalar of the program's set at this index.
    case set(Int)
    /// Consume any scalar but a line feed.
    case anyButNewline
    /// Continue at both targets.
    case split(Int, Int)
    case jump(Int)
    /// Continue only where the assertion holds.
    case assert(RegexAssertion)
    case match
}

/// A compiled pattern: a Thompson NFA as a list of instructions, run by ``RegexMachine`` in
/// time proportional to the program's size times the text's length.
struct RegexProgram: Sendable, Hashable {
    let instructions: [RegexInstruction]
    let sets: [ScalarSet]
    let ignoreCase: Bool
    /// Every match starts at the start of the text (`^…`), so no thread starts later.
    let anchoredAtStart: Bool

    /// Parses and compiles `pattern`, within ``RegexLimits``.
    init(_ pattern: String, ignoreCase: Bool) throws(RegexSyntaxError) {
        let parsed = try RegexParser.parse(pattern)
        let size = RegexCompiler.size(of: parsed.node)
        guard size < RegexLimits.programSize else {
            throw RegexSyntaxError(
                "the pattern expands to more than \(RegexLimits.programSize) steps (counted repeats copy what they repeat, and nested ones multiply); use + or * instead of large counts",
                at: 0)
        }
        var compiler = RegexCompiler(ignoreCase: ignoreCase || parsed.ignoreCase)
        compiler.emit(parsed.node)
        compiler.code.append(.match)
        instructions = compiler.code
        sets = compiler.sets
        self.ignoreCase = compiler.ignoreCase
        anchoredAtStart = RegexCompiler.isAnchoredAtStart(parsed.node)
    }
}

/// Turns a ``RegexNode`` into instructions.
struct RegexCompiler {
    let ignoreCase: Bool
    var code: [RegexInstruction] = []
    var sets: [ScalarSet] = []

    init(ignoreCase: Bool) {
        self.ignoreCase = ignoreCase
    }

    mutating func emit(_ node: RegexNode) {
        switch node {
        case .empty:
            break
        case .scalar(let value):
            code.append(.scalar(ignoreCase ? RegexCaseFolding.fold(value) : value))
        case .set(let set):
            sets.append(set)
            code.append(.set(sets.count - 1))
        case .anyButNewline:
            code.append(.anyButNewline)
        case .assertion(let assertion):
            code.append(.assert(assertion))
        case .concatenation(let items):
            for item in items { emit(item) }
        case .alternation(let branches):
            var exits: [Int] = []
            for (position, branch) in branches.enumerated() {
                guard position < branches.count - 1 else { emit(branch); break }
                let split = code.count
                code.append(.split(split + 1, split + 1))
                emit(branch)
                exits.append(code.count)
                code.append(.jump(0))
                code[split] = .split(split + 1, code.count)
            }
            for exit in exits { code[exit] = .jump(code.count) }
        case .repetition(let body, let minimum, let maximum):
            for _ in 0..<minimum { emit(body) }
            if let maximum {
                var skips: [Int] = []
                for _ in minimum..<maximum {
                    skips.append(code.count)
                    code.append(.split(code.count + 1, code.count + 1))
                    emit(body)
                }
                for skip in skips { code[skip] = .split(skip + 1, code.count) }
            } else {
                let loop = code.count
                code.append(.split(loop + 1, loop + 1))
                emit(body)
                code.append(.jump(loop))
                code[loop] = .split(loop + 1, code.count)
            }
        }
    }

    /// The number of instructions ``emit(_:)`` would produce, saturating just above the limit
    /// so that nested counted repeats cannot overflow.
    static func size(of node: RegexNode) -> Int {
        let cap = RegexLimits.programSize + 1
        func clamp(_ value: Int) -> Int { min(value, cap) }
        switch node {
        case .empty: return 0
        case .scalar, .set, .anyButNewline, .assertion: return 1
        case .concatenation(let items): return items.reduce(0) { clamp($0 + size(of: $1)) }
        case .alternation(let branches): return clamp(branches.reduce(0) { clamp($0 + size(of: $1)) } + 2 * (branches.count - 1))
        case .repetition(let body, let minimum, let maximum):
            let one = size(of: body)
            let required = clamp(minimum * one)
            let optional = maximum.map { clamp(($0 - minimum) * (one + 1)) } ?? (one + 2)
            return clamp(required + optional)
        }
    }

    /// Whether every match must begin at the start of the text.
    static func isAnchoredAtStart(_ node: RegexNode) -> Bool {
        switch node {
        case .assertion(.start): true
        case .concatenation(let items): items.first.map(isAnchoredAtStart) ?? false
        case .alternation(let branches): branches.allSatisfy(isAnchoredAtStart)
        case .repetition(let body, let minimum, _): minimum > 0 && isAnchoredAtStart(body)
        default: false
        }
    }
}
