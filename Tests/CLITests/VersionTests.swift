import Foundation
import Testing
import TestSupport

@Suite struct VersionTests {
    @Test func versionIsPrintedAlone() throws {
        let result = try FootfallProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.isEmpty == false)
    }
}
