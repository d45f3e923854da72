// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "hostcheck",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "hostcheck", targets: ["hostcheck"]),
        .library(name: "HostCheckCore", targets: ["HostCheckCore"]),
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
        .target(
            name: "HostCheckBuiltinPacks",
            exclude: ["rules/listener-allowlist.example.yaml"],
            resources: [
                .embedInCode("rules/legacy-cleartext.yaml"),
                .embedInCode("rules/loopback-only-datastores.yaml"),
                .embedInCode("rules/magaya-network.yaml"),
                .embedInCode("rules/remote-admin.yaml"),
                .embedInCode("rules/windows-exposure.yaml"),
            ],
            swiftSettings: swiftSettings
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
        .executableTarget(
            name: "hostcheck",
            dependencies: ["HostCheckCLI"],
            // The release binary (static Swift runtime, position-independent, full RELRO) is
            // built by scripts/build-release.sh with command-line linker flags; this manifest has none.
            // FoundationEssentials' own libraries (_FoundationCShims, _FoundationCollections)
            // need no naming: the toolchain's autolink entries bring them into the static link.
            swiftSettings: swiftSettings
        ),
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
            name: "HostCheckCLITests",
            dependencies: ["hostcheck", "HostCheckCLI", "HostCheckCore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
