import Faces
import Testing

/// Thresholds for a target false-accept rate on hand-made distances whose answers are counted by hand.
@Suite struct CalibrationTests {
    /// Impostors at 0.1, 0.2, …, 1.0; genuine pairs spread among them.
    let distributions: DistanceDistributions

    init() throws {
        distributions = try DistanceDistributions(
            genuine: [0.95, 0.05, 0.35, 0.15, 0.55],
            impostor: (1...10).map { Float($0) / 10 }.reversed())
    }

    @Test func oneInTenImpostorsAccepted() throws {
        let report = try CalibrationReport(distributions: distributions, targetFalseAcceptRate: 0.1)
        // Only the impostor at 0.1 lies below 0.2; genuine 0.05 and 0.15 are accepted.
        #expect(report.threshold == Float(2) / 10)
        #expect(report.falseAcceptRate == 0.1)
        #expect(report.falseRejectRate == 0.6)
        #expect(report.genuineCount == 5)
        #expect(report.impostorCount == 10)
    }

    @Test func zeroTargetRejectsEveryImpostor() throws {
        let report = try CalibrationReport(distributions: distributions, targetFalseAcceptRate: 0)
        #expect(report.threshold == Float(1) / 10)
        #expect(report.falseAcceptRate == 0)
        #expect(report.falseRejectRate == 0.8)
    }

    @Test func targetBetweenStepsRoundsDown() throws {
        // 0.25 allows 2.5 impostors: only 2 may pass, so the threshold is the third, 0.3.
        let report = try CalibrationReport(distributions: distributions, targetFalseAcceptRate: 0.25)
        #expect(report.threshold == Float(3) / 10)
        #expect(report.falseAcceptRate == 0.2)
    }

    @Test func fullTargetAcceptsEverything() throws {
        let report = try CalibrationReport(distributions: distributions, targetFalseAcceptRate: 1)
        #expect(report.threshold > 1)
        #expect(report.falseAcceptRate == 1)
        #expect(report.falseRejectRate == 0)
    }

    @Test func targetWhoseProductRoundsBelowItsInteger() throws {
        // 0.29 × 100 is 28.999… in Double; 29 of 100 impostors may still pass.
        let impostor = (0..<100).map { Float($0) }
        let report = try CalibrationReport(
            distributions: DistanceDistributions(genuine: [0], impostor: impostor), targetFalseAcceptRate: 0.29)
        #expect(report.threshold == 29)
        #expect(report.falseAcceptRate == 0.29)
    }

    @Test func tiesAtTheThresholdAreAllRejected() throws {
        let report = try CalibrationReport(
            distributions: DistanceDistributions(genuine: [0.2], impostor: [0.3, 0.5, 0.3, 0.3]),
            targetFalseAcceptRate: 0.5)
        #expect(report.threshold == 0.3)
        #expect(report.falseAcceptRate == 0)
        #expect(report.falseRejectRate == 0)
    }

    @Test func allPairsFromLabelledDescriptors() throws {
        let descriptors = [[0], [1], [3], [3.5]].map { FaceDescriptor($0) }
        let labels = ["a", "a", "b", "b"]
        let pairs = try DistanceDistributions(descriptors: descriptors, labels: labels)
        #expect(pairs.genuine == [0.5, 1])
        #expect(pairs.impostor == [2, 2.5, 3, 3.5])
        let report = try CalibrationReport(descriptors: descriptors, labels: labels, targetFalseAcceptRate: 0.25)
        #expect(report.threshold == 2.5)
        #expect(report.falseAcceptRate == 0.25)
        #expect(report.falseRejectRate == 0)
    }

    @Test func badInputThrows() throws {
        #expect(throws: CalibrationError.self) {
            try CalibrationReport(distributions: distributions, targetFalseAcceptRate: 1.5)
        }
        #expect(throws: CalibrationError.self) {
            try DistanceDistributions(descriptors: [FaceDescriptor([0])], labels: [])
        }
        #expect(throws: CalibrationError.self) {
            try DistanceDistributions(descriptors: [FaceDescriptor([0]), FaceDescriptor([1])], labels: ["a", "a"])
        }
    }
}
