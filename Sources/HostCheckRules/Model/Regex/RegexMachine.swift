/// Runs a ``RegexProgram`` over a text as a Thompson NFA simulation (a Pike VM without
/// captures): the set of live instructions advances one Unicode scalar at a time, each
/// instruction at most once per scalar, so a search costs O(program size × text length) and
/// never backtracks.
struct RegexMachine {
    private let program: RegexProgram
    /// `mark[pc] == generation`: pc was already reached at the current position.
    private var mark: [Int]
    private var generation = 0
    private var stack: [Int] = []
    private var matched = false

    init(_ program: RegexProgram) {
        self.program = program
        mark = Array(repeating: -1, count: program.instructions.count)
        stack.reserveCapacity(program.instructions.count)
    }

    /// Whether `program` matches somewhere in `text` (unanchored search).
    static func search(_ program: RegexProgram, in text: String) -> Bool {
        var machine = RegexMachine(program)
        return machine.search(text)
    }

    private mutating func search(_ text: String) -> Bool {
        var current: [Int] = []
        var next: [Int] = []
        current.reserveCapacity(program.instructions.count)
        next.reserveCapacity(program.instructions.count)
        var scalars = text.unicodeScalars.makeIterator()
        var previous: UInt32?
        var scalar = scalars.next()?.value
        generation += 1
        addThread(0, previous: previous, following: scalar, into: &current)
        while let value = scalar {
            if matched { return true }
            if current.isEmpty && program.anchoredAtStart { return false }
            let following = scalars.next()?.value
            generation += 1
            next.removeAll(keepingCapacity: true)
            let input = Input(value, ignoreCase: program.ignoreCase)
            for pc in current where consumes(program.instructions[pc], input) {
                addThread(pc + 1, previous: value, following: following, into: &next)
                if matched { return true }
            }
            if !program.anchoredAtStart {
                addThread(0, previous: value, following: following, into: &next)
            }
            swap(&current, &next)
            previous = value
            scalar = following
        }
        return matched
    }

    /// Follows every non-consuming instruction from `start` (splits, jumps, assertions that hold
    /// between `previous` and `following`), adding the consuming ones it reaches to `list`.
    private mutating func addThread(_ start: Int, previous: UInt32?, following: UInt32?, into list: inout [Int]) {
        stack.append(start)
        while let pc = stack.popLast() {
            if mark[pc] == generation { continue }
            mark[pc] = generation
            switch program.instructions[pc] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assert(let assertion):
                if holds(assertion, previous: previous, following: following) { stack.append(pc + 1) }
            case .match:
                matched = true
                stack.removeAll(keepingCapacity: true)
                return
            case .scalar, .set, .anyButNewline:
                list.append(pc)
            }
        }
    }

    private func holds(_ assertion: RegexAssertion, previous: UInt32?, following: UInt32?) -> Bool {
        switch assertion {
        case .start: return previous == nil
        case .end: return following == nil
        case .wordBoundary, .notWordBoundary:
            let before = previous.map(ScalarSet.isWord) ?? false
            let after = following.map(ScalarSet.isWord) ?? false
            return (before != after) == (assertion == .wordBoundary)
        }
    }

    /// A scalar of the text with the case forms a case-insensitive program compares.
    private struct Input {
        let value: UInt32
        let folded: UInt32
        let lower: UInt32
        let upper: UInt32

        init(_ value: UInt32, ignoreCase: Bool) {
            self.value = value
            if ignoreCase {
                lower = RegexCaseFolding.lower(value)
                upper = RegexCaseFolding.upper(value)
                folded = RegexCaseFolding.lower(upper)
            } else {
                lower = value
                upper = value
                folded = value
            }
        }
    }

    private func consumes(_ instruction: RegexInstruction, _ input: Input) -> Bool {
        switch instruction {
        case .scalar(let expected):
            return input.folded == expected
        case .set(let index):
            let set = program.sets[index]
            let member = set.rangesContain(input.value)
                || (program.ignoreCase && (set.rangesContain(input.lower) || set.rangesContain(input.upper) || set.rangesContain(input.folded)))
            return member != set.negated
        case .anyButNewline:
            return input.value != 0x0A
        case .split, .jump, .assert, .match:
            return false
        }
    }
}
