// swift-tools-version:6.1
import PackageDescription

/// Hot loops need the vector ISA spelled out: a plain release build targets SSE only and turns
/// every SIMD fused multiply-add into a library call (see PERF-NOTES). x86-64-v3 (AVX2 + FMA) runs
/// on every x86 server since 2013; AVX-512 speed comes from OpenBLAS, which picks kernels at run time.
#if arch(x86_64)
let vectorISA: [String] = ["-Xcc", "-march=x86-64-v3"]
let vectorISAForC: [String] = ["-march=x86-64-v3"]
#else
let vectorISA: [String] = []
let vectorISAForC: [String] = []
#endif

let package = Package(
    name: "Footfall",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Neural", targets: ["Neural"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "Faces", targets: ["Faces"]),
        .library(name: "FootfallCore", targets: ["FootfallCore"]),
        .executable(name: "footfall", targets: ["footfall"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Without its default traits (swift-configuration support): configuration comes from
        // the command line here.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // System libraries: module maps only.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg",
                       providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),

        // Numeric kernels, kept apart from graph logic so they can carry their own optimisation
        // flags: unchecked arithmetic and the vector ISA, in debug builds too.
        .target(name: "NeuralKernels", dependencies: ["CBLAS"],
                swiftSettings: [.unsafeFlags(["-Ounchecked"] + vectorISA)]),
        .target(name: "Neural", dependencies: ["NeuralKernels"]),
        // The gallery's int8 first pass, in C for AVX2's vpmaddwd (a portable loop elsewhere).
        .target(name: "CGalleryKernels", cSettings: [.unsafeFlags(["-O3"] + vectorISAForC)]),
        .target(name: "Imaging", dependencies: ["CTurboJPEG", "CPNG"],
                swiftSettings: [.unsafeFlags(["-O"] + vectorISA)]),
        .target(name: "Faces", dependencies: ["Neural", "Imaging", .product(name: "Crypto", package: "swift-crypto")]),
        // The site: members, samples, events and visits in a store (SQLite or PostgreSQL) and
        // the in-memory gallery the door recognises from. No HTTP here.
        .target(name: "FootfallCore", dependencies: [
            "Faces", "NeuralKernels", "CGalleryKernels",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // `footfall serve`: the HTTP APIs and pages over FootfallCore. No face logic, no SQL.
        .target(name: "FootfallServer", dependencies: [
            "Faces", "FootfallCore", "Imaging",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "MultipartKit", package: "multipart-kit"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .executableTarget(name: "footfall", dependencies: [
            "Faces", "FootfallCore", "FootfallServer", "NeuralKernels", "Imaging",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "NeuralTests", dependencies: ["Neural", "Imaging", "TestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"]),
        .testTarget(name: "FacesTests", dependencies: ["Faces", "TestSupport"]),
        .testTarget(name: "FootfallCoreTests", dependencies: ["FootfallCore", "TestSupport"]),
        .testTarget(name: "FootfallServerTests", dependencies: [
            "FootfallServer", "FootfallCore", "Faces", "Imaging", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // The `footfall` binary run as a process; `swift test` builds it beside the tests.
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
