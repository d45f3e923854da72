import HostCheckCore

/// One matcher keyword of the rule language (`glob`, `range`): the field types it applies to,
/// and how its value is compiled. ``MatcherCatalog`` lists them; the pack loader takes them
/// from the registry, and its error messages, `hostcheck list fields` and docs/rule-packs.md
/// name them from there (docs/architecture.md, "The registry").
public struct MatcherDescriptor: Sendable {
    /// The key a pack writes in a matcher mapping.
    public let keyword: String
    /// One line for `hostcheck list fields` and the docs.
    public let summary: String
    /// Whether `ignore_case: true` may accompany it (on text fields).
    public let takesIgnoreCase: Bool
    /// Whether it applies to fields of a type.
    public let appliesTo: @Sendable (FieldKind) -> Bool
    package let compile: MatcherCompilation

    package init(
        keyword: String, summary: String, takesIgnoreCase: Bool = false,
        appliesTo: @escaping @Sendable (FieldKind) -> Bool, compile: MatcherCompilation
    ) {
        self.keyword = keyword
        self.summary = summary
        self.takesIgnoreCase = takesIgnoreCase
        self.appliesTo = appliesTo
        self.compile = compile
    }
}

/// How a matcher's value becomes a ``Matcher``.
package enum MatcherCompilation: Sendable {
    /// `equals`: the value (scalar, list or variable) read as the field's type.
    case equals
    /// `not`: the negation of the matcher it holds.
    case not
    /// Each scalar value compiled on its own (a list is any of them); an error is a message.
    case value(@Sendable (_ text: String, _ field: Field, _ ignoreCase: Bool) -> Result<Matcher, MatcherError>)
}

/// Why a matcher value does not compile.
package struct MatcherError: Error, Sendable {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }
}

/// The matchers of the rule language, in the order messages and docs list them. A new matcher
/// keyword is one descriptor and one line here (plus its ``Matcher`` case when it needs a new
/// kind of test).
public enum MatcherCatalog {
    /// Every built-in matcher, in catalog order.
    public static var builtin: [MatcherDescriptor] {
        [.equals, .glob, .regex, .range, .cidr, .not]
    }
}

extension MatcherDescriptor {
    static let equals = MatcherDescriptor(
        keyword: "equals", summary: "the value, or any of a list (the same as a plain scalar or list)",
        takesIgnoreCase: true, appliesTo: { _ in true }, compile: .equals)

    static let not = MatcherDescriptor(
        keyword: "not", summary: "the negation of the matcher or value it holds", appliesTo: { _ in true }, compile: .not)

    static let glob = MatcherDescriptor(
        keyword: "glob", summary: "a shell pattern: *, ?, [a-z]", takesIgnoreCase: true,
        appliesTo: { $0 == .text || $0 == .address },
        compile: .value { text, _, ignoreCase in
            guard let glob = Glob(text, ignoreCase: ignoreCase) else {
                return .failure(MatcherError("invalid glob \(MessageText.quote(text)) (unclosed '[')"))
            }
            return .success(.glob(glob))
        })

    static let regex = MatcherDescriptor(
        keyword: "regex", summary: "a regular expression, searched unanchored", takesIgnoreCase: true,
        appliesTo: { $0 == .text || $0 == .address },
        compile: .value { text, _, ignoreCase in
            do throws(RegexSyntaxError) {
                return .success(.regex(try RegexPattern(text, ignoreCase: ignoreCase)))
            } catch {
                return .failure(MatcherError("invalid regular expression \(MessageText.quote(text)) \(error.description)"))
            }
        })

    static let range = MatcherDescriptor(
        keyword: "range", summary: "LOW-HIGH, both included", appliesTo: { $0 == .port || $0 == .integer },
        compile: .value { text, field, _ in
            let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2 else {
                return .failure(MatcherError("invalid range \(MessageText.quote(text)) (expected LOW-HIGH, e.g. 1024-49151)"))
            }
            let low: Int, high: Int
            switch (field.number(String(bounds[0]).trimmingSpaces), field.number(String(bounds[1]).trimmingSpaces)) {
            case (.success(let a), .success(let b)): (low, high) = (a, b)
            case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
            }
            guard low <= high else {
                return .failure(MatcherError("invalid range \(MessageText.quote(text)): \(low) is above \(high)"))
            }
            return .success(.range(low...high))
        })

    static let cidr = MatcherDescriptor(
        keyword: "cidr", summary: "an address block: 10.0.0.0/8, fe80::/10", appliesTo: { $0 == .address },
        compile: .value { text, _, _ in
            guard let cidr = CIDR(text) else {
                return .failure(MatcherError("invalid cidr \(MessageText.quote(text)) (expected e.g. 10.0.0.0/8 or fe80::/10)"))
            }
            return .success(.cidr(cidr))
        })
}

extension Field {
    /// A number for this integer or port field.
    func number(_ text: String) -> Result<Int, MatcherError> {
        guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            return .failure(MatcherError("\(name) must be a number, found \(MessageText.quote(text))"))
        }
        if kind.isPort, number > 65535 {
            return .failure(MatcherError("port \(number) is outside 0-65535, so this can never match"))
        }
        return .success(number)
    }
}

extension String {
    var trimmingSpaces: String { Substring(self).trimmingCharacters(in: " ") }
}

/// The rule language's vocabulary: the fields and matchers packs may use (the registry's).
public struct RuleVocabulary: Sendable {
    /// The fields packs may use.
    public var fields: [Field]
    /// The matchers packs may use.
    public var matchers: [MatcherDescriptor]

    /// Creates a vocabulary from its fields and matchers.
    public init(fields: [Field], matchers: [MatcherDescriptor]) {
        self.fields = fields
        self.matchers = matchers
    }

    /// The built-in fields and matchers.
    public static var builtin: RuleVocabulary {
        RuleVocabulary(fields: FieldCatalog.builtin, matchers: MatcherCatalog.builtin)
    }

    /// The field named `name`.
    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// The matcher whose keyword is `keyword`.
    public func matcher(_ keyword: String) -> MatcherDescriptor? {
        matchers.first { $0.keyword == keyword }
    }

    /// The keywords of the matchers that apply to `field`, in catalog order.
    public func matchers(for field: Field) -> [String] {
        matchers.filter { $0.appliesTo(field.kind) }.map(\.keyword)
    }
}
