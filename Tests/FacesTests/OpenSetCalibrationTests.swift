import Faces
import Testing

/// The threshold rule of open-set calibration on scores placed by hand, for distances and for
/// confidences.
@Suite struct OpenSetCalibrationTests {
    private let distances: [Float] = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 1.0, 0.4, 0.8, 0.6]

    /// Target 0.2 of 10 scores lets k = 2 through: the threshold lies halfway between the
    /// second and third smallest distances, 0.2 and 0.3.
    @Test func distanceThresholdLetsTheTargetShareThrough() throws {
        let calibration = try OpenSetCalibration(strangerScores: distances, scoreOrder: .smallerIsSurer, targetFalseAcceptRate: 0.2)
        #expect(abs(calibration.threshold - 0.25) < 1e-6)
        #expect(calibration.acceptedStrangers == 2)
        #expect(calibration.falseAcceptRate == 0.2)
    }

    /// Below 1/N no stranger may pass: the threshold sits just short of the closest one.
    @Test func targetBelowResolutionAcceptsNoStranger() throws {
        let calibration = try OpenSetCalibration(strangerScores: distances, scoreOrder: .smallerIsSurer, targetFalseAcceptRate: 0.05)
        #expect(calibration.threshold < 0.1 && calibration.threshold > 0.0999)
        #expect(calibration.acceptedStrangers == 0)
        #expect(!ScoreOrder.smallerIsSurer.accepts(0.1, threshold: calibration.threshold))
    }

    /// Equal scores pass together or not at all: with the 2nd and 3rd tied at 0.2, a target of
    /// 0.2 can let only the first through (a threshold between 0.1 and 0.2).
    @Test func tiedScoresAreNotSplit() throws {
        let tied: [Float] = [0.1, 0.2, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        let calibration = try OpenSetCalibration(strangerScores: tied, scoreOrder: .smallerIsSurer, targetFalseAcceptRate: 0.2)
        #expect(abs(calibration.threshold - 0.15) < 1e-6)
        #expect(calibration.acceptedStrangers == 1)
        let allTied = try OpenSetCalibration(strangerScores: [Float](repeating: 0.3, count: 10), scoreOrder: .smallerIsSurer,
                                             targetFalseAcceptRate: 0.5)
        #expect(allTied.acceptedStrangers == 0 && allTied.threshold < 0.3)
    }

    /// Probabilities: larger is surer, so the 3 highest (1.0, 0.9, 0.8) pass at target 0.3,
    /// with the threshold halfway to the fourth, 0.7.
    @Test func confidenceThresholdMirrorsTheRule() throws {
        let calibration = try OpenSetCalibration(strangerScores: distances, scoreOrder: .largerIsSurer, targetFalseAcceptRate: 0.3)
        #expect(abs(calibration.threshold - 0.75) < 1e-6)
        #expect(calibration.acceptedStrangers == 3)
        #expect(ScoreOrder.largerIsSurer.accepts(0.8, threshold: calibration.threshold))
        #expect(!ScoreOrder.largerIsSurer.accepts(0.7, threshold: calibration.threshold))
    }

    @Test func targetOutsideTheUnitIntervalIsRefused() {
        for target in [0, 1, -0.1, 2] {
            #expect(throws: LearningError.self) {
                try OpenSetCalibration(strangerScores: distances, scoreOrder: .smallerIsSurer, targetFalseAcceptRate: target)
            }
        }
    }
}
