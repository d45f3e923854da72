// swift-tools-version: 6.2
// A fixture for .ci/run (docs/swift-extensions.md): a package whose rule pack is broken.
// `swift package hostcheck lint` must print located errors and exit non-zero, and `swift build`
// must fail in the HostCheckPackEmbed plugin with the same located errors.
import PackageDescription

let package = Package(
    name: "broken-packs",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "hostcheck", path: "../../.."),
    ],
    targets: [
        .target(
            name: "BrokenPacks",
            // rules is a symlink to the package's rules/, read by the plugin.
            exclude: ["rules"],
            plugins: [.plugin(name: "HostCheckPackEmbed", package: "hostcheck")]
        ),
    ]
)
