import Foundation
import HostCheckBuiltinPacks
import HostCheckCore
import Testing
@testable import HostCheckRules

/// `include:` stays inside the including pack's directory tree, judged after symbolic links,
/// unless widened; a file that is not a pack is one error that echoes none of it.
@Suite struct IncludeConfinementTests {
    static let marker = "SECRETMARKER-7f3a"
    static let builtins = BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }

    /// A temporary layout: `base/secret.txt` (shadow-like, with the marker) outside the pack
    /// tree `base/p`, which holds `inner.yaml` (a pack) and `sub/`.
    struct Layout {
        let base: String
        var tree: String { base + "/p" }
        var secret: String { base + "/secret.txt" }

        init() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostcheck-include-\(UUID().uuidString)")
            base = url.path
            let files = FileManager.default
            try files.createDirectory(atPath: base + "/p/sub", withIntermediateDirectories: true)
            try files.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
            try write("root:$6$\(IncludeConfinementTests.marker)$x:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n", to: secret)
            try write(IncludeConfinementTests.pack(id: "inner"), to: tree + "/sub/inner.yaml")
            try write(IncludeConfinementTests.pack(id: "far"), to: base + "/outside/far.yaml")
        }

        func write(_ text: String, to path: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        func link(_ name: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: tree + "/" + name, withDestinationPath: target)
        }

        /// Loads a pack at `p/main.yaml` including `reference`.
        func load(including reference: String, roots: [String] = []) throws -> (LoadedPacks?, [Diagnostic]) {
            let text = "hostcheck: 1\npack: { id: main, version: '1' }\ninclude: [\"\(reference)\"]\nrules: []\n"
            try write(text, to: tree + "/main.yaml")
            let source = PackSource(path: tree + "/main.yaml", bytes: Array(text.utf8))
            return PackLoader.load([source], options: PackLoadOptions(builtins: IncludeConfinementTests.builtins, includeRoots: roots))
        }
    }

    static func pack(id: String) -> String {
        "hostcheck: 1\npack: { id: \(id), version: '1' }\nrules: []\n"
    }

    static func leaks(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { $0.description.contains(marker) || $0.description.contains("root:") }
    }

    enum Escape: String, CaseIterable, CustomTestStringConvertible {
        case absolute, dotDot, symlinkToFile, symlinkedDirectory, absoluteSymlink, missingOutside, dotDotThroughLink
        var testDescription: String { rawValue }
    }

    @Test(arguments: Escape.allCases)
    func includesLeavingTheTreeAreOneErrorWithoutTheContents(escape: Escape) throws {
        let layout = try Layout()
        let reference: String
        switch escape {
        case .absolute: reference = layout.secret
        case .dotDot: reference = "sub/../../secret.txt"
        case .symlinkToFile:
            try layout.link("leak.yaml", to: "../secret.txt")
            reference = "leak.yaml"
        case .symlinkedDirectory:
            try layout.link("elsewhere", to: layout.base)
            reference = "elsewhere/secret.txt"
        case .absoluteSymlink:
            try layout.link("leak.yaml", to: layout.secret)
            reference = layout.tree + "/leak.yaml"
        case .missingOutside: reference = "../nothing-here.yaml"
        case .dotDotThroughLink:
            // `sub/up/..` is physically the base directory, lexically `p/sub`.
            try FileManager.default.createSymbolicLink(atPath: layout.tree + "/sub/up", withDestinationPath: layout.base + "/outside")
            reference = "sub/up/../secret.txt"
        }
        let (packs, diagnostics) = try layout.load(including: reference)
        #expect(packs == nil)
        let errors = TestSupport.errors(diagnostics)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("main.yaml:3:11: error: include ") == true, "\(errors)")
        #expect(errors.first?.contains("is outside the pack's directory tree") == true, "\(errors)")
        #expect(errors.first?.hasSuffix("widen with --include-root DIR") == true, "\(errors)")
        #expect(!Self.leaks(diagnostics))
    }

    @Test func includeRootWidensTheTree() throws {
        let layout = try Layout()
        try layout.link("far-link.yaml", to: "../outside/far.yaml")
        #expect(TestSupport.errors(try layout.load(including: "../outside/far.yaml").1).count == 1)
        for reference in ["../outside/far.yaml", layout.base + "/outside/far.yaml", "far-link.yaml"] {
            let (packs, diagnostics) = try layout.load(including: reference, roots: [layout.base + "/outside"])
            #expect(diagnostics.isEmpty, "\(reference): \(diagnostics)")
            #expect(packs?.packs.map(\.id) == ["far", "main"])
        }
    }

    @Test func includesInsideTheTreeStillWork() throws {
        let layout = try Layout()
        try layout.link("inner-link.yaml", to: "sub/inner.yaml")
        try layout.link("sub-link", to: layout.tree + "/sub")
        let references = [
            "sub/inner.yaml", "./sub/../sub/inner.yaml", layout.tree + "/sub/inner.yaml", "inner-link.yaml", "sub-link/inner.yaml",
        ]
        for reference in references {
            let (packs, diagnostics) = try layout.load(including: reference)
            #expect(diagnostics.isEmpty, "\(reference): \(diagnostics)")
            #expect(packs?.packs.map(\.id) == ["inner", "main"], "\(reference)")
        }
        let (packs, diagnostics) = try layout.load(including: "builtin:magaya-network")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(packs?.packs.map(\.id) == ["magaya-network", "main"])
    }

    @Test func nonRegularFilesAndLinkLoopsInsideAreRefused() throws {
        let layout = try Layout()
        try layout.link("loop-a.yaml", to: "loop-b.yaml")
        try layout.link("loop-b.yaml", to: "loop-a.yaml")
        #expect(mkfifo(layout.tree + "/fifo.yaml", 0o600) == 0)
        let cases = [
            ("./sub", "is not a regular file"), ("fifo.yaml", "is not a regular file"),
            ("loop-a.yaml", "symbolic links"), ("missing.yaml", "not found"),
        ]
        for (reference, expected) in cases {
            let (packs, diagnostics) = try layout.load(including: reference)
            let errors = TestSupport.errors(diagnostics)
            #expect(packs == nil && errors.count == 1 && errors[0].contains(expected), "\(reference): \(errors)")
        }
    }

    enum NotAPack: String, CaseIterable, CustomTestStringConvertible {
        case passwdLike, shadowLike, yamlWithoutVersion, list, scalar, brokenYAML, binary, tagsAndDuplicates
        var testDescription: String { rawValue }

        var bytes: [UInt8] {
            let m = IncludeConfinementTests.marker
            switch self {
            case .passwdLike: return Array("root:x:0:0:\(m):/root:/bin/bash\nbin:x:1:1::/:/sbin/nologin\n".utf8)
            case .shadowLike: return Array("root:$6$\(m)$x:19000:0:99999:7:::\n".utf8)
            case .yamlWithoutVersion: return Array("pack: { id: \(m) }\nrules: []\n\(m): 1\n".utf8)
            case .list: return Array("- \(m)\n- b\n".utf8)
            case .scalar: return Array("just \(m) text\n".utf8)
            case .brokenYAML: return Array("key: [\(m)\n  : : {\n\t\(m)\n".utf8)
            case .binary: return [0x7f, 0x45, 0x4c, 0x46, 0, 1, 0xff, 0xfe] + Array(m.utf8) + [0, 0, 0x0a]
            case .tagsAndDuplicates: return Array("!!\(m) a: 1\n\(m): 1\n\(m): 2\n".utf8)
            }
        }
    }

    @Test(arguments: NotAPack.allCases)
    func aFileThatIsNotAPackIsOneErrorWithoutItsContents(kind: NotAPack) throws {
        let direct = PackLoader.lint([PackSource(path: "secret.txt", bytes: kind.bytes)])
        #expect(direct.map(\.description).count == 1, "\(direct)")
        #expect(direct.first?.description.hasPrefix("secret.txt: error: not a rule pack (") == true, "\(direct)")
        #expect(!Self.leaks(direct))

        let layout = try Layout()
        try Data(kind.bytes).write(to: URL(fileURLWithPath: layout.tree + "/data.yaml"))
        let (packs, included) = try layout.load(including: "data.yaml")
        #expect(packs == nil)
        #expect(included.map(\.description).count == 1, "\(included)")
        #expect(included.first?.description.contains("main.yaml:3:11: error: included file 'data.yaml' is not a rule pack (") == true, "\(included)")
        #expect(!Self.leaks(included))
    }

    @Test(arguments: NotAPack.allCases)
    func variablesAndWaiverFilesThatAreNotOursAreOneErrorWithoutTheirContents(kind: NotAPack) {
        let source = PackSource(path: "secret.txt", bytes: kind.bytes)
        let variables = VariableFileLoader.load(source).1.map(\.description)
        #expect(variables.count == 1 && variables[0].hasPrefix("secret.txt: error: not a variables file ("), "\(variables)")
        let waivers = WaiverLoader.load(source).diagnostics.map(\.description)
        #expect(waivers.count == 1 && waivers[0].hasPrefix("secret.txt: error: not a waiver file ("), "\(waivers)")
        #expect(!(variables + waivers).contains { $0.contains(Self.marker) || $0.contains("root:") })
    }

    @Test func aPackWithBrokenYAMLStillGetsItsSyntaxErrors() {
        let text = "hostcheck: 1\npack: { id: x, version: '1' }\nrules:\n  - id: a\n   bad: [\n"
        let diagnostics = PackLoader.lint([TestSupport.source(text)])
        #expect(diagnostics.contains { $0.description.contains("yaml syntax error") }, "\(diagnostics)")
        #expect(!diagnostics.contains { $0.description.contains("not a rule pack") })
    }

    @Test func inMemoryIncludesAreConfinedLexically() {
        let options = PackLoadOptions(readFile: { _ in Array(IncludeConfinementTests.pack(id: "other").utf8) })
        let text = "hostcheck: 1\npack: { id: main, version: '1' }\ninclude: [../up.yaml, side.yaml]\nrules: []\n"
        let (_, diagnostics) = PackLoader.load([PackSource(path: "packs/main.yaml", bytes: Array(text.utf8))], options: options)
        let errors = TestSupport.errors(diagnostics)
        #expect(errors.count == 1 && errors[0].hasPrefix("packs/main.yaml:3:11: error: include '../up.yaml' is outside"), "\(errors)")
    }
}
