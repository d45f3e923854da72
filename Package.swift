// swift-tools-version: 6.2
import Foundation
import PackageDescription

// The libFuzzer build (scripts/fuzz.sh, docs/fuzzing.md) instruments every executable it builds, and
// an instrumented executable with its own `main` does not link; with HOSTCHECK_FUZZ=1 the pack
// embedding plugin (and so its tool) is left out of the graph. No fuzz target needs the packs.
let fuzzBuild = ProcessInfo.processInfo.environment["HOSTCHECK_FUZZ"] == "1"

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "hostcheck",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "hostcheck", targets: ["hostcheck"]),
        .library(name: "HostCheckCore", targets: ["HostCheckCore"]),
        // The Swift extension seam (docs/swift-extensions.md): a package builds its own
        // hostcheck on HostCheckKit and passes its own Registry to HostCheckMain.main(registry:).
        .library(name: "HostCheckKit", targets: ["HostCheckKit"]),
        // Validates a target's rules/*.yaml at build time and embeds them (docs/swift-extensions.md).
        .plugin(name: "HostCheckPackEmbed", targets: ["HostCheckPackEmbed"]),
        // `swift package hostcheck lint|test [PATH ...]` on a package's rules/.
        .plugin(name: "HostCheckCommand", targets: ["HostCheckCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "HostCheckCore", swiftSettings: swiftSettings),
        .target(
            name: "HostCheckRules",
            dependencies: [
                "HostCheckCore", "CLibYAML",
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "CHostCheckLinux", cSettings: [.define("_GNU_SOURCE")]),
        .target(
            name: "HostCheckProbes",
            dependencies: ["HostCheckCore", "CHostCheckLinux"],
            swiftSettings: swiftSettings
        ),
        .target(name: "HostCheckReporters", dependencies: ["HostCheckCore"], swiftSettings: swiftSettings),
        // rules/ (a symlink to the top-level rules/) is read by the HostCheckPackEmbed plugin,
        // which validates every pack and generates the Swift source holding their bytes; the
        // embedding tool depends on HostCheckRules only, so there is no cycle
        // (docs/architecture.md, "Embedding packs at build time").
        .target(
            name: "HostCheckBuiltinPacks",
            exclude: ["rules"],
            swiftSettings: swiftSettings,
            plugins: fuzzBuild ? [] : ["HostCheckPackEmbed"]
        ),
        .executableTarget(
            name: "hostcheck-pack-embed",
            dependencies: ["HostCheckRules", "HostCheckCore"],
            swiftSettings: swiftSettings
        ),
        .plugin(name: "HostCheckPackEmbed", capability: .buildTool(), dependencies: ["hostcheck-pack-embed"]),
        .plugin(
            name: "HostCheckCommand",
            capability: .command(
                intent: .custom(verb: "hostcheck", description: "Lint or test the rule packs in rules/ (or the paths given) with hostcheck")
            )
            // No dependency on the hostcheck executable: a plugin's dependencies are built a second
            // time as host tools by every `swift build`. The plugin asks SwiftPM to build the
            // hostcheck product instead, in the package's own build directory.
        ),
        .target(
            name: "HostCheckCLI",
            dependencies: [
                "HostCheckCore", "HostCheckRules", "HostCheckProbes", "HostCheckReporters",
                "HostCheckBuiltinPacks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HostCheckKit",
            dependencies: [
                "HostCheckCore", "HostCheckRules", "HostCheckProbes", "HostCheckReporters", "HostCheckBuiltinPacks",
                "HostCheckCLI",
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hostcheck",
            dependencies: ["HostCheckCLI"],
            // The release binary (static Swift runtime, position-independent, full RELRO) is
            // built by scripts/build-release.sh with command-line linker flags; this manifest has none.
            // FoundationEssentials' own libraries (_FoundationCShims, _FoundationCollections)
            // need no naming: the toolchain's autolink entries bring them into the static link.
            swiftSettings: swiftSettings
        ),
        // Fuzz targets (docs/fuzzing.md): each replays its corpus in Fuzz/Corpus/<target>, or is
        // libFuzzer's entry when built with -DHOSTCHECK_FUZZ and --sanitize=fuzzer (scripts/fuzz.sh).
        .target(
            name: "HostCheckFuzzProperties",
            dependencies: ["HostCheckCore", "HostCheckRules", "HostCheckProbes"],
            path: "Fuzz/Properties",
            swiftSettings: swiftSettings
        ),
    ] + ["packs", "captures", "snapshots", "waivers", "csv", "hostjson"].map { name in
        .executableTarget(
            name: "fuzz-\(name)", dependencies: ["HostCheckFuzzProperties"], path: "Fuzz/Targets/\(name)",
            swiftSettings: swiftSettings
        )
    } + [
        .testTarget(name: "HostCheckFuzzTests", dependencies: ["HostCheckFuzzProperties", "HostCheckCore"], swiftSettings: swiftSettings),
        .testTarget(name: "HostCheckCoreTests", dependencies: ["HostCheckCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HostCheckRulesTests",
            dependencies: ["HostCheckRules", "HostCheckCore", "HostCheckBuiltinPacks"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostCheckProbesTests",
            dependencies: ["HostCheckProbes", "HostCheckCore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostCheckReportersTests",
            dependencies: ["HostCheckReporters", "HostCheckCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostCheckPackEmbedTests",
            dependencies: ["hostcheck-pack-embed", "HostCheckRules", "HostCheckCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostCheckCLITests",
            dependencies: ["hostcheck", "HostCheckCLI", "HostCheckCore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
