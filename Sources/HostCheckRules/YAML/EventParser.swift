import CLibYAML
import HostCheckCore

/// One pass of libyaml's event parser over an input, building the located tree.
struct EventParser {
    struct SyntaxError {
        var diagnostic: Diagnostic
        /// The 0-based line libyaml stopped at.
        var line: Int
    }

    struct Pass {
        var root: YAMLNode?
        var diagnostics: [Diagnostic]
        var syntaxError: SyntaxError?
    }

    /// A container being built.
    private enum Frame {
        case mapping(MappingFrame)
        case sequence(location: SourceLocation, items: [YAMLNode])
    }

    private struct MappingFrame {
        var location: SourceLocation
        var pairs: [YAMLPair] = []
        var seen: [String: SourceLocation] = [:]
        /// The key waiting for its value; `.invalid` drops the value.
        var pending: PendingKey = .none
    }

    private enum PendingKey {
        case none
        case key(String, SourceLocation)
        case invalid
    }

    /// Thrown to stop reading (a limit, too many errors).
    private struct Stop: Error {}

    let file: String
    let limits: YAMLLimits
    /// The 0-based index of the input's last line (``YAMLLineBreaks``).
    private var lastLine = 0
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var diagnostics: [Diagnostic] = []
    private var nodes = 0
    private var documents = 0
    /// Refusals of one kind beyond the first few are counted, not listed.
    private var refusals: [String: (count: Int, first: SourceLocation)] = [:]
    static let refusalsListed = 3

    private init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits) -> Pass {
        var builder = EventParser(file: file, limits: limits)
        builder.lastLine = YAMLLineBreaks.lastLineIndex(bytes)
        var syntaxError: SyntaxError?
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) != 0 else {
                builder.diagnostics.append(Diagnostic(.error, "cannot initialise the yaml parser", at: SourceLocation(file: file)))
                return
            }
            defer { yaml_parser_delete(&parser) }
            if let base = buffer.baseAddress {
                yaml_parser_set_input_string(&parser, base, buffer.count)
            } else {
                var empty: [UInt8] = [0]
                empty.withUnsafeMutableBufferPointer { yaml_parser_set_input_string(&parser, $0.baseAddress, 0) }
            }
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    syntaxError = builder.syntaxError(parser)
                    return
                }
                let type = event.type
                do {
                    try builder.handle(event)
                } catch {
                    yaml_event_delete(&event)
                    return
                }
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { return }
            }
        }
        builder.summariseRefusals()
        return Pass(root: builder.root, diagnostics: builder.diagnostics, syntaxError: syntaxError)
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func syntaxError(_ parser: yaml_parser_t) -> SyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        var message = "yaml syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(Int(parser.context_mark.line) + 1), column \(Int(parser.context_mark.column) + 1))"
        }
        let mark = parser.problem_mark
        // libyaml's forced line break at the end of a last line without one puts the mark on a
        // line past the end: the error is on the last line, at no particular column.
        let at = Int(mark.line) > lastLine ? SourceLocation(file: file, line: lastLine + 1) : location(mark)
        return SyntaxError(diagnostic: Diagnostic(.error, message, at: at), line: Int(mark.line))
    }

    private mutating func error(_ message: String, at location: SourceLocation) throws {
        diagnostics.append(Diagnostic(.error, message, at: location))
        if diagnostics.count >= limits.maxErrors {
            diagnostics.append(Diagnostic(.error, "too many errors, stopped reading", at: location))
            throw Stop()
        }
    }

    /// Reports a refused construct; past the first few of a kind, only counts it.
    private mutating func refuse(_ kind: String, _ message: String, at location: SourceLocation) throws {
        var entry = refusals[kind] ?? (0, location)
        entry.count += 1
        if entry.count == Self.refusalsListed + 1 { entry.first = location }
        refusals[kind] = entry
        if entry.count <= Self.refusalsListed { try error(message, at: location) }
    }

    private mutating func summariseRefusals() {
        for (kind, entry) in refusals.sorted(by: { $0.value.first < $1.value.first }) where entry.count > Self.refusalsListed {
            diagnostics.append(Diagnostic(.error, "\(entry.count - Self.refusalsListed) more yaml \(kind) refused", at: entry.first))
        }
    }

    private mutating func fatal(_ message: String, at location: SourceLocation) throws -> Never {
        diagnostics.append(Diagnostic(.error, message, at: location))
        root = nil
        throw Stop()
    }

    private mutating func countNode(at location: SourceLocation) throws {
        nodes += 1
        if nodes > limits.maxNodes {
            try fatal("more than \(limits.maxNodes) yaml nodes, refused", at: location)
        }
    }

    private mutating func handle(_ event: yaml_event_t) throws {
        let here = location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { try fatal("more than one yaml document, refused", at: here) }
        case YAML_ALIAS_EVENT:
            try countNode(at: here)
            try refuse("aliases", "yaml aliases are not allowed", at: here)
            try attach(nil)
        case YAML_SCALAR_EVENT:
            try countNode(at: here)
            let data = event.data.scalar
            try refuseAnchorAndTag(anchor: data.anchor, tag: data.tag, at: here)
            let text: String
            if let value = data.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: data.length), as: UTF8.self)
            } else {
                text = ""
            }
            try attach(YAMLNode(.scalar(text, Self.style(data.style)), at: here))
        case YAML_SEQUENCE_START_EVENT:
            try countNode(at: here)
            try refuseAnchorAndTag(anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, at: here)
            try push(.sequence(location: here, items: []), at: here)
        case YAML_MAPPING_START_EVENT:
            try countNode(at: here)
            try refuseAnchorAndTag(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: here)
            try push(.mapping(MappingFrame(location: here)), at: here)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(let location, let items):
                try attach(YAMLNode(.sequence(items), at: location))
            case .mapping(let mapping):
                try attach(YAMLNode(.mapping(mapping.pairs), at: mapping.location))
            }
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame, at location: SourceLocation) throws {
        if stack.count + 1 > limits.maxDepth {
            try fatal("yaml nesting deeper than \(limits.maxDepth) levels, refused", at: location)
        }
        stack.append(frame)
    }

    private mutating func refuseAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation
    ) throws {
        if anchor != nil { try refuse("anchors", "yaml anchors are not allowed", at: location) }
        if let tag {
            let text = String(cString: UnsafeRawPointer(tag).assumingMemoryBound(to: CChar.self))
            try refuse("tags", "yaml tags are not allowed (found \(MessageText.quote(text)))", at: location)
        }
    }

    /// Attaches a finished node to the open container; nil stands for a refused node.
    private mutating func attach(_ node: YAMLNode?) throws {
        guard var top = stack.popLast() else {
            if root == nil { root = node }
            return
        }
        defer { stack.append(top) }
        switch top {
        case .sequence(let location, var items):
            top = .sequence(location: location, items: [])
            if let node { items.append(node) }
            top = .sequence(location: location, items: items)
        case .mapping(var mapping):
            top = .sequence(location: mapping.location, items: [])
            switch mapping.pending {
            case .none:
                mapping.pending = try key(from: node, in: mapping)
            case .key(let key, let keyLocation):
                if let node { mapping.pairs.append(YAMLPair(key: key, keyLocation: keyLocation, value: node)) }
                mapping.seen[key] = keyLocation
                mapping.pending = .none
            case .invalid:
                mapping.pending = .none
            }
            top = .mapping(mapping)
        }
    }

    private mutating func key(from node: YAMLNode?, in mapping: MappingFrame) throws -> PendingKey {
        guard let node else { return .invalid }
        guard let text = node.scalar else {
            try error("mapping keys must be scalars, found a \(node.kindName)", at: node.location)
            return .invalid
        }
        if text == "<<", case .scalar(_, .plain) = node.content {
            try error("yaml merge keys ('<<') are not allowed", at: node.location)
            return .invalid
        }
        if let first = mapping.seen[text] {
            try error("duplicate key \(MessageText.quote(text)) (first at line \(first.line ?? 0))", at: node.location)
            return .invalid
        }
        return .key(text, node.location)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
